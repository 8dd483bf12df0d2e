"""Decks: read, add, rename, change options, delete (with cards and history) and restore."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from trainer.core.model import Deck, DeckId, DeckOptions, Origin
from trainer.storage.mapping import deck_from_row, options_values
from trainer.storage.models import CardRow, DeckRow
from trainer.storage.rows import RemovedCards, insert_rows, remove_cards, restore_cards, rows_of


@dataclass(frozen=True)
class RemovedDeck:
    """A deleted deck with its cards and their history; opaque above storage."""

    deck: dict[str, Any]
    cards: RemovedCards

    @property
    def name(self) -> str:
        return str(self.deck["name"])


class DeckRepository:
    def __init__(self, session: Session, now: datetime) -> None:
        self._session = session
        self._now = now

    def all(self) -> list[Deck]:
        rows = self._session.scalars(select(DeckRow).order_by(DeckRow.name))
        return [deck_from_row(row) for row in rows]

    def get(self, deck_id: DeckId) -> Deck | None:
        row = self._session.get(DeckRow, int(deck_id))
        return deck_from_row(row) if row else None

    def named(self, name: str) -> Deck | None:
        row = self._session.scalars(select(DeckRow).where(DeckRow.name == name)).first()
        return deck_from_row(row) if row else None

    def with_guid(self, guid: str) -> Deck | None:
        row = self._session.scalars(select(DeckRow).where(DeckRow.guid == guid)).first()
        return deck_from_row(row) if row else None

    def add(
        self,
        name: str,
        *,
        guid: str = "",
        origin: Origin = Origin.USER,
        description: str = "",
        options: DeckOptions | None = None,
    ) -> Deck:
        row = DeckRow(
            guid=guid or f"deck:{uuid.uuid4()}",
            name=name,
            description=description,
            origin=str(origin),
            created_at=self._now,
            **options_values(options or DeckOptions()),
        )
        self._session.add(row)
        self._session.flush()
        return deck_from_row(row)

    def set_options(self, deck_id: DeckId, options: DeckOptions) -> None:
        self._update(deck_id, **options_values(options))

    def rename(self, deck_id: DeckId, name: str) -> None:
        self._update(deck_id, name=name)

    def set_description(self, deck_id: DeckId, description: str) -> None:
        self._update(deck_id, description=description)

    def card_count(self, deck_id: DeckId) -> int:
        query = select(func.count()).select_from(CardRow).where(CardRow.deck_id == int(deck_id))
        return int(self._session.execute(query).scalar() or 0)

    def remove(self, deck_id: DeckId) -> RemovedDeck:
        """Delete a deck, its cards and their reviews; returns what `restore` needs."""
        decks = rows_of(self._session, DeckRow, DeckRow.id == int(deck_id))
        if not decks:
            raise LookupError(f"no deck with id {deck_id}")
        in_deck = self._session.scalars(select(CardRow.id).where(CardRow.deck_id == int(deck_id)))
        cards = remove_cards(self._session, list(in_deck))
        self._session.execute(delete(DeckRow).where(DeckRow.id == int(deck_id)))
        return RemovedDeck(decks[0], cards)

    def restore(self, removed: RemovedDeck) -> None:
        """Put a deleted deck back with its id, options, cards and history."""
        insert_rows(self._session, DeckRow, [removed.deck])
        restore_cards(self._session, removed.cards)

    def _update(self, deck_id: DeckId, **values: Any) -> None:
        self._session.execute(update(DeckRow).where(DeckRow.id == int(deck_id)).values(**values))
