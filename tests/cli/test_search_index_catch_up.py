"""Someone who only uses the command line gets their imports' cards into the full-text
index too: the window catches it up after it starts, the next command does without one."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from trainer.cli.main import main
from trainer.services import search_index_service
from trainer.storage.data_lock import DataFolderLock, FolderInUse
from trainer.storage.search_index import catch_up


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


def test_a_reading_command_lets_go_of_the_folder_before_it_catches_the_index_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The catch-up may take seconds: a writer started meanwhile (the window, `keeper add`)
    is not refused for it."""
    data = tmp_path / "data"
    rows = "".join(f"perro {n},dog {n},spanish\n" for n in range(40))
    (tmp_path / "vocab.csv").write_text("front,back,tags\n" + rows)
    keeper(capsys, data, "import", str(tmp_path / "vocab.csv"))
    writers: list[str] = []

    def catch_up_beside_a_writer(*args: Any, **kwargs: Any) -> int:
        try:
            with DataFolderLock(data, "keeper add"):  # another writer, started meanwhile
                writers.append("let in")
        except FolderInUse:
            writers.append("refused")
        return catch_up(*args, **kwargs)

    monkeypatch.setattr(search_index_service, "catch_up", catch_up_beside_a_writer)
    found = json.loads(keeper(capsys, data, "cards", "--search", "perro", "--json"))

    assert writers == ["let in"]
    assert waiting_for_the_index(data) == 0 and len(found) == 40
