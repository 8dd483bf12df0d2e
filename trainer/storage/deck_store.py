"""Deleting and restoring whole decks (with their cards and review history), renaming.

Works inside the caller's transaction, like `Collection`. The snapshot a delete returns is
opaque to the layers above: they keep it in an undo step and hand it back to `restore`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from trainer.core.model import DeckId
from trainer.storage.card_store import insert_rows, rows_of
from trainer.storage.models import CardRow, DeckRow, ReviewRow


@dataclass(frozen=True)
class RemovedDeck:
    deck: dict[str, Any]
    cards: tuple[dict[str, Any], ...]
    reviews: tuple[dict[str, Any], ...]

    @property
    def name(self) -> str:
        return str(self.deck["name"])


class DeckStore:
    def __init__(self, session: Session, now: datetime) -> None:
        self.session = session
        self.now = now

    def card_count(self, deck_id: DeckId) -> int:
        query = select(func.count()).select_from(CardRow).where(CardRow.deck_id == int(deck_id))
        return int(self.session.execute(query).scalar() or 0)

    def rename(self, deck_id: DeckId, name: str) -> None:
        self.session.execute(update(DeckRow).where(DeckRow.id == int(deck_id)).values(name=name))

    def remove(self, deck_id: DeckId) -> RemovedDeck:
        """Delete a deck, its cards and their reviews; returns what `restore` needs."""
        decks = rows_of(self.session, DeckRow, DeckRow.id == int(deck_id))
        if not decks:
            raise LookupError(f"no deck with id {deck_id}")
        in_deck = select(CardRow.id).where(CardRow.deck_id == int(deck_id))
        cards = rows_of(self.session, CardRow, CardRow.deck_id == int(deck_id))
        reviews = rows_of(self.session, ReviewRow, ReviewRow.card_id.in_(in_deck))
        self.session.execute(delete(ReviewRow).where(ReviewRow.card_id.in_(in_deck)))
        self.session.execute(delete(CardRow).where(CardRow.deck_id == int(deck_id)))
        self.session.execute(delete(DeckRow).where(DeckRow.id == int(deck_id)))
        return RemovedDeck(decks[0], tuple(cards), tuple(reviews))

    def restore(self, removed: RemovedDeck) -> None:
        """Put a deleted deck back with its id, options, cards and history."""
        insert_rows(self.session, DeckRow, [removed.deck])
        insert_rows(self.session, CardRow, removed.cards)
        insert_rows(self.session, ReviewRow, removed.reviews)
