"""Rehearsing one story aloud, as a state machine: speaking, notes shown, graded. No Qt.

The clock runs while the story is spoken and stops when the notes are shown; one grade per
rehearsal, which an undo takes back (the notes stay, to grade again). The rehearse screen
is a passive view of this object.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from trainer.core.cards import Review
from trainer.core.stories import Story

MillisecondClock = Callable[[], int]  # a monotonic clock in milliseconds


class RehearsalPhase(Enum):
    SPEAKING = "speaking"  # the question shows, the clock runs
    NOTES = "notes"  # the notes show, a grade is asked for
    GRADED = "graded"  # graded: Space rehearses the story again


class Rehearsal:
    def __init__(self, story: Story, clock: MillisecondClock) -> None:
        self.story = story
        self._clock = clock
        self._started = clock()
        self._spoken_ms = 0
        self.phase = RehearsalPhase.SPEAKING
        self.review: Review | None = None  # the grade of this rehearsal, once kept

    @property
    def spoken_ms(self) -> int:
        """Time from the question to the notes (or so far, while still speaking)."""
        if self.phase is RehearsalPhase.SPEAKING:
            return self._clock() - self._started
        return self._spoken_ms

    @property
    def revealed(self) -> bool:
        return self.phase is not RehearsalPhase.SPEAKING

    @property
    def can_grade(self) -> bool:
        return self.phase is RehearsalPhase.NOTES and self.story.id is not None

    def reveal(self) -> bool:
        """Show the notes and stop the clock; False if they already show."""
        if self.phase is not RehearsalPhase.SPEAKING:
            return False
        self._spoken_ms = self._clock() - self._started
        self.phase = RehearsalPhase.NOTES
        return True

    def graded(self, review: Review) -> None:
        if not self.can_grade:
            raise RuntimeError("a rehearsal is graded once, after its notes show")
        self.review = review
        self.phase = RehearsalPhase.GRADED

    def taken_back(self) -> None:
        """The grade was undone: the notes stay, to grade again."""
        if self.phase is RehearsalPhase.GRADED:
            self.review = None
            self.phase = RehearsalPhase.NOTES
