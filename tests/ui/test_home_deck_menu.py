"""The home screen's decks have a context menu (a right-click or the Menu key): study the
deck, change its options, manage decks; options saved there apply to the deck at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from tests.ui.keys import open_window
from trainer.services.services import Services
from trainer.ui.deck_options_dialog import DeckOptionsDialog


def test_right_click_on_a_deck_opens_its_options_and_saves_them(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = open_window(qtbot, services, data_dir)
    table = window.home.table
    table.setFocus()
    table.selectRow(0)
    deck = window.home.model.deck_at(0)
    assert deck is not None
    seen: dict[str, object] = {}

    def set_new_limit_and_save() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DeckOptionsDialog)
        seen["title"] = dialog.windowTitle()
        dialog.new_per_day.setValue(7)
        dialog.accept()

    def choose_options() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen["items"] = [a.text().replace("&", "") for a in menu.actions() if a.text()]
        QTimer.singleShot(0, set_new_limit_and_save)
        options = next(a for a in menu.actions() if a.text().replace("&", "") == "Options…")
        menu.setActiveAction(options)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(50, choose_options)
    # a right-click through the window, as the platform delivers it
    cell = table.visualRect(window.home.model.index(0, 0)).center()
    where = table.viewport().mapTo(window, cell)
    qtbot.mouseClick(window.windowHandle(), Qt.MouseButton.RightButton, pos=where)
    qtbot.waitUntil(lambda: "title" in seen)
    assert seen["items"] == ["Study this deck", "Options…", "Manage decks…"]
    stored = next(d for d in services.decks.decks() if d.id == deck.deck_id)
    assert stored.options.new_per_day == 7
    assert window.home.model.deck_at(0) is not None  # the home still lists its decks
