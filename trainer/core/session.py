"""A study session as a state machine: question, answer, finished. No Qt, no database.

The screen is a passive view of this object; the study service persists each grade
before the view asks for the next card.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import Enum

from trainer.core.cards import Card, Rating, Review
from trainer.core.clock import Clock
from trainer.core.scheduling import Scheduler

# A card still learning may be shown this early when nothing else is left (as Anki does).
LEARN_AHEAD = timedelta(minutes=20)
# Time spent on one card counts at most this much, so a card left on screen over lunch
# does not distort the summary or the statistics.
MAX_ANSWER_TIME = timedelta(seconds=60)


class Phase(Enum):
    QUESTION = "question"
    ANSWER = "answer"
    FINISHED = "finished"


@dataclass(frozen=True)
class SessionSummary:
    studied: int
    again: int
    seconds: float
    by_rating: tuple[int, int, int, int] = (0, 0, 0, 0)  # Again, Hard, Good, Easy

    @property
    def again_rate(self) -> float:
        return self.again / self.studied if self.studied else 0.0


@dataclass(frozen=True)
class _Step:
    """What one grade changed, so undo can put everything back."""

    review: Review
    card: Card
    from_learning: bool


class StudySession:
    def __init__(
        self,
        cards: Sequence[Card],
        scheduler_for: Callable[[Card], Scheduler],
        clock: Clock,
        learn_ahead: timedelta = LEARN_AHEAD,
    ) -> None:
        self._queue: list[Card] = list(cards)
        self._learning: list[Card] = []
        self._scheduler_for = scheduler_for
        self._clock = clock
        self._learn_ahead = learn_ahead
        self._history: list[_Step] = []
        self._current: Card | None = None
        self._current_from_learning = False
        self._shown_at: datetime = clock()
        self.phase = Phase.QUESTION
        self._advance()

    @property
    def current(self) -> Card | None:
        return self._current

    @property
    def remaining(self) -> int:
        """Cards still to see, the current one included."""
        return len(self.cards_left())

    def reveal(self) -> None:
        if self.phase is Phase.QUESTION:
            self.phase = Phase.ANSWER

    def preview(self) -> dict[Rating, timedelta]:
        """The interval each button would give the current card."""
        if self._current is None:
            return {}
        return self._scheduler_for(self._current).preview(self._current, self._clock())

    def show_edited(self, card: Card) -> bool:
        """Take an edited card's text (front, back, tags, source) for the card shown now;
        its memory stays the session's. Whether it was the card shown."""
        if self._current is None or self._current.id != card.id:
            return False
        self._current = replace(
            self._current, front=card.front, back=card.back, tags=card.tags, source=card.source
        )
        return True

    def grade(self, rating: Rating, keep: Callable[[Review], None] | None = None) -> Review:
        """Grade the current card and move on. Returns the review to persist.

        With `keep`, the review is kept first (saved): if `keep` raises, nothing changes,
        the card and its answer stay, and grading again retries."""
        if self._current is None or self.phase is not Phase.ANSWER:
            raise RuntimeError("grade needs a revealed card")
        now = self._clock()
        spent = min(now - self._shown_at, MAX_ANSWER_TIME)
        card = self._current
        review = self._scheduler_for(card).grade(
            card, rating, now, duration_ms=int(spent.total_seconds() * 1000)
        )
        if keep is not None:
            keep(review)
        self._history.append(_Step(review, card, self._current_from_learning))
        graded = replace(card, memory=review.after)
        if review.after.due is not None and review.after.due < now + timedelta(hours=12):
            # Short learning steps come back within this session.
            self._learning.append(graded)
            self._learning.sort(key=_due)
        self._advance()
        return review

    def undo(self, take_back: Callable[[Review], None] | None = None) -> Review | None:
        """Take back the last grade: that card is shown again, as it was before.

        With `take_back`, the grade is taken back (from storage) first: if it raises,
        nothing changes."""
        if not self._history:
            return None
        step = self._history[-1]
        if take_back is not None:
            take_back(step.review)
        self._history.pop()
        # The graded copy may be waiting in learning or already on screen (learn-ahead):
        # it goes, so the card is in the session once, as it was before the grade.
        self._learning = [c for c in self._learning if c.id != step.card.id]
        if self._current is not None and self._current.id != step.card.id:
            self._push_back(self._current, self._current_from_learning)
        self._current = step.card
        self._current_from_learning = step.from_learning
        self._shown_at = self._clock()
        self.phase = Phase.QUESTION
        return step.review

    def cards_left(self) -> list[Card]:
        """The cards still to see, the one on screen first, each as the session holds it."""
        current = [self._current] if self._current is not None else []
        return current + self._queue + self._learning

    def summary(self) -> SessionSummary:
        reviews = [step.review for step in self._history]
        return SessionSummary(
            studied=len(reviews),
            again=sum(1 for r in reviews if r.rating is Rating.AGAIN),
            seconds=sum(r.duration_ms for r in reviews) / 1000,
            by_rating=(
                sum(1 for r in reviews if r.rating is Rating.AGAIN),
                sum(1 for r in reviews if r.rating is Rating.HARD),
                sum(1 for r in reviews if r.rating is Rating.GOOD),
                sum(1 for r in reviews if r.rating is Rating.EASY),
            ),
        )

    def _push_back(self, card: Card, from_learning: bool) -> None:
        if from_learning:
            self._learning.insert(0, card)
        else:
            self._queue.insert(0, card)

    def _advance(self) -> None:
        """Pick the next card: learning cards that are due, then the queue, then learn ahead."""
        now = self._clock()
        card: Card | None = None
        from_learning = False
        if self._learning and _due(self._learning[0]) <= now:
            card, from_learning = self._learning.pop(0), True
        elif self._queue:
            card = self._queue.pop(0)
        elif self._learning and _due(self._learning[0]) <= now + self._learn_ahead:
            card, from_learning = self._learning.pop(0), True
        self._current = card
        self._current_from_learning = from_learning
        self._shown_at = now
        self.phase = Phase.QUESTION if card is not None else Phase.FINISHED


def _due(card: Card) -> datetime:
    """When a learning card comes back (one without a due time: at once)."""
    return card.memory.due or datetime.min.replace(tzinfo=UTC)
