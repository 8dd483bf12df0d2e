"""A big Anki package is read a piece at a time: its zstd-compressed collection is
decompressed straight from the zip entry. The whole entry was read into memory first (and
joined: twice its size), 100 MB more at the peak of a 50 MB package's import."""

from __future__ import annotations

import os
import tracemalloc
import zipfile
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
