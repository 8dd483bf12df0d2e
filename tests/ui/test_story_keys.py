"""The story editor's keys: Tab follows the page from the title down, and an empty story
is not rehearsed (the reason is said)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_stories_view import CTRL, new_story, open_room
from trainer.services.services import Services


def test_tab_from_the_title_goes_to_the_questions_and_space_types_there(
    qtbot: QtBot, services: Services
) -> None:
    view = open_room(qtbot, services)
    new_story(qtbot, view)
    qtbot.keyClicks(QApplication.focusWidget(), "Pricing")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.editor.questions
    qtbot.keyClicks(QApplication.focusWidget(), "Tell me a risk")
    assert view.pages.currentWidget() is not view.rehearse
    assert view.editor.questions.toPlainText() == "Tell me a risk"
    order = [view.editor.questions, *view.editor.fields.values(), view.editor.tags]
    for expected in order[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # fields pass Tab on
        assert QApplication.focusWidget() is expected


def test_an_empty_story_is_not_rehearsed_and_says_why(qtbot: QtBot, services: Services) -> None:
    view = open_room(qtbot, services)
    new_story(qtbot, view)
    qtbot.keyClicks(QApplication.focusWidget(), "Just a title")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, CTRL)
    assert view.pages.currentWidget() is not view.rehearse
    assert "Nothing to rehearse yet" in view.status.text()
