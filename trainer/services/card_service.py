"""Adding cards to a deck by name, creating the deck when it does not exist yet."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trainer.core.cards import NewCard
from trainer.core.model import Origin
from trainer.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class AddResult:
    added: int
    skipped: int  # cards whose id the collection already had


class CardService:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def add_cards(
        self, deck_name: str, cards: Sequence[NewCard], origin: Origin = Origin.USER
    ) -> AddResult:
        with self._uow() as collection:
            deck = collection.decks.named(deck_name) or collection.decks.add(deck_name)
            known = collection.cards.with_guids(card.guid for card in cards if card.guid)
            fresh = [card for card in cards if not card.guid or card.guid not in known]
            collection.cards.add(deck.id, fresh, origin)
            return AddResult(added=len(fresh), skipped=len(cards) - len(fresh))
