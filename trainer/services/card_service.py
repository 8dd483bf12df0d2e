"""Adding cards to a deck by name, creating the deck when it does not exist yet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trainer.core.cards import NewCard
from trainer.core.model import Origin
from trainer.services.undo import UndoHistory, journal_step
from trainer.services.unit_of_work import UnitOfWork
from trainer.storage.row_journal import recording


@dataclass(frozen=True)
class AddResult:
    added: int
    skipped: int  # cards whose id the collection already had


class CardService:
    def __init__(self, uow: UnitOfWork, undo: UndoHistory | None = None) -> None:
        self._uow = uow
        self._undo = undo

    def add_cards(
        self, deck_name: str, cards: Sequence[NewCard], origin: Origin = Origin.USER
    ) -> AddResult:
        """One undo step takes the cards back out, and the deck if this made it."""
        with self._uow() as collection, recording(collection) as journal:
            deck = collection.decks.named(deck_name) or collection.decks.add(deck_name)
            known = collection.cards.with_guids(card.guid for card in cards if card.guid)
            fresh = [card for card in cards if not card.guid or card.guid not in known]
            collection.cards.add(deck.id, fresh, origin)
        if self._undo is not None and fresh:
            label = f"Add {len(fresh)} card{'s' if len(fresh) != 1 else ''} to {deck.name}"
            self._undo.push(journal_step(label, journal))
        return AddResult(added=len(fresh), skipped=len(cards) - len(fresh))
