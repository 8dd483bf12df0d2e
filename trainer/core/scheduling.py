"""The one module that talks to `fsrs`: grading a card and previewing the four intervals."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import fsrs

from trainer.core.clock import as_utc
from trainer.core.model import Card, CardState, DeckOptions, Memory, Rating, Review

_TO_FSRS_STATE = {
    CardState.NEW: fsrs.State.Learning,
    CardState.LEARNING: fsrs.State.Learning,
    CardState.REVIEW: fsrs.State.Review,
    CardState.RELEARNING: fsrs.State.Relearning,
}
_FROM_FSRS_STATE = {
    fsrs.State.Learning: CardState.LEARNING,
    fsrs.State.Review: CardState.REVIEW,
    fsrs.State.Relearning: CardState.RELEARNING,
}


class Scheduler:
    """FSRS-6 with a deck's options. Fuzzing is on for people, off for deterministic tests."""

    def __init__(
        self,
        options: DeckOptions | None = None,
        *,
        parameters: tuple[float, ...] | None = None,
        fuzzing: bool = True,
    ) -> None:
        options = options or DeckOptions()
        kwargs = {} if parameters is None else {"parameters": parameters}
        self._fsrs = fsrs.Scheduler(
            desired_retention=options.desired_retention,
            learning_steps=options.learning_steps,
            relearning_steps=options.relearning_steps,
            enable_fuzzing=fuzzing,
            **kwargs,
        )

    def grade(self, card: Card, rating: Rating, now: datetime, duration_ms: int = 0) -> Review:
        """The review a grade makes: the card's memory before and after."""
        now = as_utc(now)
        updated, _log = self._fsrs.review_card(
            _to_fsrs(card, now), fsrs.Rating(int(rating)), review_datetime=now
        )
        before = card.memory
        lapsed = rating is Rating.AGAIN and before.state is CardState.REVIEW
        after = Memory(
            state=_FROM_FSRS_STATE[updated.state],
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
        """The probability of recalling the card at `now` (0 for a card never studied)."""
        if card.memory.state is CardState.NEW:
            return 0.0
        return float(self._fsrs.get_card_retrievability(_to_fsrs(card, now), as_utc(now)))


def _to_fsrs(card: Card, now: datetime) -> fsrs.Card:
    memory = card.memory
    return fsrs.Card(
        card_id=int(card.id),
        state=_TO_FSRS_STATE[memory.state],
        step=memory.step if memory.state is not CardState.REVIEW else None,
        stability=memory.stability,
        difficulty=memory.difficulty,
        due=as_utc(memory.due) if memory.due else as_utc(now),
        last_review=as_utc(memory.last_review) if memory.last_review else None,
    )


def with_memory(card: Card, memory: Memory) -> Card:
    return replace(card, memory=memory)


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
