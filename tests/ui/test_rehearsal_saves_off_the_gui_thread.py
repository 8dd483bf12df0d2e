"""A rehearsal started right after typing writes the story first, on a worker: the commit's
fsync (synchronous=FULL) froze the window 17-256 ms on a busy disk. The window waits for
the write in an event loop, so nothing reads the story before it is written, and the typed
text is there after a restart."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_stories_view import open_room, stored
from trainer.core.clock import FixedClock
from trainer.core.stories import Story
from trainer.services.services import Services

CTRL = Qt.KeyboardModifier.ControlModifier
TYPED = "Sign-ups in Brazil had stalled at 2%."


def test_a_rehearsal_started_right_after_typing_writes_the_story_off_the_gui_thread(
    qtbot: QtBot,
    services: Services,
    data_dir: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services.stories.create()
    view = open_room(qtbot, services)
    on_gui_thread: list[bool] = []
    save = services.stories.save

    def recorded(story: Story) -> Story | None:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return save(story)

    monkeypatch.setattr(services.stories, "save", recorded)
    situation = view.editor.fields["situation"]
    situation.setFocus()
    qtbot.keyClicks(situation, TYPED)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, CTRL)  # before the autosave
    assert view.pages.currentWidget() is view.rehearse
    assert on_gui_thread == [False]
    assert not view.editor.dirty
    assert [story.situation for story in stored(services, data_dir, clock)] == [TYPED]


def test_a_story_that_cannot_be_written_is_not_rehearsed_and_stays_unsaved(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.stories.create()
    view = open_room(qtbot, services)
    told: list[str] = []

    def full(_story: Story) -> Story | None:
        raise OSError("database or disk is full")

    monkeypatch.setattr(services.stories, "save", full)
    monkeypatch.setattr(
        "trainer.ui.stories.stories_view.messages.warning",
        lambda _parent, _title, text: told.append(text),
    )
    situation = view.editor.fields["situation"]
    situation.setFocus()
    qtbot.keyClicks(situation, TYPED)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, CTRL)
    assert view.pages.currentWidget() is not view.rehearse
    assert view.editor.dirty
    assert len(told) == 1 and "disk is full" in told[0]
    monkeypatch.undo()  # the disk has room again: closing the room writes the story
