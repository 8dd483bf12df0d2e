"""Small files that ask an importer for unbounded work: the resource attacks of issue 16.

Each builder writes one file into a folder and returns its path. The Anki ones start from a
real-looking schema-11 collection (one note, one card, one review) and replace one table
with something SQLite computes while it is read: a view counting forever, a virtual table,
a computed column. The zstd bomb and the huge field are packages that are small on disk and
enormous once expanded. `python -m tests.exchange.hostile_files FOLDER` writes them all.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import zipfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import zstandard

MiB = 1024 * 1024
MODELS = {"1": {"id": 1, "name": "Basic", "type": 0,
                "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}],
                "tmpls": [{"ord": 0, "qfmt": "{{Front}}", "afmt": "{{Back}}"}]}}  # fmt: skip
CARD_COLUMNS = "id, nid, did, odid, ord, type, queue, due, ivl, factor, reps, lapses, data"
FOREVER = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
Change = Callable[[sqlite3.Connection], object]


def collection(path: Path, change: Change | None = None) -> Path:
    """A schema-11 Anki collection file (one studied card), then `change(connection)`."""
    with closing(sqlite3.connect(path)) as connection:
        connection.executescript(
            "CREATE TABLE col (crt, models, decks);"
            "CREATE TABLE notes (id, guid, mid, tags, flds);"
            f"CREATE TABLE cards ({CARD_COLUMNS});"
            "CREATE TABLE revlog (id, cid, ease, ivl, factor, time, type);"
            "INSERT INTO notes VALUES (1, 'note-1', 1, ' t ', 'Q' || char(31) || 'A');"
            "INSERT INTO cards VALUES (10, 1, 1, 0, 0, 2, 2, 5, 3, 2500, 1, 0, '');"
            "INSERT INTO revlog VALUES (1700000000000, 10, 3, 3, 2500, 5000, 1);"
        )
        connection.execute(
            "INSERT INTO col VALUES (1700000000, ?, ?)",
            (json.dumps(MODELS), json.dumps({"1": {"id": 1, "name": "Default"}})),
        )
        if change is not None:
            change(connection)
        connection.commit()
    return path


def package(target: Path, database: Path, *, zstd: bool = False) -> Path:
    """`database` as the collection of an .apkg: deflated, or zstd-compressed (anki21b)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        if zstd:
            compressor = zstandard.ZstdCompressor(level=3)
            with database.open("rb") as source:
                archive.writestr("collection.anki21b", compressor.compress(source.read()))
        else:
            archive.write(database, "collection.anki2")
    return target


def anki_package(folder: Path, name: str, change: Change | None, *, zstd: bool = False) -> Path:
    database = collection(folder / f"{name}.anki2", change)
    try:
        return package(folder / f"{name}.apkg", database, zstd=zstd)
    finally:
        database.unlink()


def _replace(table: str, definition: str) -> Change:
    def change(connection: sqlite3.Connection) -> None:
        connection.execute(f"DROP TABLE {table}")
        connection.execute(definition)

    return change


def cards_counting_forever(folder: Path) -> Path:
    """`cards` is a view that never ends, sorted by the importer's ORDER BY: it never returns."""
    view = (
        f"CREATE VIEW cards AS {FOREVER}SELECT i AS id, 1 AS nid, 1 AS did, 0 AS odid, 0 AS ord,"
        " 0 AS type, 0 AS queue, i AS due, 0 AS ivl, 0 AS factor, 0 AS reps, 0 AS lapses,"
        " '' AS data FROM n"
    )
    return anki_package(folder, "cards-forever", _replace("cards", view))


def notes_counting_forever(folder: Path) -> Path:
    """`notes` is a view that never ends: read into a dict, it takes all the memory."""
    view = (
        f"CREATE VIEW notes AS {FOREVER}SELECT i AS id, 'g' || i AS guid, 1 AS mid, '' AS tags,"
        " 'Q' || i || char(31) || 'A' AS flds FROM n"
    )
    return anki_package(folder, "notes-forever", _replace("notes", view))


def cards_as_plain_view(folder: Path) -> Path:
    """A finite view over a real table: still not a table Anki writes."""

    def change(connection: sqlite3.Connection) -> None:
        connection.execute("ALTER TABLE cards RENAME TO real_cards")
        connection.execute(f"CREATE VIEW cards AS SELECT {CARD_COLUMNS} FROM real_cards")

    return anki_package(folder, "cards-view", change)


def notes_as_virtual_table(folder: Path) -> Path:
    """`notes` is a full-text-search virtual table: its module runs code while it is read."""
    definition = "CREATE VIRTUAL TABLE notes USING fts4(id, guid, mid, tags, flds)"

    def change(connection: sqlite3.Connection) -> None:
        _replace("notes", definition)(connection)
        connection.execute("INSERT INTO notes VALUES (1, 'note-1', 1, '', 'Q' || char(31) || 'A')")

    return anki_package(folder, "notes-virtual", change)


def notes_with_a_computed_field(folder: Path) -> Path:
    """`flds` is a generated column: 100 MiB made from nothing each time a row is read."""

    def change(connection: sqlite3.Connection) -> None:
        connection.execute("DROP TABLE notes")
        connection.execute("CREATE TABLE notes (id, guid, mid, tags)")
        connection.executemany(
            "INSERT INTO notes VALUES (?, ?, 1, '')", [(n, f"g{n}") for n in range(1, 200)]
        )
        connection.execute(  # added last: SQLite computes it only when a row is read
            "ALTER TABLE notes ADD COLUMN flds AS"
            " (printf('%.*c', 100 * 1024 * 1024, 'x') || char(31) || 'A')"
        )
        connection.executemany(
            f"INSERT INTO cards ({CARD_COLUMNS}) VALUES (?, ?, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, '')",
            [(100 + n, n) for n in range(2, 200)],
        )

    return anki_package(folder, "notes-computed", change)


def with_triggers(folder: Path) -> Path:
    """Triggers that would empty every table on any write: reading must never fire them."""

    def change(connection: sqlite3.Connection) -> None:
        for table in ("notes", "cards", "revlog", "col"):
            connection.execute(
                f"CREATE TRIGGER wipe_{table} AFTER UPDATE ON {table}"
                f" BEGIN DELETE FROM notes; DELETE FROM cards; END"
            )

    return anki_package(folder, "triggers", change)


def huge_field(folder: Path, size: int = 300 * MiB) -> Path:
    """One note whose front is `size` bytes; zstd makes the package a few hundred KB."""

    def change(connection: sqlite3.Connection) -> None:
        connection.execute(
            "UPDATE notes SET flds = printf('%.*c', ?, 'q') || char(31) || 'A'", (size,)
        )

    return anki_package(folder, "huge-field", change, zstd=True)


def zstd_bomb(folder: Path, size: int = 2048 * MiB) -> Path:
    """A collection.anki21b of `size` zero bytes: a few hundred bytes on disk for 2 GiB."""
    compressor = zstandard.ZstdCompressor(level=1).compressobj(size=size)
    zeros = bytes(64 * MiB)
    parts = [compressor.compress(zeros) for _ in range(size // len(zeros))]
    parts.append(compressor.flush())
    target = folder / "zstd-bomb.apkg"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki21b", b"".join(parts))
    return target


ALL = (
    cards_counting_forever, notes_counting_forever, cards_as_plain_view, notes_as_virtual_table,
    notes_with_a_computed_field, with_triggers, huge_field, zstd_bomb,
)  # fmt: skip


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for build in ALL:
        made = build(out)
        print(f"{made}\t{made.stat().st_size:,} bytes")
