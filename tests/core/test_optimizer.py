"""The optimizer: turning the log into training items, the minimum history, and a fit to a
synthetic history drawn from known parameters that moves towards them."""

from __future__ import annotations

import math
import random
import time
from datetime import UTC, datetime, timedelta

import pytest

from trainer.core.cards import Card, Rating
from trainer.core.model import CardId, CardState, DeckId
from trainer.core.optimizer import (
    DEFAULT_PARAMETERS,
    MIN_REVIEWS,
    HistoryEntry,
    NotEnoughHistory,
    card_sequences,
    evaluate,
    optimize,
    training_items,
    usable_reviews,
)
from trainer.core.scheduling import Scheduler, with_memory

NEW, LEARNING, REVIEW = int(CardState.NEW), int(CardState.LEARNING), int(CardState.REVIEW)
START = datetime(2025, 1, 1, 10, tzinfo=UTC)
# Memories much stronger than FSRS's defaults, and a steeper forgetting curve (w20).
TRUE = (
    1.0, 3.0, 6.0, 15.0, 7.0, 0.8334, 3.0194, 0.001, 1.2, 0.1666, 1.2,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.4,
)  # fmt: skip


def synthetic_log(cards: int, days: int, seed: int) -> list[HistoryEntry]:
    """A learner whose memory follows TRUE, reviewing at irregular times (0.3x to 3x the
    scheduled interval) so recall is observed over a wide range of retrievability."""
    rng = random.Random(seed)
    truth = Scheduler(parameters=TRUE, fuzzing=False)
    end = START + timedelta(days=days)
    log: list[HistoryEntry] = []
    for number in range(cards):
        card = Card(CardId(number + 1), DeckId(1), "f", "b")
        moment = START + timedelta(days=rng.randrange(days // 2), hours=rng.uniform(0, 8))
        while moment < end:
            if card.is_new:
                rating = rng.choices(list(Rating), weights=(0.2, 0.1, 0.6, 0.1))[0]
            elif rng.random() < truth.retrievability(card, moment):
                rating = rng.choices(list(Rating)[1:], weights=(0.1, 0.8, 0.1))[0]
            else:
                rating = Rating.AGAIN
            review = truth.grade(card, rating, moment)
            log.append(HistoryEntry(card.id, moment, int(rating), int(card.memory.state)))
            card = with_memory(card, review.after)
            wait = max((card.memory.due or moment) - moment, timedelta(minutes=1))
            moment += wait * (1 if wait < timedelta(hours=12) else rng.uniform(0.3, 3.0))
    return log


def test_sequences_count_gaps_in_study_days_and_skip_partial_histories() -> None:
    log = [
        HistoryEntry(1, datetime(2026, 3, 1, 10, tzinfo=UTC), 3, NEW),
        HistoryEntry(1, datetime(2026, 3, 1, 10, 10, tzinfo=UTC), 3, LEARNING),  # same day
        HistoryEntry(1, datetime(2026, 3, 4, 3, 0, tzinfo=UTC), 3, REVIEW),  # still the 3rd
        HistoryEntry(1, datetime(2026, 3, 10, 12, tzinfo=UTC), 1, REVIEW),
        HistoryEntry(2, datetime(2026, 3, 2, 12, tzinfo=UTC), 3, REVIEW),  # starts mid-way: out
        HistoryEntry(2, datetime(2026, 3, 9, 12, tzinfo=UTC), 3, REVIEW),
        HistoryEntry(3, datetime(2026, 3, 5, 12, tzinfo=UTC), 4, NEW),
    ]
    sequences = card_sequences(log, UTC)
    assert sequences == [[(3, 0), (3, 0), (3, 2), (1, 7)], [(4, 0)]]
    assert usable_reviews(sequences) == 2
    assert len(training_items(sequences)) == 2


def test_too_little_history_says_how_many_more_reviews_are_needed() -> None:
    sequences = card_sequences(synthetic_log(cards=10, days=60, seed=1), UTC)
    usable = usable_reviews(sequences)
    assert 0 < usable < MIN_REVIEWS
    with pytest.raises(NotEnoughHistory) as raised:
        optimize(sequences)
    assert raised.value.missing == MIN_REVIEWS - usable
    assert f"{MIN_REVIEWS - usable} more usable reviews needed" in str(raised.value)
    assert str(raised.value).count("needed") == 1  # said once
    with pytest.raises(NotEnoughHistory):
        optimize([])


def test_the_fit_moves_towards_the_parameters_that_made_the_history() -> None:
    history = synthetic_log(cards=1000, days=365, seed=2)
    sequences = card_sequences(history, UTC)
    started = time.perf_counter()
    result = optimize(sequences)
    seconds = time.perf_counter() - started

    assert seconds < 5  # a fraction of a second in practice
    assert len(result.parameters) == 21
    assert result.reviews == usable_reviews(sequences) > 5_000
    assert result.improved and result.after.log_loss < result.before.log_loss
    assert result.after.rmse < result.before.rmse
    # Closer to the truth where the history says most: the initial stabilities (on a log
    # scale) and the shape of the forgetting curve.
    assert distance(result.parameters) < distance(DEFAULT_PARAMETERS) / 2
    assert abs(result.parameters[20] - TRUE[20]) < abs(DEFAULT_PARAMETERS[20] - TRUE[20]) / 2

    # On a fresh history from the same learner, the fit predicts almost as well as the truth.
    held_out = training_items(card_sequences(synthetic_log(cards=300, days=200, seed=9), UTC))
    fitted = evaluate(result.parameters, held_out)
    default = evaluate(DEFAULT_PARAMETERS, held_out)
    truth = evaluate(TRUE, held_out)
    assert fitted.log_loss < default.log_loss
    assert fitted.log_loss - truth.log_loss < (default.log_loss - truth.log_loss) / 2


def test_the_current_parameters_are_the_before() -> None:
    sequences = card_sequences(synthetic_log(cards=300, days=200, seed=4), UTC)
    items = training_items(sequences)
    result = optimize(sequences, TRUE)
    before, after = evaluate(TRUE, items), evaluate(result.parameters, items)
    # fsrs-rs sums in parallel: the last bits of a float may differ from run to run.
    assert result.before.log_loss == pytest.approx(before.log_loss, rel=1e-6)
    assert result.before.rmse == pytest.approx(before.rmse, rel=1e-6)
    assert result.after.log_loss == pytest.approx(after.log_loss, rel=1e-6)


def distance(parameters: tuple[float, ...]) -> float:
    stabilities = sum(
        (math.log(a) - math.log(b)) ** 2 for a, b in zip(parameters[:4], TRUE[:4], strict=True)
    )
    return math.sqrt(stabilities + ((parameters[20] - TRUE[20]) / 0.1) ** 2)
