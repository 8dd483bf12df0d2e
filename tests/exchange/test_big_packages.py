"""A big Anki package is read a piece at a time: its zstd-compressed collection is
decompressed straight from the zip entry. The whole entry was read into memory first (and
joined: twice its size), 100 MB more at the peak of a 50 MB package's import."""

from __future__ import annotations

import os
import sqlite3
import tracemalloc
import zipfile
from contextlib import closing
from pathlib import Path

import pytest
import zstandard

from tests.conftest import START
from trainer.exchange.errors import ExchangeError
from trainer.exchange.formats import read_file

MiB = 1024 * 1024


def test_the_compressed_collection_is_never_held_whole(tmp_path: Path) -> None:
    entry = zstandard.ZstdCompressor(level=1).compress(os.urandom(16 * MiB))  # no smaller
    package = tmp_path / "big.apkg"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("collection.anki21b", entry)
    del entry
    tracemalloc.start()
    try:
        with pytest.raises(ExchangeError, match="big.apkg"):  # noise, not SQLite: refused
            read_file(package, START)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * MiB, f"{peak / MiB:.1f} MiB held for a 16 MiB entry"


def test_the_notes_are_not_all_held_while_the_cards_are_read(tmp_path: Path) -> None:
    """Every note was read into one dict before the cards: a second copy of all the text.
    Here 16 notes of 1 MiB have no card left (a collection Anki has not checked), so any
    note held beyond its cards shows whole in the peak."""
    from tests.exchange.anki_helpers import add_note, anki_collection_at
    from trainer.exchange.anki_import import read_collection

    database = tmp_path / "collection.anki2"
    with anki_collection_at(database) as collection:
        add_note(collection, "Basic", "Default", {"Front": "kept", "Back": "small"})
        big = [
            add_note(collection, "Basic", "Default", {"Front": f"big {n}", "Back": "x" * MiB})
            for n in range(16)
        ]
        big_ids = [note.id for note in big]
    with closing(sqlite3.connect(database)) as db:
        db.execute(f"DELETE FROM cards WHERE nid IN ({','.join(map(str, big_ids))})")
        db.commit()
    tracemalloc.start()
    try:
        loaded = read_collection(database, database, START, rows=10_000)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [card.front for card in loaded.bundle.cards] == ["kept"]
    assert peak < 4 * MiB, f"{peak / MiB:.1f} MiB held to read one small card"
