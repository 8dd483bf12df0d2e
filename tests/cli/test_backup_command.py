"""`keeper backup`: a damaged collection is reported with a pointer to backups, then restored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def keeper(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trainer", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=os.environ.copy(),
    )


def test_damaged_collection_then_restore_latest_brings_the_last_backup_back(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "d"
    added = keeper(data_dir, "decks", "--json")
    assert added.returncode == 0
    created = keeper(data_dir, "backup", "create")
    assert created.returncode == 0 and "Backed up to" in created.stdout
    listed = json.loads(keeper(data_dir, "backup", "list", "--json").stdout)
    assert [entry["reason"] for entry in listed] == ["manual"]

    database = data_dir / "collection.sqlite3"
    data = bytearray(database.read_bytes())
    data[0:100] = b"\xde\xad\xbe\xef" * 25  # overwrite the header
    database.write_bytes(bytes(data))

    broken = keeper(data_dir, "decks")
    assert broken.returncode != 0
    assert "Traceback" not in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1
    assert "keeper backup restore latest" in broken.stderr
    assert database.read_bytes() == bytes(data), "the damaged file must not be touched"

    restored = keeper(data_dir, "backup", "restore", "latest")
    assert restored.returncode == 0, restored.stderr
    decks = json.loads(keeper(data_dir, "decks", "--json").stdout)
    assert len(decks) == 4
    aside = list(data_dir.glob("collection.sqlite3.damaged-*"))
    assert [p for p in aside if not p.name.endswith(("-wal", "-shm"))][0].read_bytes() == bytes(
        data
    )


def test_restoring_an_unknown_backup_names_it_and_changes_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    nothing_yet = keeper(data_dir, "backup", "create")
    assert nothing_yet.returncode == 1 and "there is no collection" in nothing_yet.stderr
    keeper(data_dir, "decks")
    keeper(data_dir, "backup", "create")
    before = (data_dir / "collection.sqlite3").read_bytes()
    result = keeper(data_dir, "backup", "restore", "keeper-19990101")
    assert result.returncode == 1
    assert "no backup named 'keeper-19990101'" in result.stderr
    assert (data_dir / "collection.sqlite3").read_bytes() == before
