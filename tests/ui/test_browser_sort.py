"""The browser's Question column, searched from the keyboard, lists cards by what it shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.services.test_front_sort_order import FRONTS, SHOWN_IN_ORDER, add_deck
from tests.ui.keys import open_window, press
from trainer.services.services import Services

CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_question_column_lists_what_it_shows_in_a_to_z_order(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    add_deck(services, FRONTS)
    window = open_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_3, CTRL)
    press(qtbot, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.browser.search, "deck:Sorting")
    press(qtbot, Qt.Key.Key_Return)
    model = window.browser.model
    qtbot.waitUntil(lambda: model.rowCount() == len(FRONTS))
    column = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert column == SHOWN_IN_ORDER
