"""E on the study screen edits the card being studied, as in Anki: the fix shows at once,
and Ctrl+Z takes the edit back, on screen too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.keys import open_window, press
from trainer.services.services import Services

CTRL = Qt.KeyboardModifier.ControlModifier


def test_e_edits_the_studied_card_and_ctrl_z_takes_the_edit_back(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    from trainer.ui.edit_card_dialog import EditCardDialog

    window = open_window(qtbot, services, data_dir)
    window.start_study(None)
    card = window.study.session.current
    assert card is not None
    press(qtbot, Qt.Key.Key_Space)  # the answer shows: the typo is seen there
    press(qtbot, Qt.Key.Key_E)
    dialog = window.findChild(EditCardDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.editor.front.hasFocus)
    dialog.editor.back.setPlainText("A corrected answer.")
    press(qtbot, Qt.Key.Key_S, CTRL)  # save, as in the browser
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(window.study.hasFocus)
    assert services.browse.card(card.id).back == "A corrected answer."
    assert "A corrected answer." in window.study.back.toPlainText()
    assert window.study.session.current.id == card.id  # still on the same card, answered
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert services.browse.card(card.id).back == card.back
    assert "A corrected answer." not in window.study.back.toPlainText()


def test_an_empty_answer_is_refused_in_the_dialog_and_nothing_changes(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    from trainer.ui.edit_card_dialog import EditCardDialog

    window = open_window(qtbot, services, data_dir)
    window.start_study(None)
    card = window.study.session.current
    assert card is not None
    press(qtbot, Qt.Key.Key_E)
    dialog = window.findChild(EditCardDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.editor.front.hasFocus)
    dialog.editor.back.setPlainText("   ")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert dialog.isVisible() and dialog.editor.error.isVisible()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert services.browse.card(card.id) == card
