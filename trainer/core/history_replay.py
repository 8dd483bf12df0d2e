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
Replayed = tuple[Rating, datetime, int, Memory, Memory]  # see ReplayFormulas.steps


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
        # What the formulas below take from the grade alone, by grade (index 0 unused)
        grades = range(5)
        self._first = tuple(
            (max(w[g - 1], MIN_STABILITY), _clamp_difficulty(self._first_difficulty(g)))
            for g in grades
        )
        self._short_gain = tuple(math.e ** (w[17] * (g - 3 + w[18])) for g in grades)
        self._change = tuple(-(w[6] * (g - 3)) for g in grades)
        self._penalty = tuple(w[15] if g == _HARD else w[16] if g == _EASY else 1 for g in grades)
        self._again_drop = math.e ** (w[17] * w[18])
        self._growth = math.e ** (w[8])
        self._easy_share = w[7] * self._easy_difficulty
        self._damp_share = 1 - w[7]

    def reviews(self, grades: Iterable[tuple[Rating, datetime, int]]) -> list[Review]:
        return [Review(CardId(0), *step) for step in self.steps(grades)]

    def steps(self, grades: Iterable[tuple[Rating, datetime, int]]) -> list[Replayed]:
        """(rating, time, duration, memory before, memory after) per grade: `reviews` without
        a `Review` each, for a caller that makes its own record (an import: 129,500).

        The formulas are written out in the loop, each on the same operands in the same
        order as the `fsrs.Scheduler` method named beside it, with what depends on the grade
        alone computed once: a method call per formula was a third of the replay."""
        w = self._w
        decay, factor = self._decay, self._factor
        first, short_gain, again_drop = self._first, self._short_gain, self._again_drop
        easy_share, damp_share, change = self._easy_share, self._damp_share, self._change
        growth, penalty, relearning_steps = self._growth, self._penalty, self._relearning_steps
        w9, w10, w12, w13, w14, w19 = w[9], w[10], w[12], w[13], w[14], w[19]
        e, minimum, ceiling, most = math.e, MIN_STABILITY, MAX_STABILITY, MAX_COUNT
        replayed: list[Replayed] = []
        before = Memory()
        state, step = _LEARNING, 0  # fsrs takes a new card as learning, at its first step
        # (the step is kept while in review, where the memory holds None)
        stability = difficulty = 0.0
        reps = lapses = 0
        last: datetime | None = None
        for rating, now, duration_ms in grades:
            grade = int(rating)
            if last is None:
                stability, difficulty = first[grade]
            else:
                days = (now - last).days  # whole 24 hours, as fsrs counts them
                if days < 1:  # _short_term_stability
                    increase = short_gain[grade] * (stability**-w19)
                    if grade != _AGAIN:
                        increase = max(increase, 1.0)
                    stability = max(stability * increase, minimum)
                else:
                    recall = (1 + factor * days / stability) ** decay  # get_card_retrievability
                    if grade == _AGAIN:  # _next_forget_stability, else _next_recall_stability
                        long_term = (
                            w[11]
                            * (difficulty**-w12)
                            * (((stability + 1) ** (w13)) - 1)
                            * (e ** ((1 - recall) * w14))
                        )
                        stability = max(min(long_term, stability / again_drop), minimum)
                    else:
                        stability = max(
                            stability
                            * (
                                1
                                + growth
                                * (11 - difficulty)
                                * (stability**-w9)
                                * ((e ** ((1 - recall) * w10)) - 1)
                                * penalty[grade]
                            ),
                            minimum,
                        )
                damped = difficulty + (10.0 - difficulty) * change[grade] / 9.0  # _next_difficulty
                difficulty = min(max(easy_share + damp_share * damped, 1.0), 10.0)
            lapsed = grade == _AGAIN and state is _REVIEW
            if state is _REVIEW:
                if grade == _AGAIN and relearning_steps:
                    state, step, wait = _RELEARNING, 0, relearning_steps[0]
                else:
                    wait = None
            else:
                steps = self._learning_steps if state is _LEARNING else relearning_steps
                step, wait = _next_step(steps, step, grade)
                if wait is None:
                    state = _REVIEW
            stability = min(stability, ceiling)  # fsrs has no ceiling; grade has
            if wait is None:
                due = days_later(now, self._interval(stability), self._zone)
            else:
                due = now + wait
            reps = min(reps + 1, most)
            if lapsed:
                lapses = min(lapses + 1, most)
            after = Memory(
                state, None if state is _REVIEW else step, stability, difficulty, due, now,
                reps, lapses,
            )  # fmt: skip
            replayed.append((rating, now, max(0, int(duration_ms)), before, after))
            before, last = after, now
        return replayed

    def _first_difficulty(self, grade: int) -> float:
        return self._w[4] - (math.e ** (self._w[5] * (grade - 1))) + 1

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
