"""Spoken cards on the study screen, driven by real key presses: answer aloud against the
two-minute clock, tick the rubric's points, confirm the suggested grade with Enter, undo it;
S opens the story that answers the question. Recording is in tests/voice."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.keys import open_window, press
from trainer.core.cards import NewCard, Rating
from trainer.core.model import CardKind
from trainer.core.session import Phase
from trainer.services.services import Services
from trainer.services.voice_model import INSTALL_HINT
from trainer.ui.main_window import MainWindow
from trainer.ui.spoken_card_panel import NO_RUBRIC
from trainer.ui.study_view import StudyView

QUESTION = "Tell me about a decision you made on 60% of the data."
RUBRIC = (
    "- You are the subject: *I* decided\n"
    "- The decision, with a verb\n"
    "- What was missing from the data\n"
    "- The result against its baseline\n"
)


def _study_spoken(
    qtbot: QtBot,
    services: Services,
    data_dir: Path,
    back: str = RUBRIC,
    tags: tuple[str, ...] = (),
    also_basic: bool = False,
) -> MainWindow:
    deck = services.decks.named("Spoken answers")
    card = NewCard(front=QUESTION, back=back, tags=tags, kind=CardKind.SPOKEN)
    services.card_edits.add(deck.id, card)
    if also_basic:
        services.card_edits.add(deck.id, NewCard(front="Basic front", back="Basic back"))
    window = open_window(qtbot, services, data_dir)
    window.start_study(deck.id)
    assert window.rooms.currentWidget() is window.study
    window.study.setFocus()
    return window


def _suggested(view: StudyView) -> list[Rating]:
    """The grade buttons marked as the suggestion (Enter grades it)."""
    return [rating for rating, button in view.grade_buttons.items() if "★" in button.text()]


def _ticks(view: StudyView) -> list[bool]:
    return [point.said for point in view.spoken.points]


def test_a_spoken_card_is_answered_aloud_then_graded_by_its_ticked_points(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = _study_spoken(qtbot, services, data_dir)
    view, panel = window.study, window.study.spoken
    assert panel.isVisible() and "Answer aloud" in panel.asking.text()
    assert panel.clock.text() == "0:00 / 2:00"
    assert not view.back.isVisible() and not panel.checklist.isVisible()
    assert QUESTION in view.front.toPlainText()

    press(qtbot, Qt.Key.Key_Space)
    assert view.session is not None and view.session.phase is Phase.ANSWER
    assert not view.back.isVisible()  # the rubric is the checklist, not Markdown
    assert panel.checklist.isVisible() and panel.checklist.count() == 4
    assert panel.checklist.item(0).text() == "You are the subject: *I* decided"
    assert _ticks(view) == [False] * 4
    assert _suggested(view) == [Rating.AGAIN] and "Again (1)" in panel.suggestion.text()

    press(qtbot, Qt.Key.Key_X)  # the first point is picked: X ticks it
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_X)
    assert _ticks(view) == [True, True, False, False]
    assert _suggested(view) == [Rating.HARD]
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_X)
    press(qtbot, Qt.Key.Key_X)  # X again unticks
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Up)  # past the top: stays on the first
    press(qtbot, Qt.Key.Key_X)
    assert _ticks(view) == [False, True, False, False]
    # a click on a point's box ticks it too
    for row in (0, 2, 3):
        item = panel.checklist.item(row)
        rect = panel.checklist.visualItemRect(item)
        qtbot.mouseClick(
            panel.checklist.viewport(),
            Qt.MouseButton.LeftButton,
            pos=QPoint(rect.left() + rect.height() // 2, rect.center().y()),
        )
    assert _ticks(view) == [True] * 4
    assert _suggested(view) == [Rating.EASY]

    press(qtbot, Qt.Key.Key_Return)  # confirms the suggestion: Easy
    assert services.stats.collection_stats().reviews == 1
    assert services.undo.next_label is not None and services.undo.next_label.startswith(
        "Grade Easy on “Tell me about a decision"
    )
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one step takes it back
    assert services.stats.collection_stats().reviews == 0
    assert view.session is not None and view.session.current is not None
    assert view.session.current.front == QUESTION and view.session.phase is Phase.QUESTION
    assert not panel.checklist.isVisible() and _ticks(view) == [False] * 4
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_2)  # a digit overrides the suggestion (Again)
    assert services.stats.collection_stats().reviews == 1


def test_the_clock_says_when_the_answer_runs_over_two_minutes_even_by_hours(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = _study_spoken(qtbot, services, data_dir)
    panel = window.study.spoken
    start = panel.clock_ms()
    panel.clock_ms = lambda: start + 125_000  # as if 2:05 had gone by
    panel.show_clock()
    assert panel.clock.text() == "2:05 / 2:00" and panel.clock.property("over")
    assert panel.over.text() == "0:05 over the two-minute target"
    panel.clock_ms = lambda: start + 2 * 3600_000
    panel.show_clock()
    assert panel.clock.text() == "2:00:00 / 2:00"
    assert panel.over.text() == "1:58:00 over the two-minute target"
    press(qtbot, Qt.Key.Key_Space)  # the clock stops where the answer ended
    panel.clock_ms = lambda: start + 3 * 3600_000
    panel.show_clock()
    assert panel.clock.text() == "2:00:00 / 2:00"


@pytest.mark.parametrize("back", ["", "   \n- \n"])
def test_a_spoken_card_without_rubric_points_is_graded_by_hand(
    qtbot: QtBot, services: Services, data_dir: Path, back: str
) -> None:
    window = _study_spoken(qtbot, services, data_dir, back=back)
    view = window.study
    press(qtbot, Qt.Key.Key_Space)
    assert view.spoken.hint.text() == NO_RUBRIC and not view.spoken.checklist.isVisible()
    press(qtbot, Qt.Key.Key_X)  # nothing to tick: nothing happens
    assert _suggested(view) == [Rating.GOOD]
    press(qtbot, Qt.Key.Key_Enter)
    assert services.stats.collection_stats().reviews == 1


def test_a_basic_card_after_a_spoken_one_shows_no_spoken_parts(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = _study_spoken(qtbot, services, data_dir, also_basic=True)
    view = window.study
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_3)
    assert view.session is not None and view.session.current is not None
    if view.session.current.front == QUESTION:  # the order is the queue's: take the next
        press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_3)
    assert view.session.current is not None and view.session.current.front == "Basic front"
    assert not view.spoken.isVisible()
    press(qtbot, Qt.Key.Key_Space)
    assert view.back.isVisible() and "Basic back" in view.back.toPlainText()
    assert _suggested(view) == []
    press(qtbot, Qt.Key.Key_Return)  # Enter on a basic card's answer grades nothing
    assert services.stats.collection_stats().reviews == 1


def test_without_the_voice_extra_one_line_says_how_and_the_checklist_works(
    qtbot: QtBot, services: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("trainer.ui.stories.voice_panel.voice_installed", lambda: False)
    window = _study_spoken(qtbot, services, data_dir)
    voice = window.study.spoken.voice
    assert voice is not None and voice.status.text() == INSTALL_HINT
    press(qtbot, Qt.Key.Key_R)
    assert voice.status.text() == INSTALL_HINT and not voice.recorder.recording
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_X)
    assert _ticks(window.study)[0]
    press(qtbot, Qt.Key.Key_Return)
    assert services.stats.collection_stats().reviews == 1


def test_s_on_a_story_card_starts_a_story_for_its_question_in_one_undo_step(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = _study_spoken(qtbot, services, data_dir, tags=("story",))
    assert window.study.spoken.story_button.isVisible()
    assert services.stories.list() == []
    press(qtbot, Qt.Key.Key_S)
    assert window.rooms.currentWidget() is window.stories
    stories = services.stories.list()
    assert len(stories) == 1 and stories[0].questions == QUESTION
    assert window.stories.current_story() == stories[0]
    assert services.undo.next_label == "New story"
    services.undo.undo_step()
    assert services.stories.list() == []


def test_s_opens_the_story_whose_questions_name_the_card(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    blank = services.stories.blank()
    other = services.stories.create(replace(blank, title="Other", questions="Why Netflix?"))
    mine = services.stories.create(
        replace(blank, title="Pricing call", questions=f"Why Netflix?\n {QUESTION.upper()} ")
    )
    window = _study_spoken(qtbot, services, data_dir, tags=("Story",))
    press(qtbot, Qt.Key.Key_S)
    assert window.stories.current_story() == mine != other
    assert len(services.stories.list()) == 2  # nothing new made


def test_s_on_a_spoken_card_without_the_story_tag_does_nothing(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = _study_spoken(qtbot, services, data_dir)
    assert not window.study.spoken.story_button.isVisible()
    press(qtbot, Qt.Key.Key_S)
    assert window.rooms.currentWidget() is window.study and services.stories.list() == []
    assert QApplication.focusWidget() is not None


def test_with_pass_fail_keys_enter_passes_or_fails_as_the_ticks_suggest(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = _study_spoken(qtbot, services, data_dir)
    view = window.study
    view.set_answer_layout(True)
    press(qtbot, Qt.Key.Key_Space)
    assert _suggested(view) == [Rating.AGAIN]  # nothing ticked: Fail
    for _ in range(4):
        press(qtbot, Qt.Key.Key_X)
        press(qtbot, Qt.Key.Key_Down)
    assert view.spoken.suggested is Rating.EASY and _suggested(view) == [Rating.GOOD]
    press(qtbot, Qt.Key.Key_Return)  # Easy suggested: Pass (Good), there is no Easy key
    assert services.stats.collection_stats().reviews == 1
    assert services.undo.next_label is not None and "Grade Good" in services.undo.next_label


def test_a_rubric_edited_while_answered_keeps_the_ticks_of_the_points_kept(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = _study_spoken(qtbot, services, data_dir)
    view = window.study
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_X)  # "You are the subject: *I* decided"
    card = view.session.current if view.session else None
    assert card is not None
    edited = replace(card, back=RUBRIC + "- A fifth point\n")
    view.show_edited(edited)  # what E then Save, or an undo, hands the study screen
    assert [p.point for p in view.spoken.points][-1] == "A fifth point"
    assert _ticks(view) == [True, False, False, False, False]
