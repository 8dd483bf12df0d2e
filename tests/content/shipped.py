"""What a fresh collection gets from the built-in decks, for tests that count cards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.content.builtin_decks import load_builtin_decks

if TYPE_CHECKING:
    from trainer.services.services import Services


def installed_builtin_decks() -> dict[str, int]:
    """Each deck a fresh collection gets (not the optional ones), with its card count."""
    return {deck.name: len(deck.cards) for deck in load_builtin_decks() if not deck.optional}


def installed_builtin_cards() -> int:
    return sum(installed_builtin_decks().values())


CHECKLIST = "Preparation checklist"


def new_today() -> int:
    """New cards a fresh collection offers today: each deck's cards up to its daily limit."""
    from trainer.core.model import DeckOptions

    limit = DeckOptions().new_per_day
    return sum(min(limit, cards) for cards in installed_builtin_decks().values())


def checklist_finishable_today(services: Services) -> int:
    """Let the checklist's every new card be studied today (its daily limit raised to its
    size), for tests that study a whole deck to its end; returns how many cards it holds."""
    deck = next(d for d in services.decks.decks() if d.name == CHECKLIST)
    cards = services.decks.card_count(deck.id)
    services.decks.set_options(deck.id, deck.options._replace(new_per_day=cards))
    return cards
