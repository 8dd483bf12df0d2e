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
