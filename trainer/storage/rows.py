"""Whole rows as plain values, for what undo must put back exactly: read, delete, insert.

Every repository that deletes cards (a card delete, a deck delete, a story's cards) goes
through `remove_cards` and `restore_cards`, so the snapshot and its restore exist once.
Ids are never handed out twice (schema v6, AUTOINCREMENT), so rows put back under their
own ids never collide with rows made since.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, delete, insert, select
from sqlalchemy.orm import Session

from trainer.storage.models import CardRow, ReviewRow

CHUNK = 500  # ids per IN (...) list, well under SQLite's bound-parameter limit


def chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    """`values` as plain ints or strings, CHUNK at a time."""
    plain = [value if isinstance(value, str) else int(value) for value in values]
    for start in range(0, len(plain), CHUNK):
        yield plain[start : start + CHUNK]


def driver(session: Session) -> sqlite3.Connection:
    """The session's own sqlite3 connection (same transaction), pending changes written
    first: bulk reads take plain tuples from it, with no SQLAlchemy row per result."""
    session.flush()
    connection = session.connection().connection.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection


def rows_of(session: Session, model: Any, where: ColumnElement[bool]) -> list[dict[str, Any]]:
    """Every column of the matching rows, as plain values (no ORM objects), by id."""
    table = model.__table__
    query = select(table).where(where).order_by(table.c.id)
    return [dict(row._mapping) for row in session.execute(query)]


def insert_rows(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(model.__table__), list(rows))


@dataclass(frozen=True)
class RemovedCards:
    """Whole cards and their review log, as they were before a delete. Opaque above
    storage: an undo step keeps it and hands it back to `restore`."""

    cards: tuple[dict[str, Any], ...] = ()
    reviews: tuple[dict[str, Any], ...] = ()

    def __len__(self) -> int:
        return len(self.cards)

    @property
    def count(self) -> int:
        return len(self.cards)

    def in_deck(self, deck_ids: dict[int, int]) -> RemovedCards:
        """The same cards, those of the decks in `deck_ids` moved to the deck it names."""
        cards = tuple(
            {**card, "deck_id": deck_ids.get(card["deck_id"], card["deck_id"])}
            for card in self.cards
        )
        return replace(self, cards=cards)


def remove_cards(session: Session, card_ids: Iterable[int]) -> RemovedCards:
    """Delete cards with their review log (which only goes with its card or an undone
    grade); returns everything `restore_cards` needs."""
    cards: list[dict[str, Any]] = []
    reviews: list[dict[str, Any]] = []
    for chunk in chunks(card_ids):
        cards += rows_of(session, CardRow, CardRow.id.in_(chunk))
        reviews += rows_of(session, ReviewRow, ReviewRow.card_id.in_(chunk))
        session.execute(delete(ReviewRow).where(ReviewRow.card_id.in_(chunk)))
        session.execute(delete(CardRow).where(CardRow.id.in_(chunk)))
    return RemovedCards(tuple(cards), tuple(reviews))


def restore_cards(session: Session, removed: RemovedCards) -> None:
    """Put deleted cards back with their ids, guids and review log."""
    insert_rows(session, CardRow, removed.cards)
    insert_rows(session, ReviewRow, removed.reviews)
