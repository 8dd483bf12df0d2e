"""Damaging a collection file on purpose, page by page, for the integrity-check tests."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


def add_filler(path: Path) -> None:
    """An extra table spanning many pages, in a collection that is otherwise sound."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE filler (x TEXT)")
        connection.executemany("INSERT INTO filler VALUES (hex(randomblob(200)))", [()] * 200)
        connection.commit()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def clobber(path: Path, name: str) -> bytes:
    """Overwrite the start of the last page of table or index `name` (its header, so SQLite
    notices); returns the file's damaged bytes."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = connection.execute(
            "SELECT max(pageno) FROM dbstat WHERE name = ?", (name,)
        ).fetchone()[0]
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    assert page is not None, f"no pages for {name}"
    data = bytearray(path.read_bytes())
    start = (page - 1) * size
    data[start : start + 512] = b"\xff" * 512
    path.write_bytes(bytes(data))
    return bytes(data)


def garble_schema(path: Path, index: str) -> bytes:
    """End the stored SQL of `index` with a byte that is not UTF-8, as a flipped bit can:
    SQLite's own error message then holds that byte. Returns the file's damaged bytes."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute(
            "UPDATE sqlite_master SET sql = CAST(CAST(sql AS BLOB) || X'A8' AS TEXT) "
            "WHERE name = ?",
            (index,),
        )
        connection.commit()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


def null_card_state(path: Path) -> bytes:
    """A NULL in the NOT NULL column `cards.state`, as a flipped serial-type byte can leave.
    SQL refuses to write one: the declaration is lifted and the trigger that counts states is
    dropped around the update, then both are put back."""
    with closing(sqlite3.connect(path)) as connection:
        (sql,) = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'cards'").fetchone()
        (trigger,) = connection.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'card_count_update'"
        ).fetchone()
        connection.execute("DROP TRIGGER card_count_update")
        connection.execute("PRAGMA writable_schema = ON")
        lifted = sql.replace("state INTEGER NOT NULL", "state INTEGER")
        connection.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'cards'", (lifted,))
        connection.commit()
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("UPDATE cards SET state = NULL WHERE id = (SELECT max(id) FROM cards)")
        connection.execute(trigger)
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'cards'", (sql,))
        connection.commit()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()
