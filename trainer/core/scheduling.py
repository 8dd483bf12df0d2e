"""The one module that talks to `fsrs`: grading a card and previewing the four intervals.

`fsrs` is imported when the first scheduler is made, not with this module: the home
screen uses `format_interval` and the types here, and paints before fsrs is needed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from trainer.core.clock import as_utc
from trainer.core.model import Card, CardState, DeckOptions, Memory, Rating, Review

if TYPE_CHECKING:
    import fsrs

# fsrs's review formulas, used directly by `Scheduler.good_memory`; a test checks they
# still give what `review_card` gives.
_FORMULAS = ("_next_stability", "_next_difficulty", "_next_interval")


@cache
def _has_formulas() -> bool:
    from fsrs import Scheduler as FsrsScheduler

    return all(hasattr(FsrsScheduler, name) for name in _FORMULAS)


@cache
def _state_maps() -> tuple[dict[CardState, Any], dict[Any, CardState]]:
    import fsrs

    to_fsrs = {
        CardState.NEW: fsrs.State.Learning,
        CardState.LEARNING: fsrs.State.Learning,
        CardState.REVIEW: fsrs.State.Review,
        CardState.RELEARNING: fsrs.State.Relearning,
    }
    return to_fsrs, {value: key for key, value in to_fsrs.items() if key is not CardState.NEW}


class Scheduler:
    """FSRS-6 with a deck's options. Fuzzing is on for people, off for deterministic tests."""

    def __init__(
        self,
        options: DeckOptions | None = None,
        *,
        parameters: tuple[float, ...] | None = None,
        fuzzing: bool = True,
    ) -> None:
        import fsrs

        options = options or DeckOptions()
        kwargs = {} if parameters is None else {"parameters": parameters}
        self._fsrs = fsrs.Scheduler(
            desired_retention=options.desired_retention,
            learning_steps=options.learning_steps,
            relearning_steps=options.relearning_steps,
            enable_fuzzing=fuzzing,
            **kwargs,
        )
        self._fuzzing = fuzzing
        # The forgetting curve, as fsrs writes it: R = (1 + factor * days / S) ** decay.
        self._decay = -self._fsrs.parameters[20]
        self._factor = 0.9 ** (1 / self._decay) - 1
        self._good = fsrs.Rating.Good

    def grade(self, card: Card, rating: Rating, now: datetime, duration_ms: int = 0) -> Review:
        """The review a grade makes: the card's memory before and after."""
        import fsrs

        now = as_utc(now)
        updated, _log = self._fsrs.review_card(
            _to_fsrs(card, now), fsrs.Rating(int(rating)), review_datetime=now
        )
        before = card.memory
        lapsed = rating is Rating.AGAIN and before.state is CardState.REVIEW
        after = Memory(
            state=_state_maps()[1][updated.state],
            step=updated.step,
            stability=updated.stability,
            difficulty=updated.difficulty,
            due=as_utc(updated.due),
            last_review=as_utc(updated.last_review) if updated.last_review else now,
            reps=before.reps + 1,
            lapses=before.lapses + (1 if lapsed else 0),
        )
        return Review(
            card_id=card.id,
            rating=rating,
            reviewed_at=now,
            duration_ms=max(0, int(duration_ms)),
            before=before,
            after=after,
        )

    def preview(self, card: Card, now: datetime) -> dict[Rating, timedelta]:
        """How long until the card comes back, for each of the four buttons."""
        return {
            rating: self.grade(card, rating, now).after.due - as_utc(now)  # type: ignore[operator]
            for rating in Rating
        }

    def retrievability(self, card: Card, now: datetime) -> float:
        """The probability of recalling the card at `now` (0 for a card never studied).

        fsrs's own formula, on whole days since the last review, without making an fsrs card
        (the interview plan asks this hundreds of thousands of times)."""
        memory = card.memory
        if memory.state is CardState.NEW or memory.last_review is None or not memory.stability:
            return 0.0
        days = max(0, (as_utc(now) - as_utc(memory.last_review)).days)
        return float((1 + self._factor * days / memory.stability) ** self._decay)

    def good_memory(self, card: Card, now: datetime) -> Memory:
        """What a Good grade at `now` leaves: `grade(card, GOOD, now).after`, computed
        straight from fsrs's formulas for a card in review (a day or more since its last
        review, no fuzz), which is what planning asks again and again."""
        memory = card.memory
        if (
            memory.state is not CardState.REVIEW
            or self._fuzzing
            or memory.last_review is None
            or memory.stability is None
            or memory.difficulty is None
            or not _has_formulas()
        ):
            return self.grade(card, Rating.GOOD, now).after
        now = as_utc(now)
        days = (now - as_utc(memory.last_review)).days
        if days < 1:  # same-day review: fsrs's short-term formula
            return self.grade(card, Rating.GOOD, now).after
        recall = (1 + self._factor * days / memory.stability) ** self._decay
        fsrs = self._fsrs
        stability = fsrs._next_stability(
            difficulty=memory.difficulty,
            stability=memory.stability,
            retrievability=recall,
            rating=self._good,
        )
        difficulty = fsrs._next_difficulty(difficulty=memory.difficulty, rating=self._good)
        interval = timedelta(days=fsrs._next_interval(stability=stability))
        return Memory(
            state=CardState.REVIEW,
            step=None,
            stability=stability,
            difficulty=difficulty,
            due=now + interval,
            last_review=now,
            reps=memory.reps + 1,
            lapses=memory.lapses,
        )


def _to_fsrs(card: Card, now: datetime) -> fsrs.Card:
    import fsrs

    memory = card.memory
    return fsrs.Card(
        card_id=int(card.id),
        state=_state_maps()[0][memory.state],
        step=memory.step if memory.state is not CardState.REVIEW else None,
        stability=memory.stability,
        difficulty=memory.difficulty,
        due=as_utc(memory.due) if memory.due else as_utc(now),
        last_review=as_utc(memory.last_review) if memory.last_review else None,
    )


def with_memory(card: Card, memory: Memory) -> Card:
    """`card` with another memory: `dataclasses.replace`, without its per-call introspection
    (a fifth of the time; the interview plan does this for every planned review)."""
    copied = object.__new__(Card)
    copied.__dict__.update(card.__dict__)
    copied.__dict__["memory"] = memory
    return copied


def format_interval(delta: timedelta) -> str:
    """Short human interval for a button: '<1m', '10m', '3h', '4d', '2mo', '1.5y'."""
    seconds = max(0.0, delta.total_seconds())
    if seconds < 60:
        return "<1m"
    minutes = seconds / 60
    if minutes < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if hours < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}".rstrip("0").rstrip(".") + "mo"
    return f"{days / 365:.1f}".rstrip("0").rstrip(".") + "y"
