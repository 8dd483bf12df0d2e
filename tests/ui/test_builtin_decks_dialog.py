"""Cards > Built-in decks…: tick the optional deck to add it, clear it to remove it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.keys import open_window
from trainer.services.services import Services
from trainer.ui.builtin_decks_dialog import BuiltinDecksDialog

OPTIONAL = "NetflixCS service floor"


def deck_names(services: Services) -> set[str]:
    return {deck.name for deck in services.decks.decks()}


def test_ticking_the_optional_deck_adds_it_and_clearing_removes_it(
    qtbot: QtBot, services: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, services, data_dir)
    action = next(a for a in window.cards_menu.actions() if a.text() == "B&uilt-in decks…")
    done: list[bool] = []

    def use_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BuiltinDecksDialog)
        standard = dialog.boxes["Interview FAQ"]
        assert standard.isChecked() and not standard.isEnabled()
        box = dialog.boxes[OPTIONAL]
        assert not box.isChecked() and box.isEnabled()
        assert OPTIONAL not in deck_names(services)

        box.click()
        assert OPTIONAL in deck_names(services)
        assert services.undo.next_label == f"Add deck {OPTIONAL}"

        monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
        box.click()
        assert box.isChecked() and OPTIONAL in deck_names(services)  # declined: kept

        monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
        box.click()
        assert not box.isChecked() and OPTIONAL not in deck_names(services)
        done.append(True)
        dialog.reject()

    QTimer.singleShot(0, use_the_dialog)
    action.trigger()
    assert done, "the dialog did not open or its checks failed"
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, BuiltinDecksDialog)]
    services.undo.undo()  # the removal, undone from the main window
    assert OPTIONAL in deck_names(services)
