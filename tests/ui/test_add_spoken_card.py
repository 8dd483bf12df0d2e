"""The add form's type choice: Spoken makes a card to answer aloud, its back the rubric."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.keys import open_window
from tests.ui.test_browser import CTRL, focused, press, type_text
from trainer.core.model import CardKind
from trainer.services.services import Services


def test_spoken_in_the_type_choice_adds_a_spoken_card(
    qtbot: QtBot,
    services: Services,
    data_dir: Path,
) -> None:
    window = open_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_N, CTRL)
    editor = window.browser.editor
    assert editor.kind.isVisible() and editor.kind.currentText() == "Basic"
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is editor.kind
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)  # Basic, Cloze, Spoken
    assert editor.kind.currentText() == "Spoken"
    assert "aloud" in editor.front.placeholderText() and "rubric" in editor.back.placeholderText()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is editor.front
    type_text(qtbot, "PM versus PMM: which are you?")
    press(qtbot, Qt.Key.Key_Tab)
    for line in ("- the customer", "- the launch", "- a number"):
        type_text(qtbot, line)
        press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_S, CTRL)
    [added] = services.browse.search('"which are you"')
    card = services.browse.card(added)
    assert card is not None and card.kind is CardKind.SPOKEN
    assert "spoken" in editor.heading.text() and not editor.kind.isEnabled()

    press(qtbot, Qt.Key.Key_N, CTRL)  # a new card starts as the card shown
    assert editor.kind.currentText() == "Spoken" and editor.kind.isEnabled()
