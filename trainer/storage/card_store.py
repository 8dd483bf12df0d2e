"""Browser edits to cards, each with what undo needs to put them back exactly.

Works inside the caller's transaction, like `Collection`. A snapshot is opaque to the
layers above: they keep it in an undo step and hand it back to `restore`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from trainer.core.cards import Memory
from trainer.core.model import CardId, DeckId
from trainer.storage.mapping import memory_values
from trainer.storage.models import CardRow, ReviewRow

CHUNK = 500  # ids per IN (...) list, well under SQLite's bound-parameter limit

CONTENT = ("front", "front_key", "back", "tags", "source", "edited_by_user", "modified_at")
MEMORY = (*memory_values(Memory()), "modified_at")
PLACE = ("deck_id", "modified_at")
SUSPENSION = ("suspended", "modified_at")


@dataclass(frozen=True)
class ColumnSnapshot:
    """Some columns of some cards, as they were: `restore_columns` writes them back."""

    rows: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class RemovedCards:
    """Whole cards and their review history, as they were before a delete."""

    cards: tuple[dict[str, Any], ...]
    reviews: tuple[dict[str, Any], ...]

    @property
    def count(self) -> int:
        return len(self.cards)


class CardStore:
    def __init__(self, session: Session, now: datetime) -> None:
        self.session = session
        self.now = now

    def snapshot(self, ids: Sequence[CardId], names: Sequence[str]) -> ColumnSnapshot:
        columns = [CardRow.id, *(getattr(CardRow, name) for name in names)]
        rows: list[dict[str, Any]] = []
        for chunk in _chunks(ids):
            query = select(*columns).where(CardRow.id.in_(chunk)).order_by(CardRow.id)
            rows.extend(dict(row._mapping) for row in self.session.execute(query))
        return ColumnSnapshot(tuple(rows))

    def restore_columns(self, snapshot: ColumnSnapshot) -> None:
        """Write the saved columns back (cards deleted since are skipped)."""
        if not snapshot.rows:
            return
        table = cast(Table, CardRow.__table__)
        names = [name for name in snapshot.rows[0] if name != "id"]
        statement = (
            update(table)
            .where(table.c.id == bindparam("card_id"))
            .values({name: bindparam(name) for name in names})
        )
        rows = [{**row, "card_id": row["id"]} for row in snapshot.rows]
        self.session.execute(statement, rows)  # one executemany; no ORM row checks

    def set_suspended(self, ids: Sequence[CardId], suspended: bool) -> None:
        self._update(ids, suspended=suspended)

    def move(self, ids: Sequence[CardId], deck_id: DeckId) -> None:
        self._update(ids, deck_id=int(deck_id))

    def forget(self, ids: Sequence[CardId]) -> None:
        """Back to new: no memory, due never. The review history stays as it was."""
        self._update(ids, **memory_values(Memory()))

    def remove(self, ids: Sequence[CardId]) -> RemovedCards:
        """Delete cards with their reviews; returns everything `restore` needs."""
        cards: list[dict[str, Any]] = []
        reviews: list[dict[str, Any]] = []
        for chunk in _chunks(ids):
            cards += self._rows(CardRow, CardRow.id.in_(chunk))
            reviews += self._rows(ReviewRow, ReviewRow.card_id.in_(chunk))
            self.session.execute(delete(ReviewRow).where(ReviewRow.card_id.in_(chunk)))
            self.session.execute(delete(CardRow).where(CardRow.id.in_(chunk)))
        return RemovedCards(tuple(cards), tuple(reviews))

    def restore(self, removed: RemovedCards) -> None:
        """Put deleted cards back with their ids, guids and reviews."""
        insert_rows(self.session, CardRow, removed.cards)
        insert_rows(self.session, ReviewRow, removed.reviews)

    def _rows(self, model: Any, where: Any) -> list[dict[str, Any]]:
        return rows_of(self.session, model, where)

    def _update(self, ids: Sequence[CardId], **values: Any) -> None:
        for chunk in _chunks(ids):
            self.session.execute(
                update(CardRow).where(CardRow.id.in_(chunk)).values(**values, modified_at=self.now)
            )


def rows_of(session: Session, model: Any, where: Any) -> list[dict[str, Any]]:
    """Every column of the matching rows, as plain values (no ORM objects)."""
    query = select(model.__table__).where(where).order_by(model.__table__.c.id)
    return [dict(row._mapping) for row in session.execute(query)]


def insert_rows(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(model.__table__), list(rows))


def _chunks(ids: Sequence[CardId]) -> list[list[int]]:
    plain = [int(card_id) for card_id in ids]
    return [plain[start : start + CHUNK] for start in range(0, len(plain), CHUNK)]
