"""Rehearse mode by key presses: question and clock, notes and findings, a real FSRS grade."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trainer.app import open_services
from trainer.core.clock import FixedClock
from trainer.core.model import CardState
from trainer.core.stories import Story
from trainer.services.services import Services
from trainer.ui.stories.stories_view import StoriesView

CTRL = Qt.KeyboardModifier.ControlModifier
STORY = Story(
    id=None,
    title="The referral launch",
    questions="Tell me about a calculated risk that failed.\nTell me about a launch that missed.",
    situation="Sign-ups in Brazil had stalled at 2%.",
    decision="I think maybe we should have launched the referral reward sooner.",
    risk="One free month per referral could cost $3M if abused.",
    outcome="Referrals were 4% of sign-ups, against the 10% I had planned.",
    post_mortem="I read the survey as demand when it measured curiosity; I never tested price.",
    changes="Now I test the reward size on one city before a national launch.",
    target_seconds=60,
)


def rehearse(qtbot: QtBot, services: Services, story: Story = STORY) -> StoriesView:
    services.stories.create(story)
    view = StoriesView(services)
    qtbot.addWidget(view)
    view.resize(1100, 720)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.enter()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, CTRL)
    assert view.pages.currentWidget() is view.rehearse
    assert QApplication.focusWidget() is view.rehearse
    return view


def test_the_question_shows_and_the_clock_runs_against_the_target(
    qtbot: QtBot, services: Services
) -> None:
    view = rehearse(qtbot, services)
    page = view.rehearse
    question = page.question.toPlainText()
    assert "Tell me about a calculated risk that failed." in question
    assert "Tell me about a launch that missed." in question
    assert page.clock.text() == "0:00 / 1:00"
    assert page.ticker.isActive()
    assert not page.notes_row.isVisible()
    assert not any(button.isVisible() for button in page.grade_buttons.values())
    qtbot.waitUntil(lambda: page.clock.text() == "0:01 / 1:00", timeout=2500)
    assert page.progress.value() >= 1 and page.progress.maximum() == 60


def test_space_shows_notes_and_findings_then_a_digit_grades_the_card(
    qtbot: QtBot, services: Services, data_dir: Path, clock: FixedClock
) -> None:
    view = rehearse(qtbot, services)
    page = view.rehearse
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert page.revealed and not page.ticker.isActive()
    assert page.notes_row.isVisible()
    assert "I read the survey as demand" in page.notes.toPlainText()
    rules = {(f.field, f.rule) for f in page.findings.findings}
    assert ("decision", "hedging") in rules
    assert all(button.isVisible() for button in page.grade_buttons.values())
    assert "\n" in page.grade_buttons[next(iter(page.grade_buttons))].text()  # the interval

    qtbot.keyClick(page, Qt.Key.Key_3)
    assert page.last_review is not None
    assert "comes back in" in page.result.text()
    story_id = services.stories.list()[0].id
    assert story_id is not None
    other = open_services(data_dir, clock, fuzzing=False)
    card = other.stories.cards(story_id).decision
    other.close()
    assert card is not None and card.memory.reps == 1
    assert card.memory == page.last_review.after

    # one grade per rehearsal: the buttons go, so nothing offers a grade the keys refuse
    assert not any(button.isVisible() for button in page.grade_buttons.values())
    qtbot.keyClick(page, Qt.Key.Key_4)
    assert services.stats.collection_stats().reviews == 1

    qtbot.keyClick(page, Qt.Key.Key_Z, CTRL)  # takes the grade back
    assert page.last_review is None
    undone = services.stories.cards(story_id).decision
    assert undone is not None and undone.memory.state is CardState.NEW
    assert services.stats.collection_stats().reviews == 0

    qtbot.keyClick(page, Qt.Key.Key_Escape)
    assert view.pages.currentIndex() == 0
    assert QApplication.focusWidget() is view.list


def test_a_story_without_a_decision_cannot_be_graded(qtbot: QtBot, services: Services) -> None:
    empty = Story(None, "Just a title", "", "Some context.", "", "", "", "", "")
    view = rehearse(qtbot, services, empty)
    page = view.rehearse
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert not any(button.isEnabled() for button in page.grade_buttons.values())
    assert "Write the decision or the outcome first" in page.result.text()
    qtbot.keyClick(page, Qt.Key.Key_3)
    assert page.last_review is None and services.stats.collection_stats().reviews == 0


def test_space_after_a_grade_rehearses_the_story_again(qtbot: QtBot, services: Services) -> None:
    view = rehearse(qtbot, services)
    page = view.rehearse
    qtbot.keyClick(page, Qt.Key.Key_Space)
    qtbot.keyClick(page, Qt.Key.Key_3)
    assert "Space rehearses it again" in page.result.text()
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert not page.revealed and page.ticker.isActive() and page.last_review is None
    qtbot.keyClick(page, Qt.Key.Key_Space)
    assert all(button.isVisible() and button.isEnabled() for button in page.grade_buttons.values())
    qtbot.keyClick(page, Qt.Key.Key_2)
    assert services.stats.collection_stats().reviews == 2
