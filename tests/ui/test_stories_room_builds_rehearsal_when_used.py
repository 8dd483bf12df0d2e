"""The stories room shows before it builds its rehearsal page: its first opening waited for
the page's widgets (a third of the time, 0.1 s on a loaded machine) before it painted. The
page is built a turn of the event loop later, and rehearsing works as before."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_rehearse_view import CTRL, STORY
from trainer.services.services import Services
from trainer.ui.stories.rehearse_view import RehearseView
from trainer.ui.stories.stories_view import StoriesView


def test_the_rehearsal_page_is_built_after_the_room_shows(qtbot: QtBot, services: Services) -> None:
    services.stories.create(STORY)
    view = StoriesView(services)
    qtbot.addWidget(view)
    view.resize(1100, 720)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.enter()
    assert view.findChildren(RehearseView) == []
    qtbot.waitUntil(lambda: view.findChildren(RehearseView) != [])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, CTRL)
    assert view.pages.currentWidget() is view.rehearse
    assert QApplication.focusWidget() is view.rehearse
    assert STORY.questions.splitlines()[0] in view.rehearse.question.toPlainText()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert view.pages.currentIndex() == 0
    view.enter()  # the room left and entered again: the same page, stopped
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, CTRL)
    assert view.findChildren(RehearseView) == [view.rehearse]
