"""Scheduler.replay (a review history in one go) against grading one review at a time.

The import of an Anki package replays tens of thousands of grades with `replay`; a
history must end with the same memory, and every review hold the same before and after,
as when each grade goes through `grade` with the card's memory of the grade before.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.cards import Card, Rating, Review
from trainer.core.memory_rules import LATEST
from trainer.core.model import CardId, CardState, DeckId, DeckOptions
from trainer.core.scheduling import Scheduler, with_memory

START = datetime(2024, 2, 1, 9, 30, tzinfo=UTC)
MINUTE_MS = 60_000
DAY_MS = 86_400_000

Grades = list[tuple[Rating, datetime, int]]


def one_at_a_time(scheduler: Scheduler, grades: Grades) -> list[Review]:
    card = Card(CardId(0), DeckId(0), "", "")
    reviews = []
    for rating, when, duration_ms in grades:
        review = scheduler.grade(card, rating, when, duration_ms)
        reviews.append(review)
        card = with_memory(card, review.after)
    return reviews


def history(steps: list[tuple[int, int]], start: datetime = START) -> Grades:
    """(rating, milliseconds since the grade before) pairs as grades."""
    grades, when = [], start
    for rating, gap_ms in steps:
        when += timedelta(milliseconds=gap_ms)
        grades.append((Rating(rating), when, 4000))
    return grades


def test_a_relearned_card_with_same_day_reviews_and_a_long_gap() -> None:
    grades = history([
        (1, 0), (3, MINUTE_MS), (3, 10 * MINUTE_MS),  # learning: again, then two steps
        (3, 3 * DAY_MS), (1, 20 * DAY_MS),  # review, then a lapse
        (2, 5 * MINUTE_MS), (3, 10 * MINUTE_MS),  # relearning the same day
        (4, 400 * DAY_MS), (3, 1),  # a year away, then again a millisecond later
    ])  # fmt: skip
    scheduler = Scheduler(fuzzing=False)
    replayed = scheduler.replay(grades)
    assert replayed == one_at_a_time(scheduler, grades)
    states = [review.after.state for review in replayed]
    assert CardState.RELEARNING in states and states[-1] is CardState.REVIEW
    assert replayed[-1].after.lapses == 1 and replayed[-1].after.reps == len(grades)


def test_a_history_due_past_2200_is_mended_as_grading_mends_it() -> None:
    easy_every_2000_days = [(4, 0)] + [(4, 2_000 * DAY_MS)] * 9
    grades = history(easy_every_2000_days, start=datetime(1971, 1, 1, tzinfo=UTC))
    late = LATEST - timedelta(days=36_500)  # the last moment an import replays
    grades += history([(4, 0), (3, DAY_MS), (1, DAY_MS), (3, MINUTE_MS)], start=late)
    scheduler = Scheduler(fuzzing=False)
    replayed = scheduler.replay(grades)
    assert replayed == one_at_a_time(scheduler, grades)
    assert replayed[10].after.due >= LATEST  # what the replay mends before the next grade


def test_replay_follows_the_schedulers_own_time_zone() -> None:
    grades = history([(3, 0), (3, 10 * MINUTE_MS), (3, 2 * DAY_MS), (3, 9 * DAY_MS)])
    scheduler = Scheduler(fuzzing=False, zone=ZoneInfo("America/Sao_Paulo"))
    assert scheduler.replay(grades) == one_at_a_time(scheduler, grades)


def test_no_grades_no_reviews() -> None:
    assert Scheduler(fuzzing=False).replay([]) == []


gaps = st.one_of(
    st.integers(0, 10),  # the same moment, near enough
    st.integers(MINUTE_MS, 12 * 60 * MINUTE_MS),  # the same day
    st.integers(DAY_MS // 2, 40 * DAY_MS),  # days
    st.integers(40 * DAY_MS, 3_000 * DAY_MS),  # long gaps
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 4), gaps), min_size=1, max_size=25))
def test_any_history_replays_as_grading_it_one_review_at_a_time(
    steps: list[tuple[int, int]],
) -> None:
    grades = history(steps)
    scheduler = Scheduler(fuzzing=False)
    assert scheduler.replay(grades) == one_at_a_time(scheduler, grades)


step_lists = st.lists(st.integers(1, 3 * 24 * 60).map(lambda m: timedelta(minutes=m)), max_size=3)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 4), gaps), min_size=1, max_size=15),
    step_lists,
    step_lists,
    st.sampled_from([0.7, 0.85, 0.97]),
)
def test_any_history_replays_alike_with_any_steps_and_retention(
    steps: list[tuple[int, int]],
    learning: list[timedelta],
    relearning: list[timedelta],
    retention: float,
) -> None:
    options = DeckOptions(
        desired_retention=retention,
        learning_steps=tuple(learning),
        relearning_steps=tuple(relearning),
    )
    grades = history(steps)
    scheduler = Scheduler(options, fuzzing=False)
    assert scheduler.replay(grades) == one_at_a_time(scheduler, grades)


def test_a_replay_with_fuzz_is_refused() -> None:
    with pytest.raises(ValueError, match="without fuzz"):
        Scheduler(fuzzing=True).replay(history([(3, 0)]))
