"""The check a JSON Schema cannot make on a .keeper file: every memory is one FSRS can
use (`core.memory_rules`), reported in one line naming the card and the field."""

from __future__ import annotations

from collections.abc import Iterable

from trainer.core.memory_rules import memory_problem
from trainer.exchange.bundle import BundleCard, BundleReview


def memory_problems(cards: Iterable[BundleCard], reviews: Iterable[BundleReview]) -> str | None:
    """The first memory FSRS cannot use, as one line naming the card and the field:
    `cards.json: card 'x' at cards[3].memory.due: must be set for a card in review`."""
    for index, card in enumerate(cards):
        problem = None if card.memory is None else memory_problem(card.memory)
        if problem is not None:
            name, why = problem
            return f"cards.json: card {card.guid!r} at cards[{index}].memory.{name}: {why}"
    for index, review in enumerate(reviews):
        for side, memory in (("before", review.before), ("after", review.after)):
            problem = memory_problem(memory)
            if problem is not None:
                name, why = problem
                where = f"card {review.card_guid!r} at reviews[{index}].{side}.{name}"
                return f"reviews.json: {where}: {why}"
    return None
