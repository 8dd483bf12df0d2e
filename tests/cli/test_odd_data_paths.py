"""A data folder may have any legal name: `#`, `?`, `%`, spaces, non-ASCII.

Keeper once opened SQLite files as unescaped `file:` URIs (and SQLAlchemy URLs): with `#`
a backup was an empty database and restoring it wiped the collection; with `?` every command
failed and a stray file appeared beside the folder.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from trainer.cli.main import main

ODD_NAMES = ["hash#x", "query?x=1", "percent%41x", "two words", "résumé ☃ 日本"]


def fronts(database: Path) -> set[str]:
    with closing(sqlite3.connect(database)) as connection:
        return {row[0] for row in connection.execute("SELECT front FROM cards")}


def cards_of(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> set[str]:
    assert main(["--data-dir", str(data_dir), "cards", "--search", "deck:Mine", "--json"]) == 0
    return {card["front"] for card in json.loads(capsys.readouterr().out)}


@pytest.mark.parametrize("name", ODD_NAMES)
def test_add_backup_and_restore_keep_every_card_in_an_oddly_named_folder(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    parent = tmp_path / "parent"
    data_dir = parent / name
    keeper = ["--data-dir", str(data_dir)]
    assert main([*keeper, "add", "--deck", "Mine", "--front", "kept", "--back", "b"]) == 0
    assert main([*keeper, "backup", "create"]) == 0
    assert main([*keeper, "add", "--deck", "Mine", "--front", "later", "--back", "b"]) == 0
    capsys.readouterr()
    (manual,) = (data_dir / "backups").glob("keeper-*-manual.sqlite3")
    assert fronts(manual) >= {"kept"}, "the backup must hold the collection"

    assert main([*keeper, "backup", "restore", "latest"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert cards_of(data_dir, capsys) == {"kept"}
    (before,) = (data_dir / "backups").glob("keeper-*-before-restore.sqlite3")
    assert fronts(before) >= {"kept", "later"}, "the collection as it was must be kept"
    assert [p.name for p in parent.iterdir()] == [name], "nothing is written beside the folder"


def test_keeper_data_dir_with_odd_characters_through_the_real_command(tmp_path: Path) -> None:
    parent = tmp_path / "parent"
    data_dir = parent / "a#b?c%41 é"
    env = {**os.environ, "KEEPER_DATA_DIR": str(data_dir)}

    def keeper(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "trainer", *args],
            capture_output=True, text=True, timeout=120, env=env,
        )  # fmt: skip

    for args in (
        ("add", "--deck", "Mine", "--front", "kept", "--back", "b"),
        ("backup", "create"),
        ("backup", "restore", "latest"),
    ):
        done = keeper(*args)
        assert done.returncode == 0, done.stderr
    listed = keeper("cards", "--search", "deck:Mine", "--json")
    assert [card["front"] for card in json.loads(listed.stdout)] == ["kept"]
    assert [p.name for p in parent.iterdir()] == [data_dir.name]
