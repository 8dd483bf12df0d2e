"""Anki scheduling and review log to Keeper's FSRS memory and review history.

The review log is replayed through Keeper's FSRS scheduler, which gives every review its
memory before and after, and the card a stability and difficulty. Where Anki knows better
it wins: its own FSRS stability and difficulty (card data "s" and "d"), its due date, and
its repetition and lapse counts. A card studied in Anki but without a log gets an
estimate from its interval and ease.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from trainer.core.cards import Memory, Rating
from trainer.core.memory_rules import EARLIEST, LATEST, usable_memory
from trainer.core.model import CardState
from trainer.core.scheduling import Scheduler
from trainer.exchange.bundle import BundleReview

# Anki's card types and queues (pylib/anki/consts.py).
_NEW, _LEARNING, _REVIEW, _RELEARNING = 0, 1, 2, 3
_QUEUE_LEARNING, _QUEUE_DAY_LEARNING = 1, 3
# Anki's review log kinds: learning, review, relearning, filtered, manual, rescheduled.
_GRADED_KINDS = {0, 1, 2, 3}
_MANUAL = 4
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Reviews after this would be due past LATEST (intervals stop at 36,500 days): damage.
_LAST_REVIEW = LATEST - timedelta(days=36_500)
_LONGEST_ANSWER_MS = 3_600_000  # Anki caps answer times far lower; a bigger one is damage
_RATINGS = {int(rating): rating for rating in Rating}  # an enum call each cost 0.4 µs
_STATE = {_LEARNING: CardState.LEARNING, _REVIEW: CardState.REVIEW,
          _RELEARNING: CardState.RELEARNING}  # fmt: skip


class AnkiSchedule(NamedTuple):
    """The scheduling columns of one Anki card: a row, made for every card read (a frozen
    dataclass took 2.6 microseconds to make, a tuple 0.6: 20 ms of a 10,000-card read)."""

    type: int
    queue: int
    due: int
    interval: int  # days when positive, seconds when negative
    factor: int  # ease in permille
    reps: int
    lapses: int
    data: str


@dataclass(frozen=True, slots=True)  # one a review log row, all held while read
class AnkiReview:
    """One row of Anki's revlog."""

    id: int  # milliseconds since the epoch
    ease: int
    interval: int
    factor: int
    duration_ms: int
    kind: int


class HistoryReplay:
    """Replays review logs with one FSRS scheduler (fuzz off, so imports are repeatable)."""

    def __init__(self, collection_created: int) -> None:
        self._replay_steps = Scheduler(fuzzing=False).replay_steps
        self._created = _moment(_EPOCH, seconds=collection_created) or _EPOCH

    def card(
        self, guid: str, schedule: AnkiSchedule, log: list[AnkiReview], now: datetime
    ) -> tuple[Memory | None, list[BundleReview]]:
        """The card's memory (None: new) and its reviews, oldest first."""
        reviews = self._replay(guid, _since_last_reset(log)) if log else []
        if schedule.type not in _STATE:
            return None, reviews
        memory = reviews[-1].after if reviews else self._estimate(schedule, now)
        # A package may hold any number: what FSRS cannot use becomes the nearest it can.
        return usable_memory(self._anki_knows_better(memory, schedule, now), now), reviews

    def _replay(self, guid: str, log: list[AnkiReview]) -> list[BundleReview]:
        if not log:
            return []  # most cards of a shared deck: no need for a card to replay onto
        grades: list[tuple[Rating, datetime, int]] = []
        last: datetime | None = None
        for entry in log:
            rating = _RATINGS.get(entry.ease)
            if rating is None or entry.kind not in _GRADED_KINDS:
                continue
            if entry.kind == 3 and entry.factor == 0:
                continue  # cramming in a filtered deck that did not reschedule
            when = _moment(_EPOCH, milliseconds=entry.id)
            if when is None or when > _LAST_REVIEW:
                continue  # a time no clock could have written
            if last is not None and when <= last:
                when = last + timedelta(milliseconds=1)
            grades.append((rating, when, min(entry.duration_ms, _LONGEST_ANSWER_MS)))
            last = when
        return [BundleReview(guid, *step) for step in self._replay_steps(grades)]

    def _estimate(self, schedule: AnkiSchedule, now: datetime) -> Memory:
        """No log: stability from the interval, difficulty from the ease (2.5 -> 5)."""
        ease = schedule.factor / 1000 if schedule.factor else 2.5
        difficulty = min(10.0, max(1.0, 5.0 + (2.5 - ease) * 4.0))
        stability = float(max(schedule.interval, 1)) if schedule.type == _REVIEW else None
        return Memory(
            state=_STATE[schedule.type],
            step=None if schedule.type == _REVIEW else 0,
            stability=stability,
            difficulty=difficulty if stability is not None else None,
            due=now,
            last_review=None,
        )

    def _anki_knows_better(self, memory: Memory, schedule: AnkiSchedule, now: datetime) -> Memory:
        state = _STATE[schedule.type]
        due = self._due(schedule) or memory.due or now
        stability, difficulty, last_review = memory.stability, memory.difficulty, None
        data = _card_data(schedule.data)
        anki_stability, anki_difficulty, reviewed = data.get("s"), data.get("d"), data.get("lrt")
        if isinstance(anki_stability, int | float) and isinstance(anki_difficulty, int | float):
            stability, difficulty = float(anki_stability), float(anki_difficulty)
        if isinstance(reviewed, int) and reviewed > 0:
            last_review = _moment(_EPOCH, seconds=reviewed)
        if last_review is None:
            last_review = memory.last_review
        if last_review is None and state is CardState.REVIEW and schedule.interval > 0:
            last_review = _moment(due, days=-schedule.interval)
        return Memory(
            state=state,
            step=None if state is CardState.REVIEW else (memory.step or 0),
            stability=stability,
            difficulty=difficulty,
            due=due,
            last_review=last_review,
            reps=max(schedule.reps, memory.reps),
            lapses=max(schedule.lapses, memory.lapses),
        )

    def _due(self, schedule: AnkiSchedule) -> datetime | None:
        if schedule.type == _REVIEW and 0 <= schedule.due < 1_000_000:
            return _moment(self._created, days=schedule.due)
        if schedule.queue == _QUEUE_LEARNING and schedule.due > 1_000_000_000:
            return _moment(_EPOCH, seconds=schedule.due)
        if schedule.queue == _QUEUE_DAY_LEARNING and 0 <= schedule.due < 1_000_000:
            return _moment(self._created, days=schedule.due)
        return None


def _moment(start: datetime, **delta: int) -> datetime | None:
    """`start` moved by `delta`; None when that is no time Keeper schedules by (1970 to
    2200). A time no date can hold raises OverflowError: the import refuses the package
    as damaged."""
    moment = start + timedelta(**delta)
    return moment if EARLIEST <= moment < LATEST else None


def _since_last_reset(log: list[AnkiReview]) -> list[AnkiReview]:
    """Anki's "Forget" logs a manual entry with interval 0; history before it is void."""
    for index in range(len(log) - 1, -1, -1):
        entry = log[index]
        if entry.kind == _MANUAL and entry.ease == 0 and entry.interval == 0:
            return log[index + 1 :]
    return log


def _card_data(text: str) -> dict[str, object]:
    if not text or not text.startswith("{"):
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
