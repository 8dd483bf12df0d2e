"""Daily limits and the order of a session's queue."""

from __future__ import annotations

from trainer.core.cards import Card
from trainer.core.model import CardId, DeckId, DeckOptions
from trainer.core.queue import DoneToday, QueueCounts, allowance, build_queue, overview


def card(n: int) -> Card:
    return Card(id=CardId(n), deck_id=DeckId(1), front=str(n), back="")


def test_allowance_subtracts_what_was_done_today_and_never_goes_negative() -> None:
    options = DeckOptions(new_per_day=20, reviews_per_day=200)
    assert allowance(options, DoneToday(new=5, reviews=10)).new == 15
    assert allowance(options, DoneToday(new=25, reviews=250)).reviews == 0


def test_overview_applies_limits_to_new_and_reviews_but_not_to_learning() -> None:
    options = DeckOptions(new_per_day=20, reviews_per_day=10)
    counts = QueueCounts(total=100, new=50, learning_due=4, review_due=30)
    row = overview(1, "Deck", counts, options, DoneToday(new=15, reviews=3))
    assert row.new == 5
    assert row.due == 4 + 7
    assert row.cards == 100


def test_learning_first_then_new_cards_spread_among_reviews() -> None:
    learning = [card(1)]
    reviews = [card(n) for n in range(10, 16)]
    new = [card(100), card(101)]
    order = [c.id for c in build_queue(learning, reviews, new)]
    assert order[0] == 1
    assert sorted(order) == sorted([1, *range(10, 16), 100, 101])
    # one new card near the start, the other in the middle, not both at the end
    assert order.index(101) < len(order) - 1
