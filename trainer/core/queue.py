"""Which cards a study session shows today, and in what order, under a deck's daily limits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trainer.core.model import Card, DeckOptions


@dataclass(frozen=True)
class DoneToday:
    """What was already studied in a deck today, counted against its limits."""

    new: int = 0
    reviews: int = 0


@dataclass(frozen=True)
class Allowance:
    new: int
    reviews: int


def allowance(options: DeckOptions, done: DoneToday) -> Allowance:
    """How many more new cards and reviews the deck's daily limits allow today."""
    return Allowance(
        new=max(0, options.new_per_day - done.new),
        reviews=max(0, options.reviews_per_day - done.reviews),
    )


def interleave(reviews: Sequence[Card], new: Sequence[Card]) -> list[Card]:
    """Spread new cards evenly among the reviews, so a session is not all new at the end."""
    if not new:
        return list(reviews)
    if not reviews:
        return list(new)
    order: list[Card] = []
    gap = len(reviews) / len(new)
    next_new = 0
    for index, review in enumerate(reviews):
        while next_new < len(new) and next_new * gap <= index:
            order.append(new[next_new])
            next_new += 1
        order.append(review)
    order.extend(new[next_new:])
    return order


def build_queue(
    learning: Sequence[Card], reviews: Sequence[Card], new: Sequence[Card]
) -> list[Card]:
    """Learning cards first (they are on a short clock), then reviews with new cards mixed in."""
    return list(learning) + interleave(reviews, new)
