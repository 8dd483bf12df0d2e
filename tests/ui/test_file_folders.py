"""File dialogs open in your home folder, then in the folder you last picked a file from;
never in the folder Keeper happened to be started from."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from trainer.services.services import Services
from trainer.ui import file_folders, messages
from trainer.ui.exchange_actions import import_with_dialog


def test_import_opens_at_home_then_where_the_last_file_was(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, services: Services, tmp_path: Path
) -> None:
    monkeypatch.setattr(file_folders, "_last_folder", [])
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    started_in = tmp_path / "started-here"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    picked = tmp_path / "downloads" / "deck.csv"
    picked.parent.mkdir()
    picked.write_text("front,back\nQ,A\n", encoding="utf-8")
    asked: list[str] = []

    def dialog(_parent: object, _title: str, folder: str, _filter: str) -> tuple[str, str]:
        asked.append(folder)
        return str(picked), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(dialog))
    monkeypatch.setattr(messages, "information", lambda *a: None)
    import_with_dialog(None, services)
    import_with_dialog(None, services)
    assert asked == [str(tmp_path / "home"), str(picked.parent)]
    assert os.getcwd() == str(started_in) and str(started_in) not in asked
