"""What a fresh collection gets from the built-in decks, for tests that count cards."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from trainer.content.builtin_decks import load_builtin_decks
from trainer.core.cards import Card
from trainer.core.model import CardState, DeckId

if TYPE_CHECKING:
    from trainer.services.services import Services


def installed_builtin_decks() -> dict[str, int]:
    """Each deck a fresh collection gets (not the optional ones), with its card count."""
    return {deck.name: len(deck.cards) for deck in load_builtin_decks() if not deck.optional}


def installed_builtin_cards() -> int:
    return sum(installed_builtin_decks().values())


CHECKLIST = "Preparation checklist"


def offered_builtin_decks() -> dict[str, int]:
    """Each installed deck's new cards a study session may offer on a fresh collection's
    first day: one card of each cloze text (its siblings are buried for the day)."""
    offered = {}
    for deck in load_builtin_decks():
        if not deck.optional:
            notes = {card.note_guid for card in deck.cards if card.note_guid}
            offered[deck.name] = sum(1 for card in deck.cards if not card.note_guid) + len(notes)
    return offered


def new_today() -> int:
    """New cards a fresh collection offers today: each deck's offered cards up to its daily
    limit."""
    from trainer.core.model import DeckOptions

    limit = DeckOptions().new_per_day
    return sum(min(limit, cards) for cards in offered_builtin_decks().values())


def checklist_finishable_today(services: Services) -> int:
    """Let the checklist's every new card be studied today (its daily limit raised to its
    size), for tests that study a whole deck to its end; returns how many cards it holds."""
    deck = next(d for d in services.decks.decks() if d.name == CHECKLIST)
    cards = services.decks.card_count(deck.id)
    services.decks.set_options(deck.id, deck.options._replace(new_per_day=cards))
    return cards


def buried_today(
    cards: Iterable[Card], today: date, day_of: Callable[[datetime], date]
) -> set[int]:
    """The ids of the new cards and due reviews a session does not offer on study day
    `today` (`day_of` gives a time's study day), as Anki buries siblings: of each cloze
    note one card (a due review first, else the oldest), none when a card of the note was
    studied today or is learning."""
    cards = list(cards)
    learning = (CardState.LEARNING, CardState.RELEARNING)
    blocked = {
        c.note_guid
        for c in cards
        if c.note_guid
        and (
            (c.memory.state in learning and not c.suspended)
            or (c.memory.last_review is not None and day_of(c.memory.last_review) == today)
        )
    }
    candidates = [
        c
        for c in cards
        if c.note_guid and not c.suspended and (c.is_new or _due_review(c, today, day_of))
    ]
    chosen: set[str] = set()
    buried = set()
    for card in sorted(candidates, key=lambda c: (not _due_review(c, today, day_of), c.id)):
        if card.note_guid in blocked or card.note_guid in chosen:
            buried.add(int(card.id))
        chosen.add(card.note_guid)
    return buried


def offerable_new(
    cards: Iterable[Card], today: date, day_of: Callable[[datetime], date]
) -> Counter[DeckId]:
    """New cards per deck a session may offer on study day `today`, siblings buried."""
    cards = list(cards)
    buried = buried_today(cards, today, day_of)
    return Counter(c.deck_id for c in cards if c.is_new and int(c.id) not in buried)


def _due_review(card: Card, today: date, day_of: Callable[[datetime], date]) -> bool:
    due = card.memory.due
    return card.memory.state is CardState.REVIEW and due is not None and day_of(due) <= today
