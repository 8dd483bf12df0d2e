"""The Stories room driven by real key presses: coach findings, highlights, autosave, undo."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from trainer.app import open_services
from trainer.core.clock import FixedClock
from trainer.core.stories import Story
from trainer.services.services import Services
from trainer.ui.main_window import MainWindow
from trainer.ui.stories.stories_view import AUTOSAVE_MS, DeleteChoice, StoriesView

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
DECISION = "It was decided to launch a referral reward. I think maybe it was kind of risky."


def open_room(qtbot: QtBot, services: Services) -> StoriesView:
    view = StoriesView(services)
    qtbot.addWidget(view)
    view.resize(1180, 760)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.enter()
    return view


def new_story(qtbot: QtBot, view: StoriesView) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, CTRL | SHIFT)
    assert view.editor.story_id is not None
    assert QApplication.focusWidget() is view.editor.title


def stored(services: Services, data_dir: Path, clock: FixedClock) -> list[Story]:
    """The stories as a fresh process would read them."""
    other = open_services(data_dir, clock, fuzzing=False)
    try:
        return other.stories.list()
    finally:
        other.close()


def underlined(edit: QPlainTextEdit) -> list[str]:
    """The text the highlighter underlined, read back from each block's layout formats."""
    spans = []
    block = edit.document().firstBlock()
    while block.isValid():
        for fmt in block.layout().formats():
            style = fmt.format.underlineStyle()
            if style == QTextCharFormat.UnderlineStyle.WaveUnderline:
                spans.append(block.text()[fmt.start : fmt.start + fmt.length])
        block = block.next()
    return spans


def test_an_empty_room_invites_a_first_story(qtbot: QtBot, services: Services) -> None:
    view = open_room(qtbot, services)
    assert view.model.rowCount() == 0
    assert view.editor_stack.currentWidget() is view.empty
    new_story(qtbot, view)
    assert view.model.rowCount() == 1
    assert view.editor_stack.currentWidget() is view.editor


def test_typing_shows_findings_and_highlights_them(qtbot: QtBot, services: Services) -> None:
    view = open_room(qtbot, services)
    new_story(qtbot, view)
    qtbot.keyClicks(view.editor.title, "Referral launch")
    decision = view.editor.fields["decision"]
    qtbot.keyClicks(decision, DECISION)

    rules = {(f.field, f.rule) for f in view.findings.findings}
    assert ("decision", "passive-voice") in rules
    assert ("decision", "hedging") in rules
    assert ("decision", "decision-not-first-person") in rules
    assert ("post_mortem", "missing-post-mortem") in rules
    assert "It was decided" in underlined(decision)
    assert "I think maybe" in underlined(decision)
    assert view.findings.count() == len(view.findings.findings)
    assert "words" in view.editor.stats.text() and "too short" in view.editor.stats.text()

    # A stronger sentence clears the passive voice as you type.
    decision.selectAll()
    qtbot.keyClicks(decision, "I decided to launch a referral reward of one free month.")
    rules = {(f.field, f.rule) for f in view.findings.findings}
    assert ("decision", "passive-voice") not in rules
    assert underlined(decision) == []


def test_highlights_follow_lines_across_blocks(qtbot: QtBot, services: Services) -> None:
    view = open_room(qtbot, services)
    new_story(qtbot, view)
    risk = view.editor.fields["risk"]
    qtbot.keyClicks(risk, "The reward cost $2 a member.")
    qtbot.keyClick(risk, Qt.Key.Key_Return)
    qtbot.keyClicks(risk, "We waited for all the data.")
    assert risk.document().blockCount() == 2
    assert underlined(risk) == ["waited for all the data"]


def test_clicking_a_finding_selects_its_text(qtbot: QtBot, services: Services) -> None:
    view = open_room(qtbot, services)
    new_story(qtbot, view)
    decision = view.editor.fields["decision"]
    qtbot.keyClicks(decision, DECISION)
    row = next(i for i, f in enumerate(view.findings.findings) if f.rule == "hedging")
    item = view.findings.item(row)
    view.findings.scrollToItem(item)
    rect = view.findings.visualItemRect(item)
    qtbot.mouseClick(view.findings.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert decision.textCursor().selectedText() == "I think maybe"
    assert QApplication.focusWidget() is decision


def test_autosave_writes_within_a_second_of_a_pause(
    qtbot: QtBot, services: Services, data_dir: Path, clock: FixedClock
) -> None:
    view = open_room(qtbot, services)
    new_story(qtbot, view)
    qtbot.keyClicks(view.editor.title, "Saved by itself")
    qtbot.keyClicks(view.editor.fields["outcome"], "Sign-ups fell 22% in two weeks.")
    assert view.editor.dirty and view.autosave.isActive()
    assert AUTOSAVE_MS < 1000
    qtbot.waitUntil(
        lambda: any(
            s.title == "Saved by itself" and s.outcome == "Sign-ups fell 22% in two weeks."
            for s in stored(services, data_dir, clock)
        ),
        timeout=1000,
    )
    assert not view.editor.dirty
    assert view.model.story_at(0).title == "Saved by itself"  # type: ignore[union-attr]


def test_each_field_keeps_its_own_undo(qtbot: QtBot, services: Services) -> None:
    view = open_room(qtbot, services)
    new_story(qtbot, view)
    situation, decision = view.editor.fields["situation"], view.editor.fields["decision"]
    qtbot.keyClicks(situation, "Sign-ups had stalled.")
    qtbot.keyClicks(decision, "I cut the price.")
    qtbot.keyClick(situation, Qt.Key.Key_Z, CTRL)
    assert situation.toPlainText() == ""
    assert decision.toPlainText() == "I cut the price."
    qtbot.keyClick(situation, Qt.Key.Key_Z, CTRL | SHIFT)
    assert situation.toPlainText() == "Sign-ups had stalled."
    # Autosave does not reset a field's undo history.
    view.save_now()
    qtbot.keyClick(decision, Qt.Key.Key_Z, CTRL)
    assert decision.toPlainText() == ""


def test_leaving_the_room_saves_at_once(
    qtbot: QtBot, services: Services, data_dir: Path, clock: FixedClock
) -> None:
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, CTRL)
    assert window.rooms.currentWidget() is window.stories
    new_story(qtbot, window.stories)
    qtbot.keyClicks(window.stories.editor.title, "Left in a hurry")
    qtbot.keyClick(window.stories.editor.title, Qt.Key.Key_1, CTRL)
    assert window.rooms.currentWidget() is window.home
    assert [s.title for s in stored(services, data_dir, clock)] == ["Left in a hurry"]

    window.home.stories_button.click()
    assert window.rooms.currentWidget() is window.stories
    qtbot.keyClicks(window.stories.editor.fields["situation"], "Closing saves too.")
    window.close()
    assert stored(services, data_dir, clock)[0].situation == "Closing saves too."


def test_rename_in_place_and_undo_from_the_list(qtbot: QtBot, services: Services) -> None:
    story = services.stories.create()
    assert story.id is not None
    services.stories.rename(story.id, "Old title")
    services.undo.clear()
    view = open_room(qtbot, services)
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not view.list
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(editor, "New title")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop turn
    qtbot.waitUntil(lambda: services.stories.get(story.id).title == "New title")  # type: ignore[union-attr]
    assert view.editor.title.text() == "New title"
    assert "Renamed" in view.status.text()

    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_Z, CTRL)
    assert services.stories.get(story.id).title == "Old title"  # type: ignore[union-attr]
    assert view.editor.title.text() == "Old title"
    assert view.model.story_at(0).title == "Old title"  # type: ignore[union-attr]
    assert view.status.text() == "Undid: Rename story."


@pytest.mark.parametrize("choice", [DeleteChoice.KEEP_CARDS, DeleteChoice.DELETE_CARDS])
def test_delete_asks_then_ctrl_z_brings_the_story_back(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch, choice: DeleteChoice
) -> None:
    view = open_room(qtbot, services)
    new_story(qtbot, view)
    qtbot.keyClicks(view.editor.title, "Doomed")
    qtbot.keyClicks(view.editor.fields["decision"], "I cut the price by 10%.")
    asked: list[tuple[str, int]] = []

    def ask(story: Story, cards: int) -> DeleteChoice:
        asked.append((story.title, cards))
        return choice

    monkeypatch.setattr(view, "ask_delete", ask)
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_Delete)
    assert asked == [("Doomed", 1)]  # saved first, so its card exists and is counted
    assert view.model.rowCount() == 0 and services.stories.list() == []
    assert "Deleted “Doomed”" in view.status.text()

    qtbot.keyClick(view.list, Qt.Key.Key_Z, CTRL)
    assert [s.title for s in services.stories.list()] == ["Doomed"]
    assert view.editor.title.text() == "Doomed"
    restored = services.stories.list()[0]
    assert restored.id is not None
    cards = services.stories.cards(restored.id)
    assert cards.decision is not None and "I cut the price by 10%." in cards.decision.back


def test_cancelling_a_delete_keeps_the_story(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.stories.create()
    view = open_room(qtbot, services)
    monkeypatch.setattr(view, "ask_delete", lambda story, cards: None)
    view.delete_current()
    assert view.model.rowCount() == 1 and len(services.stories.list()) == 1


def test_duplicate_selects_the_copy(qtbot: QtBot, services: Services) -> None:
    view = open_room(qtbot, services)
    new_story(qtbot, view)
    qtbot.keyClicks(view.editor.title, "Original")
    view.duplicate_button.click()
    assert [s.title for s in services.stories.list()] == ["Original (copy)", "Original"]
    assert view.editor.title.text() == "Original (copy)"


def test_switching_stories_saves_the_one_left(qtbot: QtBot, services: Services) -> None:
    services.stories.create()
    view = open_room(qtbot, services)
    new_story(qtbot, view)  # the new one is at the top and open
    qtbot.keyClicks(view.editor.title, "First edit")
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_Down)
    assert view.editor.title.text() == ""
    assert "First edit" in [s.title for s in services.stories.list()]


def test_opening_a_story_is_not_an_edit(qtbot: QtBot, services: Services) -> None:
    """Re-highlighting emits textChanged; that must not count as the user typing."""
    services.stories.create(
        Story(None, "Weak", "", "We waited for all the data.", "", "", "", "", "")
    )
    view = open_room(qtbot, services)
    assert view.editor.findings and not view.editor.dirty
    assert not view.autosave.isActive()


def test_typing_does_not_drain_pythons_true(qtbot: QtBot, services: Services) -> None:
    """PySide6 6.12's Signal.emit() drops a reference to True per call; the per-keystroke
    path must not emit Python signals, or a long editing session aborts the interpreter."""
    view = open_room(qtbot, services)
    new_story(qtbot, view)
    before = sys.getrefcount(True)
    qtbot.keyClicks(view.editor.fields["situation"], "x" * 300)
    assert sys.getrefcount(True) > before - 50


def test_coming_back_shows_what_is_stored_now(qtbot: QtBot, services: Services) -> None:
    """A story changed behind the editor's back (a restored backup) is reloaded, so the
    next keystroke cannot write the stale text over it."""
    view = open_room(qtbot, services)
    new_story(qtbot, view)
    qtbot.keyClicks(view.editor.title, "Before")
    view.save_now()
    story = view.editor.story()
    assert story is not None
    services.stories.save(replace(story, title="Restored", situation="From the backup."))
    view.enter()
    assert view.editor.title.text() == "Restored"
    assert view.editor.fields["situation"].toPlainText() == "From the backup."
    assert not view.editor.dirty
