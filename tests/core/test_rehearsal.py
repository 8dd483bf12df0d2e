"""The rehearsal state machine without Qt: clock, notes, one grade, undo."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from trainer.core.cards import Memory, Rating, Review
from trainer.core.model import CardId
from trainer.core.rehearsal import Rehearsal, RehearsalPhase
from trainer.core.stories import Story

STORY = Story(1, "Launch", "Tell me about a risk.", "", "We shipped.", "", "", "", "")
REVIEW = Review(CardId(1), Rating.GOOD, datetime(2026, 3, 10, tzinfo=UTC), 0, Memory(), Memory())


class Ticks:
    def __init__(self) -> None:
        self.ms = 1_000

    def __call__(self) -> int:
        return self.ms


def test_the_clock_runs_while_speaking_and_stops_at_the_notes() -> None:
    ticks = Ticks()
    rehearsal = Rehearsal(STORY, ticks)
    ticks.ms += 4_000
    assert rehearsal.spoken_ms == 4_000 and not rehearsal.can_grade
    assert rehearsal.reveal()
    ticks.ms += 9_000
    assert rehearsal.spoken_ms == 4_000 and rehearsal.can_grade
    assert not rehearsal.reveal()


def test_one_grade_per_rehearsal_and_undo_asks_for_it_again() -> None:
    rehearsal = Rehearsal(STORY, Ticks())
    with pytest.raises(RuntimeError):
        rehearsal.graded(REVIEW)  # the notes are not shown yet
    rehearsal.reveal()
    rehearsal.graded(REVIEW)
    assert rehearsal.phase is RehearsalPhase.GRADED and not rehearsal.can_grade
    with pytest.raises(RuntimeError):
        rehearsal.graded(REVIEW)
    rehearsal.taken_back()
    assert rehearsal.phase is RehearsalPhase.NOTES and rehearsal.review is None
    assert rehearsal.can_grade


def test_a_story_never_saved_cannot_be_graded() -> None:
    rehearsal = Rehearsal(Story(None, "Draft", "", "", "", "", "", "", ""), Ticks())
    rehearsal.reveal()
    assert not rehearsal.can_grade
