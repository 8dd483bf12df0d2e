"""FSRS through core.scheduling: grades, previews, retrievability, interval labels."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from trainer.core.cards import Card, Rating
from trainer.core.model import CardId, CardState, DeckId, DeckOptions
from trainer.core.scheduling import Scheduler, format_interval, with_memory

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)


def new_card() -> Card:
    return Card(id=CardId(1), deck_id=DeckId(1), front="Q", back="A")


def test_again_on_a_new_card_comes_back_after_the_first_learning_step() -> None:
    review = Scheduler(fuzzing=False).grade(new_card(), Rating.AGAIN, NOW)
    assert review.after.state is CardState.LEARNING
    assert review.after.due == NOW + timedelta(minutes=1)
    assert review.before.state is CardState.NEW
    assert review.after.reps == 1


def test_easy_on_a_new_card_graduates_it_to_review_days_away() -> None:
    review = Scheduler(fuzzing=False).grade(new_card(), Rating.EASY, NOW)
    assert review.after.state is CardState.REVIEW
    assert review.after.due - NOW >= timedelta(days=1)


def test_preview_orders_the_four_buttons_from_soonest_to_latest() -> None:
    intervals = Scheduler(fuzzing=False).preview(new_card(), NOW)
    ordered = [intervals[r] for r in Rating]
    assert ordered == sorted(ordered)
    assert ordered[0] < ordered[-1]


def test_a_lapse_counts_only_when_a_review_card_is_forgotten() -> None:
    scheduler = Scheduler(fuzzing=False)
    graduated = with_memory(new_card(), scheduler.grade(new_card(), Rating.EASY, NOW).after)
    later = graduated.memory.due
    forgotten = scheduler.grade(graduated, Rating.AGAIN, later)
    assert forgotten.after.state is CardState.RELEARNING
    assert forgotten.after.lapses == 1


def test_desired_retention_changes_the_interval() -> None:
    card = new_card()
    strict = Scheduler(DeckOptions(desired_retention=0.97), fuzzing=False)
    relaxed = Scheduler(DeckOptions(desired_retention=0.80), fuzzing=False)
    graduated = with_memory(card, strict.grade(card, Rating.EASY, NOW).after)
    due = graduated.memory.due
    assert (
        strict.grade(graduated, Rating.GOOD, due).after.due
        < relaxed.grade(graduated, Rating.GOOD, due).after.due
    )


def test_retrievability_falls_with_time_and_is_zero_for_new_cards() -> None:
    scheduler = Scheduler(fuzzing=False)
    assert scheduler.retrievability(new_card(), NOW) == 0.0
    studied = with_memory(new_card(), scheduler.grade(new_card(), Rating.GOOD, NOW).after)
    soon = scheduler.retrievability(studied, NOW + timedelta(hours=1))
    later = scheduler.retrievability(studied, NOW + timedelta(days=30))
    assert 0 < later < soon <= 1


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        Scheduler(fuzzing=False).grade(new_card(), Rating.GOOD, datetime(2026, 3, 10))


@pytest.mark.parametrize(
    ("delta", "label"),
    [
        (timedelta(seconds=30), "<1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=3), "3h"),
        (timedelta(days=4), "4d"),
        (timedelta(days=45), "1.5mo"),
        (timedelta(days=365), "1y"),
    ],
)
def test_interval_labels(delta: timedelta, label: str) -> None:
    assert format_interval(delta) == label


def random_review_cards(count: int, seed: int = 5) -> list[Card]:
    """Cards in review with varied memories, reviewed between 1 and 400 days ago."""
    import random

    from trainer.core.cards import Memory

    rng = random.Random(seed)
    cards = []
    for number in range(count):
        last = NOW - timedelta(days=rng.uniform(0, 400))
        memory = Memory(
            CardState.REVIEW, None, rng.uniform(0.1, 900), rng.uniform(1, 10),
            last + timedelta(days=rng.uniform(1, 300)), last, rng.randint(1, 40), rng.randint(0, 9),
        )  # fmt: skip
        cards.append(with_memory(Card(CardId(number), DeckId(1), "f", "b"), memory))
    return cards


def test_the_quick_retrievability_is_fsrs_own() -> None:
    from trainer.core.scheduling import _to_fsrs

    scheduler = Scheduler(DeckOptions(desired_retention=0.85), fuzzing=False)
    for card in random_review_cards(500):
        for days in (0, 1, 17, 365):
            moment = NOW + timedelta(days=days, hours=3)
            expected = scheduler._fsrs.get_card_retrievability(_to_fsrs(card, moment), moment)
            assert scheduler.retrievability(card, moment) == expected


@pytest.mark.parametrize("parameters", [None, "optimized"])
def test_the_quick_good_review_is_what_grading_good_gives(parameters: str | None) -> None:
    from fsrs.scheduler import DEFAULT_PARAMETERS

    fitted = tuple(value * 1.03 for value in DEFAULT_PARAMETERS) if parameters else None
    scheduler = Scheduler(DeckOptions(), parameters=fitted, fuzzing=False)
    for card in random_review_cards(500):
        for days in (0, 2, 40):
            moment = NOW + timedelta(days=days, minutes=7)
            assert (
                scheduler.good_memory(card, moment)
                == scheduler.grade(card, Rating.GOOD, moment).after
            )


def test_with_memory_is_replace() -> None:
    from dataclasses import replace

    from trainer.core.cards import Memory

    card = Card(CardId(3), DeckId(4), "f", "b", tags=("x",), guid="g")
    memory = Memory(CardState.REVIEW, None, 3.0, 5.0, NOW, NOW, 2, 0)
    assert with_memory(card, memory) == replace(card, memory=memory)
    assert card.memory != memory  # the original is unchanged


def test_the_quick_good_answer_in_learning_is_what_grading_good_gives() -> None:
    """`Formulas.learning_good` against fsrs, for new, learning and relearning cards: with
    and without a memory or a last review, on the same day and later, at every step and
    past the deck's steps, with no steps at all."""
    import math
    import random

    from trainer.core.cards import Memory

    rng = random.Random(11)
    minute = timedelta(minutes=1)
    for steps in [(), (minute,), (minute, 10 * minute), (timedelta(days=1), 60 * minute)]:
        scheduler = Scheduler(
            DeckOptions(learning_steps=steps, relearning_steps=steps), fuzzing=False
        )
        for _ in range(300):
            state = rng.choice([CardState.NEW, CardState.LEARNING, CardState.RELEARNING])
            relearning = state is CardState.RELEARNING  # fsrs needs its memory
            stability = rng.uniform(0.05, 300) if relearning or rng.random() < 0.7 else None
            difficulty = rng.uniform(1, 10) if relearning or rng.random() < 0.7 else None
            last = None if rng.random() < 0.1 else NOW - timedelta(minutes=rng.randint(-30, 9000))
            memory = Memory(state, rng.randint(0, 3), stability, difficulty, NOW, last)
            card = with_memory(new_card(), memory)
            after = scheduler.grade(card, Rating.GOOD, NOW).after
            days = math.inf if memory.last_review is None else (NOW - memory.last_review).days
            stability, difficulty, wait = scheduler.formulas.learning_good(
                state, memory.step, memory.stability, memory.difficulty, days  # type: ignore[arg-type]
            )  # fmt: skip
            assert (stability, difficulty) == (after.stability, after.difficulty)
            if wait is None:
                assert after.state is CardState.REVIEW
                assert after.due == NOW + timedelta(days=scheduler.formulas.interval(stability))
            else:
                assert after.state is not CardState.REVIEW and after.due == NOW + wait


def test_the_quick_good_review_without_a_last_review_is_fsrs_own() -> None:
    """A card in review with no last review (an odd import) counts as never reviewed:
    `math.inf` days, recall 0, as fsrs takes it."""
    import math

    scheduler = Scheduler(fuzzing=False)
    for card in random_review_cards(100, seed=9):
        card = with_memory(card, replace(card.memory, last_review=None))
        after = scheduler.grade(card, Rating.GOOD, NOW).after
        formulas = scheduler.formulas
        stability, difficulty = card.memory.stability, card.memory.difficulty
        assert formulas.good_stability(stability, difficulty, math.inf) == after.stability  # type: ignore[arg-type]
        assert formulas.good_difficulty(difficulty) == after.difficulty  # type: ignore[arg-type]
        assert formulas.recall(stability, math.inf) == 0.0


@pytest.mark.parametrize("target", [0.5, 0.8, 0.9, 0.97])
def test_days_per_stability_inverts_the_forgetting_curve(target: float) -> None:
    formulas = Scheduler(fuzzing=False).formulas
    ratio = formulas.days_per_stability(target)
    for stability in (0.3, 2.0, 17.5, 240.0, 3000.0):
        assert formulas.recall(stability, ratio * stability) == pytest.approx(target)
