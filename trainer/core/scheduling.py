"""The one module that talks to `fsrs`: grading a card and previewing the four intervals,
and fsrs's formulas on plain numbers for the interview plan (`Formulas`).

`fsrs` is imported when the first scheduler is made, not with this module: the home
screen uses `format_interval` and the types here, and paints before fsrs is needed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo
from functools import cache
from typing import TYPE_CHECKING, Any

from trainer.core.cards import Card, Memory, Rating, Review
from trainer.core.clock import as_utc
from trainer.core.memory_rules import MAX_COUNT, MAX_STABILITY, usable_memory
from trainer.core.model import CardState, DeckOptions
from trainer.core.study_days import days_later, study_date

if TYPE_CHECKING:
    import fsrs

    from trainer.core.history_replay import Replayed, ReplayFormulas


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
    """FSRS-6 with a deck's options. Fuzzing is on for people, off for deterministic tests.

    A card going to review lands on the study day its interval names, in `zone` (None: the
    system's), at the hour it was studied: not N × 24 hours later (docs/scheduling.md).
    """

    def __init__(
        self,
        options: DeckOptions | None = None,
        *,
        parameters: tuple[float, ...] | None = None,
        fuzzing: bool = True,
        zone: tzinfo | None = None,
    ) -> None:
        import fsrs

        options = options or DeckOptions()
        kwargs: dict[str, Any] = {} if parameters is None else {"parameters": parameters}
        self._fsrs = fsrs.Scheduler(
            desired_retention=options.desired_retention,
            learning_steps=options.learning_steps,
            relearning_steps=options.relearning_steps,
            enable_fuzzing=fuzzing,
            **kwargs,
        )
        self._fuzzing = fuzzing
        self.zone = zone
        self._replay: ReplayFormulas | None = None
        self.formulas = Formulas(self._fsrs)

    def grade(self, card: Card, rating: Rating, now: datetime, duration_ms: int = 0) -> Review:
        """The review a grade makes: the card's memory before and after."""
        import fsrs

        now = as_utc(now)
        before = card.memory  # kept exactly, so undo restores it
        sound = usable_memory(before, now)  # whatever is stored, FSRS gets values it can use
        updated, _log = self._fsrs.review_card(
            _to_fsrs(card, now), fsrs.Rating(int(rating)), review_datetime=now
        )
        assert updated.stability is not None, "fsrs gives every reviewed card a stability"
        due = as_utc(updated.due)
        if updated.state == fsrs.State.Review:  # fsrs counts a day as 24 hours
            due = days_later(now, round((due - now) / timedelta(days=1)), self.zone)
        lapsed = rating is Rating.AGAIN and sound.state is CardState.REVIEW
        after = Memory(
            state=_state_maps()[1][updated.state],
            step=updated.step,
            stability=min(updated.stability, MAX_STABILITY),  # fsrs has no ceiling
            difficulty=updated.difficulty,
            due=due,
            last_review=now,
            reps=min(sound.reps + 1, MAX_COUNT),
            lapses=min(sound.lapses + (1 if lapsed else 0), MAX_COUNT),
        )
        return Review(
            card_id=card.id,
            rating=rating,
            reviewed_at=now,
            duration_ms=max(0, int(duration_ms)),
            before=before,
            after=after,
        )

    def replay(self, grades: Iterable[tuple[Rating, datetime, int]]) -> list[Review]:
        """The reviews a card never studied gets from (rating, time, duration) grades, oldest
        first: what `grade` gives grade after grade (times UTC, increasing, 1970 to 2200),
        on plain numbers. Without fuzz only: a replay is repeatable."""
        return self._replay_formulas().reviews(grades)

    def replay_steps(self, grades: Iterable[tuple[Rating, datetime, int]]) -> list[Replayed]:
        """`replay` as (rating, time, duration, memory before, memory after) per grade, for a
        caller that makes its own record of each (an import's bundle: no `Review` each)."""
        return self._replay_formulas().steps(grades)

    def _replay_formulas(self) -> ReplayFormulas:
        if self._fuzzing:
            raise ValueError("a review history is replayed without fuzz")
        if self._replay is None:  # made once: an import replays one card after another
            from trainer.core.history_replay import ReplayFormulas

            self._replay = ReplayFormulas(self._fsrs, self.zone)
        return self._replay

    def preview(self, card: Card, now: datetime) -> dict[Rating, timedelta]:
        """How long until the card comes back, for each of the four buttons (whole study
        days for a card going to review, even across a daylight-saving change)."""
        now = as_utc(now)
        today = study_date(now, self.zone)
        previews = {}
        for rating in Rating:
            after = self.grade(card, rating, now).after
            due: datetime = after.due  # type: ignore[assignment]
            if after.state is CardState.REVIEW:
                previews[rating] = timedelta(days=(study_date(due, self.zone) - today).days)
            else:
                previews[rating] = due - now
        return previews

    def retrievability(self, card: Card, now: datetime) -> float:
        """The probability of recalling the card at `now` (0 for a card never studied).

        fsrs's own formula, on whole days since the last review, without making an fsrs card
        (the interview plan asks this hundreds of thousands of times)."""
        memory = card.memory
        if memory.state is CardState.NEW or memory.last_review is None:
            return 0.0
        days = (as_utc(now) - as_utc(memory.last_review)).days
        return self.formulas.recall(memory.stability, days)

    def good_memory(self, card: Card, now: datetime) -> Memory:
        """What a Good grade at `now` leaves: `grade(card, GOOD, now).after`, computed
        straight from fsrs's formulas for a card in review (no fuzz), which is what planning
        asks again and again."""
        memory = card.memory
        if (
            memory.state is not CardState.REVIEW
            or self._fuzzing
            or memory.last_review is None
            or memory.stability is None
            or memory.difficulty is None
        ):
            return self.grade(card, Rating.GOOD, now).after
        now = as_utc(now)
        days = (now - as_utc(memory.last_review)).days
        stability = self.formulas.good_stability(memory.stability, memory.difficulty, days)
        return Memory(
            state=CardState.REVIEW,
            step=None,
            stability=stability,
            difficulty=self.formulas.good_difficulty(memory.difficulty),
            due=now + timedelta(days=self.formulas.interval(stability)),
            last_review=now,
            reps=memory.reps + 1,
            lapses=memory.lapses,
        )


class Formulas:
    """fsrs's forgetting curve, Good review and interval on plain numbers, operation for
    operation as `fsrs.Scheduler` computes them (tests compare them bit for bit). Planning
    evaluates them hundreds of thousands of times; an fsrs card for each took most of it.

    `days` are whole days since the last review, as fsrs floors them; a card never
    reviewed is `math.inf` days past it (recall 0, as fsrs takes it).
    """

    def __init__(self, scheduler: fsrs.Scheduler) -> None:
        w = scheduler.parameters  # read from public attributes only
        self._decay = -w[20]
        self._factor = 0.9 ** (1 / self._decay) - 1
        self._w9, self._w10, self._w19 = w[9], w[10], w[19]
        self._recall_gain = math.e ** w[8]
        self._short_term_gain = math.e ** (w[17] * w[18])  # Good: rating - 3 is 0
        # Good's linear damping of difficulty is zero: what remains is the mean reversion
        # towards the initial difficulty of Easy (rating 4).
        self._reversion = w[7]
        self._easy_difficulty = w[4] - math.e ** (w[5] * 3) + 1
        first_difficulty = w[4] - math.e ** (w[5] * 2) + 1  # Good's initial difficulty
        self._first_good = (max(w[2], _MIN_STABILITY), _clamp_difficulty(first_difficulty))
        self._interval_factor = scheduler.desired_retention ** (1 / self._decay) - 1
        self._max_interval = scheduler.maximum_interval
        self._steps = {
            CardState.NEW: scheduler.learning_steps,
            CardState.LEARNING: scheduler.learning_steps,
            CardState.RELEARNING: scheduler.relearning_steps,
        }

    def recall(self, stability: float | None, days: float) -> float:
        """Retrievability `days` after the last review (0 without a stability)."""
        if not stability:
            return 0.0
        # `max(0, days)` written out, here and below: a builtin call is most of the cost.
        return (1 + self._factor * (days if days > 0 else 0) / stability) ** self._decay

    def days_per_stability(self, recall: float) -> float:
        """How long, in days per day of stability, recall takes to fall to `recall`."""
        return (recall ** (1 / self._decay) - 1) / self._factor

    def good_stability(self, stability: float, difficulty: float, days: float) -> float:
        """The stability a Good review leaves, `days` after the last review."""
        if days < 1:  # the same day: fsrs's short-term formula
            gain = self._short_term_gain * stability**-self._w19
            after = stability * (1.0 if gain < 1.0 else gain)
        else:
            recall = (1 + self._factor * days / stability) ** self._decay
            growth = math.e ** ((1 - recall) * self._w10) - 1
            after = stability * (
                1 + self._recall_gain * (11 - difficulty) * stability**-self._w9 * growth
            )
        return _MIN_STABILITY if after < _MIN_STABILITY else after

    def learning_good(
        self,
        state: CardState,
        step: int,
        stability: float | None,
        difficulty: float | None,
        days: float,
    ) -> tuple[float, float, timedelta | None]:
        """A Good answer to a card in (re)learning, or new: its stability and difficulty,
        and the wait for its next step (None: it graduates to review)."""
        if state is not CardState.RELEARNING and (stability is None or difficulty is None):
            stability, difficulty = self._first_good
        else:  # as in review (fsrs fails a relearning card without a memory here too)
            stability = self.good_stability(stability, difficulty, days)  # type: ignore[arg-type]
            difficulty = self.good_difficulty(difficulty)  # type: ignore[arg-type]
        steps = self._steps[state]
        if step + 1 >= len(steps):  # the last step, or past the deck's steps
            return stability, difficulty, None
        return stability, difficulty, steps[step + 1]

    def good_difficulty(self, difficulty: float) -> float:
        reverted = self._reversion * self._easy_difficulty + (1 - self._reversion) * difficulty
        return _clamp_difficulty(reverted)

    def interval(self, stability: float) -> int:
        """Whole days until a card with this stability is due (no fuzz)."""
        days = round((stability / self._factor) * self._interval_factor)
        return min(max(days, 1), self._max_interval)


# FSRS-6's bounds, as `fsrs.scheduler` has them.
_MIN_STABILITY = 0.001
_MIN_DIFFICULTY, _MAX_DIFFICULTY = 1.0, 10.0


def _clamp_difficulty(difficulty: float) -> float:
    return min(max(difficulty, _MIN_DIFFICULTY), _MAX_DIFFICULTY)


def _to_fsrs(card: Card, now: datetime) -> fsrs.Card:
    import fsrs

    memory = usable_memory(card.memory, now)
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
