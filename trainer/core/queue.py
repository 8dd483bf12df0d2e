"""Which cards a study session shows today, and in what order, under a deck's daily limits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from trainer.core.cards import Card
    from trainer.core.model import DeckOptions


class DoneToday(NamedTuple):
    """What was already studied in a deck today, counted against its limits."""

    new: int = 0
    reviews: int = 0


class Allowance(NamedTuple):
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


class QueueCounts(NamedTuple):
    """A deck's cards as the study queue sees them (before daily limits)."""

    total: int = 0
    new: int = 0
    learning_due: int = 0  # due now
    review_due: int = 0
    learning_today: int = 0  # due before the study day ends, now or later


class DeckOverview(NamedTuple):
    """One row of the home screen: what studying this deck today would show."""

    deck_id: int
    name: str
    cards: int
    new: int  # new cards today, after the daily limit
    due: int  # learning and review cards due now, after the daily limit
    learning: int = 0  # cards in their first steps due today, now or later (never limited)
    reviews: int = 0  # review cards due today, after the daily limit


def overview(
    deck_id: int, name: str, counts: QueueCounts, options: DeckOptions, done: DoneToday
) -> DeckOverview:
    """Due counts after today's limits; learning cards are never held back by a limit."""
    left = allowance(options, done)
    reviews = min(counts.review_due, left.reviews)
    return DeckOverview(
        deck_id=deck_id,
        name=name,
        cards=counts.total,
        new=min(counts.new, left.new),
        due=counts.learning_due + reviews,
        learning=counts.learning_today,
        reviews=reviews,
    )
