"""A write that fails (full disk, read-only folder) is one line, and nothing is half-saved."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from trainer.cli.main import main
from trainer.storage.card_repository import CardRepository

GUIDE = "## FAQ\n\n### Why Netflix?\n\nBecause the culture memo describes how I already work.\n"


def test_a_full_disk_during_an_add_is_reported_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "d"
    guide = tmp_path / "guide.md"
    guide.write_text(GUIDE)
    assert main(["--data-dir", str(data_dir), "decks"]) == 0
    capsys.readouterr()

    def disk_full(self: object, *args: object, **kwargs: object) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(CardRepository, "add", disk_full)
    status = main(["--data-dir", str(data_dir), "build-cards", str(guide), "--deck", "Extra"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.count("\n") == 1 and err.startswith("keeper: error: ")
    assert "database or disk is full" in err and "was not saved" in err
    monkeypatch.undo()
    assert main(["--data-dir", str(data_dir), "decks"]) == 0
    assert "Extra" not in capsys.readouterr().out  # the deck made in that transaction is gone
