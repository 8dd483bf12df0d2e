"""A review history replayed on plain numbers: what `Scheduler.grade` gives grade after
grade, without an fsrs card per grade.

An imported Anki package replays a hundred thousand grades; through `fsrs.Scheduler`
each costs a card copy and Keeper's checks around it (0.05 ms). This is fsrs's
`review_card` (version 6, no fuzz) operation for operation, as `Formulas` is for Good:
tests compare it with `grade` bit for bit on any history.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from trainer.core.cards import Memory, Rating, Review
from trainer.core.memory_rules import MAX_COUNT, MAX_STABILITY, MIN_STABILITY
from trainer.core.model import CardId, CardState
from trainer.core.study_days import days_later

if TYPE_CHECKING:
    import fsrs

_LEARNING, _REVIEW, _RELEARNING = CardState.LEARNING, CardState.REVIEW, CardState.RELEARNING
_AGAIN, _HARD, _EASY = 1, 2, 4


class ReplayFormulas:
    """The reviews of a card never studied, from its grades; see `Scheduler.replay`."""

    def __init__(self, scheduler: fsrs.Scheduler, zone: tzinfo | None) -> None:
        self._w = w = tuple(scheduler.parameters)  # fsrs's public attributes only
        self._zone = zone
        self._decay = -w[20]
        self._factor = 0.9 ** (1 / self._decay) - 1
        self._interval_factor = scheduler.desired_retention ** (1 / self._decay) - 1
        self._max_interval = scheduler.maximum_interval
        self._learning_steps = tuple(scheduler.learning_steps)
        self._relearning_steps = tuple(scheduler.relearning_steps)
        self._easy_difficulty = self._first_difficulty(_EASY)  # unclamped, as fsrs has it

    def reviews(self, grades: Iterable[tuple[Rating, datetime, int]]) -> list[Review]:
        reviews: list[Review] = []
        before = Memory()
        state, step = _LEARNING, 0  # fsrs takes a new card as learning, at its first step
        # (the step is kept while in review, where the memory holds None)
        stability = difficulty = 0.0
        last: datetime | None = None
        for rating, now, duration_ms in grades:
            grade = int(rating)
            if last is None:
                stability = max(self._w[grade - 1], MIN_STABILITY)
                difficulty = _clamp_difficulty(self._first_difficulty(grade))
            else:
                days = (now - last).days  # whole 24 hours, as fsrs counts them
                if days < 1:
                    stability = self._short_term_stability(stability, grade)
                else:
                    recall = self._recall(stability, days)
                    stability = self._next_stability(difficulty, stability, recall, grade)
                difficulty = self._next_difficulty(difficulty, grade)
            lapsed = grade == _AGAIN and state is _REVIEW
            if state is _REVIEW:
                if grade == _AGAIN and self._relearning_steps:
                    state, step, wait = _RELEARNING, 0, self._relearning_steps[0]
                else:
                    wait = None
            else:
                steps = self._learning_steps if state is _LEARNING else self._relearning_steps
                step, wait = _next_step(steps, step, grade)
                if wait is None:
                    state = _REVIEW
            stability = min(stability, MAX_STABILITY)  # fsrs has no ceiling; grade has
            if wait is None:
                due = days_later(now, self._interval(stability), self._zone)
            else:
                due = now + wait
            after = Memory(
                state=state,
                step=None if state is _REVIEW else step,
                stability=stability,
                difficulty=difficulty,
                due=due,
                last_review=now,
                reps=min(before.reps + 1, MAX_COUNT),
                lapses=min(before.lapses + (1 if lapsed else 0), MAX_COUNT),
            )
            reviews.append(Review(CardId(0), rating, now, max(0, int(duration_ms)), before, after))
            before, last = after, now
        return reviews

    def _first_difficulty(self, grade: int) -> float:
        return self._w[4] - (math.e ** (self._w[5] * (grade - 1))) + 1

    def _recall(self, stability: float, days: int) -> float:
        return (1 + self._factor * days / stability) ** self._decay

    def _short_term_stability(self, stability: float, grade: int) -> float:
        w = self._w
        increase = (math.e ** (w[17] * (grade - 3 + w[18]))) * (stability ** -w[19])
        if grade != _AGAIN:
            increase = max(increase, 1.0)
        return max(stability * increase, MIN_STABILITY)

    def _next_difficulty(self, difficulty: float, grade: int) -> float:
        w = self._w
        delta = -(w[6] * (grade - 3))
        damped = difficulty + (10.0 - difficulty) * delta / 9.0
        return _clamp_difficulty(w[7] * self._easy_difficulty + (1 - w[7]) * damped)

    def _next_stability(
        self, difficulty: float, stability: float, recall: float, grade: int
    ) -> float:
        w = self._w
        if grade == _AGAIN:
            long_term = (
                w[11]
                * (difficulty ** -w[12])
                * (((stability + 1) ** (w[13])) - 1)
                * (math.e ** ((1 - recall) * w[14]))
            )
            short_term = stability / (math.e ** (w[17] * w[18]))
            after = min(long_term, short_term)
        else:
            hard_penalty = w[15] if grade == _HARD else 1
            easy_bonus = w[16] if grade == _EASY else 1
            after = stability * (
                1
                + (math.e ** (w[8]))
                * (11 - difficulty)
                * (stability ** -w[9])
                * ((math.e ** ((1 - recall) * w[10])) - 1)
                * hard_penalty
                * easy_bonus
            )
        return max(after, MIN_STABILITY)

    def _interval(self, stability: float) -> int:
        days = round((stability / self._factor) * self._interval_factor)
        return min(max(days, 1), self._max_interval)


def _next_step(steps: tuple[timedelta, ...], step: int, grade: int) -> tuple[int, timedelta | None]:
    """A (re)learning card's next step and the wait for it; None: it graduates."""
    if not steps:  # (a replay never holds a step past the last: one deck's steps)
        return step, None
    if grade == _AGAIN:
        return 0, steps[0]
    if grade == _HARD:  # the step stays
        if step == 0:
            return step, steps[0] * 1.5 if len(steps) == 1 else (steps[0] + steps[1]) / 2.0
        return step, steps[step]
    if grade == _EASY or step + 1 == len(steps):
        return step, None
    return step + 1, steps[step + 1]


def _clamp_difficulty(difficulty: float) -> float:
    return min(max(difficulty, 1.0), 10.0)
