"""Anki scheduling to FSRS memory: replayed logs, Anki's own FSRS values, estimates."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.cards import Rating
from trainer.core.memory_rules import memory_problem
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


ANY_INT = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from([0, -1, 1, 2**31, 10**9 + 1, 2**63 - 1, -(2**63)]),
)
CARD_DATA = st.one_of(
    st.just(""),
    st.builds(
        lambda s, d, lrt: json.dumps({"s": s, "d": d, "lrt": lrt}),
        st.one_of(st.floats(), st.integers(), st.none(), st.text(max_size=3)),
        st.one_of(st.floats(), st.integers(), st.none()),
        st.one_of(ANY_INT, st.floats(), st.none()),
    ),
)


@settings(max_examples=300, deadline=None, report_multiple_bugs=False)
@given(
    schedule=st.builds(
        AnkiSchedule,
        type=st.integers(min_value=-1, max_value=4),
        queue=st.integers(min_value=-3, max_value=4),
        due=ANY_INT,
        interval=ANY_INT,
        factor=ANY_INT,
        reps=ANY_INT,
        lapses=ANY_INT,
        data=CARD_DATA,
    ),
    log=st.lists(
        st.builds(
            AnkiReview,
            id=ANY_INT,
            ease=st.integers(min_value=-1, max_value=5),
            interval=ANY_INT,
            factor=ANY_INT,
            duration_ms=ANY_INT,
            kind=st.integers(min_value=-1, max_value=5),
        ),
        max_size=4,
    ),
    created=ANY_INT,
)
def test_any_anki_scheduling_values_give_a_memory_fsrs_can_use_or_are_refused(
    schedule: AnkiSchedule, log: list[AnkiReview], created: int
) -> None:
    try:
        memory, reviews = HistoryReplay(created).card("g", schedule, log, NOW)
    except OverflowError:
        return  # a time past the year 9999: the import refuses the package as damaged
    assert memory is None or memory_problem(memory) is None, memory
    for review in reviews:
        assert memory_problem(review.before) is None and memory_problem(review.after) is None
        assert 0 <= review.duration_ms <= 2**31
