"""Anki scheduling to FSRS memory: replayed logs, Anki's own FSRS values, estimates."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from trainer.core.cards import Rating
from trainer.core.model import CardState
from trainer.exchange.anki_schedule import AnkiReview, AnkiSchedule, HistoryReplay

CREATED = datetime(2026, 1, 1, 4, tzinfo=UTC)
NOW = datetime(2026, 3, 10, 10, tzinfo=UTC)
DAY_MS = 86_400_000


def ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def review_card(due_day: int, interval: int, data: str = "") -> AnkiSchedule:
    return AnkiSchedule(type=2, queue=2, due=due_day, interval=interval, factor=2500, reps=3,
                        lapses=0, data=data)  # fmt: skip


def test_a_log_is_replayed_and_anki_keeps_the_due_date() -> None:
    start = ms(CREATED + timedelta(days=10))
    log = [
        AnkiReview(start, 3, -600, 0, 8000, 0),
        AnkiReview(start + 600_000, 3, 1, 2500, 4000, 0),
        AnkiReview(start + DAY_MS, 4, 4, 2650, 3000, 1),
    ]
    memory, reviews = HistoryReplay(int(CREATED.timestamp())).card(
        "g", review_card(due_day=15, interval=4), log, NOW
    )
    assert [r.rating for r in reviews] == [Rating.GOOD, Rating.GOOD, Rating.EASY]
    assert [r.duration_ms for r in reviews] == [8000, 4000, 3000]
    assert reviews[0].before.state is CardState.NEW
    assert reviews[1].before == reviews[0].after
    assert memory is not None and memory.state is CardState.REVIEW
    assert memory.due == CREATED + timedelta(days=15)
    assert memory.stability == reviews[-1].after.stability
    assert memory.reps == 3


def test_ankis_own_fsrs_values_win() -> None:
    last = int((NOW - timedelta(days=2)).timestamp())
    data = json.dumps({"s": 42.5, "d": 3.25, "lrt": last})
    memory, reviews = HistoryReplay(int(CREATED.timestamp())).card(
        "g", review_card(due_day=80, interval=40, data=data), [], NOW
    )
    assert reviews == []
    assert memory is not None
    assert (memory.stability, memory.difficulty) == (42.5, 3.25)
    assert memory.last_review == NOW - timedelta(days=2)


def test_without_a_log_the_interval_and_ease_give_an_estimate() -> None:
    memory, _ = HistoryReplay(int(CREATED.timestamp())).card(
        "g", review_card(due_day=30, interval=20), [], NOW
    )
    assert memory is not None
    assert memory.stability == 20.0
    assert memory.difficulty == 5.0  # ease 250%
    assert memory.last_review == CREATED + timedelta(days=10)


def test_history_before_a_forget_is_dropped_and_new_cards_stay_new() -> None:
    start = ms(CREATED)
    log = [
        AnkiReview(start, 3, 1, 2500, 1000, 0),
        AnkiReview(start + DAY_MS, 0, 0, 0, 0, 4),  # "Forget"
        AnkiReview(start + 2 * DAY_MS, 1, -60, 0, 1000, 0),
    ]
    new = AnkiSchedule(type=0, queue=0, due=1, interval=0, factor=0, reps=0, lapses=0, data="")
    memory, reviews = HistoryReplay(int(CREATED.timestamp())).card("g", new, log, NOW)
    assert memory is None
    assert [r.rating for r in reviews] == [Rating.AGAIN]
