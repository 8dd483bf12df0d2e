"""The story list model: titles, ids, renaming in place through a request."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from trainer.core.stories import Story
from trainer.ui.stories.story_list_model import STORY_ID_ROLE, StoryListModel

A = Story(2, "Ending the trial", "", "", "I cut it.", "", "", "", "")
B = Story(1, "", "", "", "", "", "", "", "")


def test_rows_show_titles_and_untitled_stories(qtbot: QtBot) -> None:
    model = StoryListModel()
    model.set_stories([A, B])
    assert model.rowCount() == 2
    assert model.data(model.index(0)) == "Ending the trial"
    assert model.data(model.index(1)) == "Untitled story"
    assert model.data(model.index(1), Qt.ItemDataRole.EditRole) == ""
    assert model.data(model.index(0), STORY_ID_ROLE) == 2
    assert "3 words" in model.data(model.index(0), Qt.ItemDataRole.ToolTipRole)
    assert model.row_of(1) == 1 and model.row_of(99) == -1
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsEditable


def test_editing_a_title_requests_a_rename_and_update_shows_it(qtbot: QtBot) -> None:
    model = StoryListModel()
    model.set_stories([A, B])
    with qtbot.waitSignal(model.rename_requested) as blocker:
        assert model.setData(model.index(1), "  New name ")
    assert blocker.args == [1, "New name"]
    assert model.data(model.index(1)) == "Untitled story"  # unchanged until it is saved

    with qtbot.waitSignal(model.dataChanged):
        model.update_story(replace(B, title="New name"))
    assert model.data(model.index(1)) == "New name"


def test_setting_the_same_title_requests_nothing(qtbot: QtBot) -> None:
    model = StoryListModel()
    model.set_stories([A])
    with qtbot.assertNotEmitted(model.rename_requested):
        assert model.setData(model.index(0), "Ending the trial")
