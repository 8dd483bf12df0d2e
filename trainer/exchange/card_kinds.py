"""What every format checks of a card's type: a cloze card must ask a gap its text has."""

from __future__ import annotations

from trainer.core import cloze
from trainer.core.cloze_cards import NESTED, nested_gap
from trainer.core.model import CardKind
from trainer.exchange.bundle import BundleCard


def cloze_problem(card: BundleCard) -> str | None:
    """One line when the card's type and cloze number do not fit its text, else None."""
    if card.kind is not CardKind.CLOZE:
        if card.cloze:
            return f"cloze {card.cloze} on a card of type {card.kind}: only cloze cards have one"
        return None
    if not card.cloze:
        return "a cloze card needs the number of the gap it asks (cloze)"
    if card.cloze not in cloze.gap_numbers(card.front):
        return f"cloze {card.cloze}: the front has no gap {{{{c{card.cloze}::...}}}}"
    if nested_gap(card.front):
        return f"the front {NESTED}"
    return None
