"""The rooms slowest to build (the browser's and the stories' widgets: 40-65 ms at 100,000
cards, more under load) are built while Keeper is idle after start-up, so their first
visit does not freeze the window building them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.keys import press
from tests.ui.test_upgrade_window import close_when_settled
from trainer.app import OpenApp, open_services, start_app
from trainer.ui.browser_view import BrowserView
from trainer.ui.stories.stories_view import StoriesView

CTRL = Qt.KeyboardModifier.ControlModifier


def started(qtbot: QtBot, tmp_path: Path) -> OpenApp:
    data_dir = tmp_path / "d"
    open_services(data_dir).close()
    opened = start_app(data_dir)
    assert not isinstance(opened, int)
    opened.window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return opened


def rooms(opened: OpenApp) -> list[QWidget]:
    stack = opened.window.rooms
    return [stack.widget(i) for i in range(stack.count())]


def test_the_browser_and_the_stories_are_built_before_their_first_visit(
    qtbot: QtBot, tmp_path: Path
) -> None:
    opened = started(qtbot, tmp_path)
    try:
        qtbot.waitUntil(lambda: opened.opened.after_paint.settled, timeout=30_000)
        built = rooms(opened)
        press(qtbot, Qt.Key.Key_3, CTRL)
        shown = opened.window.rooms.currentWidget()
        assert isinstance(shown, BrowserView) and shown in built
        press(qtbot, Qt.Key.Key_2, CTRL)
        shown = opened.window.rooms.currentWidget()
        assert isinstance(shown, StoriesView) and shown in built
        assert rooms(opened) == built, "no room was built at the click"
    finally:
        close_when_settled(qtbot, opened)


def test_a_room_visited_before_it_was_built_ahead_is_built_once(
    qtbot: QtBot, tmp_path: Path
) -> None:
    opened = started(qtbot, tmp_path)
    try:
        press(qtbot, Qt.Key.Key_2, CTRL)  # before start-up's idle work is done
        visited = opened.window.rooms.currentWidget()
        assert isinstance(visited, StoriesView)
        qtbot.waitUntil(lambda: opened.opened.after_paint.settled, timeout=30_000)
        stories = [room for room in rooms(opened) if isinstance(room, StoriesView)]
        assert stories == [visited]
        assert opened.window.rooms.currentWidget() is visited, "still where the person went"
        assert len([room for room in rooms(opened) if isinstance(room, BrowserView)]) == 1
    finally:
        close_when_settled(qtbot, opened)


def test_the_browsers_first_visit_finds_its_reads_ready(qtbot: QtBot, tmp_path: Path) -> None:
    """SQLAlchemy configures its mappers and compiles each statement on first use: the
    browser's first visit read 60 ms slower than its second at 100,000 cards. Start-up's
    warm-up thread makes those reads once, so the visit compiles nothing new."""
    opened = started(qtbot, tmp_path)
    try:
        qtbot.waitUntil(lambda: opened.opened.after_paint.settled, timeout=30_000)
        compiled = opened.services.database.engine._compiled_cache  # type: ignore[attr-defined]
        known = set(compiled)
        press(qtbot, Qt.Key.Key_3, CTRL)
        browser = opened.window.browser
        qtbot.waitUntil(lambda: browser.model.complete)
        assert browser.model.rowCount() > 0 and browser.editor.card is not None
        assert set(compiled) <= known, "no statement compiled at the first visit"
    finally:
        close_when_settled(qtbot, opened)
