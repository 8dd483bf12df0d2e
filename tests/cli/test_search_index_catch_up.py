"""Someone who only uses the command line gets their imports' cards into the full-text
index too: the window catches it up after it starts, the next command does without one."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from trainer.cli.main import main


def keeper(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> str:
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def waiting_for_the_index(data: Path) -> int:
    with closing(sqlite3.connect(data / "collection.sqlite3")) as connection:
        return connection.execute("SELECT count(*) FROM card_text_pending").fetchone()[0]


def test_the_command_after_an_import_catches_the_search_index_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    rows = "".join(f"perro {n},dog {n},spanish\n" for n in range(40))
    (tmp_path / "vocab.csv").write_text("front,back,tags\n" + rows)
    keeper(capsys, data, "import", str(tmp_path / "vocab.csv"))
    assert waiting_for_the_index(data) == 40  # the import ends as soon as its cards are kept

    found = json.loads(keeper(capsys, data, "cards", "--search", "perro", "--json"))

    assert waiting_for_the_index(data) == 0
    assert sorted(card["front"] for card in found) == sorted(f"perro {n}" for n in range(40))
