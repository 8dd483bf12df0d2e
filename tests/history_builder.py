"""A realistic review history, made fast: one transaction, FSRS deciding every step.

A simulated learner studies each card from the day it is introduced, comes back after
the scheduled interval (sometimes early, often late, as people do), and recalls it with
the probability a *true* memory model gives. With `TRUE_PARAMETERS` different from FSRS's
defaults, the optimizer has something to find.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from trainer.core.cards import Card, NewCard, Rating
from trainer.core.scheduling import Scheduler, with_memory
from trainer.core.study_days import study_date
from trainer.services.services import Services

DEFAULT = (
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
)  # fmt: skip
TRUE_PARAMETERS = (
    1.0, 3.0, 6.0, 15.0, 7.0, 0.8334, 3.0194, 0.001, 1.2, 0.1666, 1.2,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.4,
)  # fmt: skip


@dataclass(frozen=True)
class BuiltHistory:
    reviews: int
    cards: int
    first: datetime


def build_history(
    services: Services,
    now: datetime,
    *,
    days: int = 150,
    extra_cards: int = 0,
    extra_deck: str = "System design",
    seed: int = 7,
    true_parameters: tuple[float, ...] = TRUE_PARAMETERS,
    new_per_day: int = 8,
    stop_before: timedelta = timedelta(hours=1),
    rest_share: float = 0.1,
) -> BuiltHistory:
    """Write `days` days of study, ending `stop_before` ahead of `now`, in one transaction.

    `extra_cards` adds a deck of that many cards first (a few thousand reviews need more
    cards than the built-in decks hold). About `rest_share` of the days (never the last
    three) are days off: what falls due then waits for the next day of study.
    """
    if extra_cards:
        services.card_edits.add_cards(
            extra_deck,
            [NewCard(f"Question {n}?", f"Answer {n}.") for n in range(1, extra_cards + 1)],
        )
    rng = random.Random(seed)
    truth = Scheduler(parameters=true_parameters, fuzzing=False)
    first = now - timedelta(days=days)
    end = now - stop_before
    rest = {
        study_date(first) + timedelta(days=day)
        for day in range(days - 3)
        if rng.random() < rest_share
    }
    total = 0
    with services.uow() as collection:
        cards = [card for deck in collection.decks.all() for card in collection.cards.all(deck.id)]
        rng.shuffle(cards)
        scheduler = Scheduler(fuzzing=False)
        for index, card in enumerate(cards):
            start_day = index // new_per_day
            if start_day >= days:
                break
            moment = first + timedelta(days=start_day, hours=rng.uniform(8, 20))
            while moment < end:
                while study_date(moment) in rest:
                    moment += timedelta(days=1)
                rating = _answer(rng, truth, card, moment)
                review = scheduler.grade(card, rating, moment, rng.randint(3_000, 40_000))
                collection.reviews.add(review)
                total += 1
                card = with_memory(card, review.after)
                moment = _next_visit(rng, card, moment)
            collection.cards.set_memory(card.id, card.memory)
    return BuiltHistory(total, len(cards), first)


def _answer(rng: random.Random, truth: Scheduler, card: Card, moment: datetime) -> Rating:
    if card.is_new:
        return rng.choices(list(Rating), weights=(0.15, 0.1, 0.65, 0.1))[0]
    if rng.random() < truth.retrievability(card, moment):
        return rng.choices((Rating.HARD, Rating.GOOD, Rating.EASY), weights=(0.1, 0.8, 0.1))[0]
    return Rating.AGAIN


def _next_visit(rng: random.Random, card: Card, moment: datetime) -> datetime:
    due = card.memory.due or moment
    wait = max(due - moment, timedelta(minutes=1))
    if wait < timedelta(hours=12):  # learning steps: taken as scheduled, same sitting
        return moment + wait
    return moment + wait * rng.uniform(0.4, 2.5)
