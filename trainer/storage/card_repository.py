"""Cards: read, add, edit, study memory, browser edits with exact undo, bulk reads.

Inputs and outputs are core dataclasses. Bulk and hot paths select plain columns, never an
ORM object per card, so they stay fast at 100,000 cards. A snapshot is opaque to the layers
above: they keep it in an undo step and hand it back to `restore_columns` or `restore`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from trainer.core.browse import front_sort_key
from trainer.core.cards import Card, Memory, NewCard
from trainer.core.model import CardId, CardState, DeckId, Origin
from trainer.storage.codecs import to_micros
from trainer.storage.mapping import (
    CARD_COLUMNS,
    card_from_columns,
    content_values,
    memory_values,
)
from trainer.storage.models import CardRow
from trainer.storage.rows import RemovedCards, chunks, driver, remove_cards, restore_cards

if TYPE_CHECKING:  # loaded when a plan is made or statistics are shown, not every action
    from trainer.core.card_statistics import CardTallies
    from trainer.core.plan_cards import PlanCard

CONTENT = ("front", "front_key", "back", "tags", "source", "edited_by_user", "modified_at")
MEMORY = (*memory_values(Memory()), "modified_at")
PLACE = ("deck_id", "modified_at")
SUSPENSION = ("suspended", "modified_at")


@dataclass(frozen=True)
class ColumnSnapshot:
    """Some columns of some cards, as they were: `restore_columns` writes them back."""

    rows: tuple[dict[str, Any], ...]


class CardRepository:
    def __init__(self, session: Session, now: datetime) -> None:
        self._session = session
        self._now = now

    # Reading -----------------------------------------------------------------------------

    def get(self, card_id: CardId) -> Card | None:
        query = select(*CARD_COLUMNS).where(CardRow.id == int(card_id))
        row = self._session.execute(query).first()
        return card_from_columns(row) if row else None

    def all(self, deck_id: DeckId | None = None) -> list[Card]:
        """Every card, or a deck's, oldest first."""
        query = select(*CARD_COLUMNS).order_by(CardRow.id)
        if deck_id is not None:
            query = query.where(CardRow.deck_id == int(deck_id))
        return [card_from_columns(row) for row in self._session.execute(query)]

    def by_ids(self, card_ids: Iterable[CardId]) -> list[Card]:
        """Whole cards in the order asked; ids no longer there are left out."""
        wanted = [int(card_id) for card_id in card_ids]
        found: dict[int, Card] = {}
        for chunk in chunks(wanted):
            for row in self._session.execute(select(*CARD_COLUMNS).where(CardRow.id.in_(chunk))):
                card = card_from_columns(row)
                found[int(card.id)] = card
        return [found[card_id] for card_id in wanted if card_id in found]

    def left_in_review(
        self, card_ids: Iterable[CardId], reviewed_before: datetime
    ) -> list[tuple[CardId, DeckId]]:
        """(id, deck) of those of `card_ids` in review, not suspended, and last reviewed
        before `reviewed_before` (or never), in the order asked: what is left of a day plan,
        chosen by SQLite from plain columns, never a whole card (2,800 planned cards at each
        home refresh). The ids go in as one JSON array, not `IN (...)` chunks: one statement
        that keeps their order, as quick as SQLite only counting them."""
        query = (
            "SELECT cards.id, cards.deck_id FROM json_each(?) AS asked"
            " CROSS JOIN cards ON cards.id = asked.value"
            " WHERE NOT cards.suspended AND cards.state = ?"
            " AND (cards.last_review IS NULL OR cards.last_review < ?) ORDER BY asked.key"
        )
        asked = json.dumps(list(card_ids))  # ids are ints: no copy through int()
        rows = driver(self._session).execute(
            query, (asked, CardState.REVIEW, to_micros(reviewed_before))
        )
        return cast(list[tuple[CardId, DeckId]], rows.fetchall())

    def with_guids(self, guids: Iterable[str]) -> dict[str, Card]:
        found: dict[str, Card] = {}
        for chunk in chunks(guids):
            for row in self._session.execute(select(*CARD_COLUMNS).where(CardRow.guid.in_(chunk))):
                card = card_from_columns(row)
                found[card.guid] = card
        return found

    def of_note(self, note_guid: str) -> list[Card]:
        """The cards of one cloze text (its siblings), in gap order."""
        query = (
            select(*CARD_COLUMNS)
            .where(CardRow.note_guid == note_guid, CardRow.note_guid != "")
            .order_by(CardRow.cloze, CardRow.id)
        )
        return [card_from_columns(row) for row in self._session.execute(query)]

    def ids_with_guids(self, guids: Iterable[str]) -> dict[str, CardId]:
        found: dict[str, CardId] = {}
        for chunk in chunks(guids):
            query = select(CardRow.guid, CardRow.id).where(CardRow.guid.in_(chunk))
            found.update((guid, CardId(id_)) for guid, id_ in self._session.execute(query))
        return found

    def memory_tallies(self, forecast_starts: Sequence[datetime]) -> CardTallies:
        """Every card's memory counted for the statistics (storage/memory_counts.py)."""
        from trainer.storage.memory_counts import memory_tallies

        return memory_tallies(driver(self._session), forecast_starts)

    def for_plan(
        self, deck_ids: Iterable[DeckId], recalled_at: tuple[datetime, float] | None = None
    ) -> list[PlanCard]:
        """The decks' unsuspended cards as the interview plan reads them, in id order.

        `recalled_at` (a moment, a ratio): leave out cards in review last reviewed less
        than ratio × stability days before the moment (`interview_plan.left_alone_ratio`).

        Plain sqlite and plain tuples: making a Python row is most of the cost, so cards
        left out are left in SQLite. The table is scanned (`+deck_id`) rather than searched
        through `ix_cards_deck_queue`, which visits the rows out of order and has them
        sorted: twice as long when the decks hold most cards.
        """
        from trainer.core.plan_cards import DAY_MICROS, PlanCard
        from trainer.storage.memory_repair import UNSOUND

        wanted = [int(deck_id) for deck_id in deck_ids]
        if not wanted:
            return []
        query = (
            "SELECT id, deck_id, state, step, stability, difficulty, due, last_review,"
            f" ({UNSOUND}) FROM cards"
            f" WHERE +deck_id IN ({', '.join('?' * len(wanted))}) AND NOT suspended"
        )
        parameters: list[object] = [*wanted]
        if recalled_at is not None:
            moment, ratio = recalled_at
            query += (
                f" AND NOT (state = {int(CardState.REVIEW)} AND last_review IS NOT NULL"
                " AND stability IS NOT NULL AND stability > 0"
                " AND ? - last_review < stability * ?)"
            )
            parameters += [to_micros(moment), ratio * DAY_MICROS]
        rows = self._driver(query + " ORDER BY id", parameters)
        unsound = [row[0] for row in rows if row[-1]]
        if unsound:  # the formulas take stored values as they are: repair, then read again
            self.repair_memories(unsound)
            rows = self._driver(query + " ORDER BY id", parameters)
        states = {int(state): state for state in CardState}  # ten times quicker than CardState(n)
        return [
            PlanCard(id_, deck_id, states[state], step, stability, difficulty, due, last_review)
            for id_, deck_id, state, step, stability, difficulty, due, last_review, _ in rows
        ]

    # Writing -----------------------------------------------------------------------------

    def add(self, deck_id: DeckId, cards: Sequence[NewCard], origin: Origin = Origin.USER) -> int:
        """Insert in bulk (one executemany); cards keep their guid or get a fresh one."""
        if not cards:
            return 0
        rows = [
            {
                "deck_id": int(deck_id),
                "guid": card.guid or f"card:{uuid.uuid4()}",
                **content_values(card),
                "origin": str(origin),
                "edited_by_user": False,
                "suspended": False,
                "state": int(CardState.NEW),
                "step": 0,
                "reps": 0,
                "lapses": 0,
                "created_at": self._now,
                "modified_at": self._now,
            }
            for card in cards
        ]
        self._session.execute(insert(CardRow), rows)
        return len(rows)

    def update_content(self, card_id: CardId, content: NewCard, *, by_user: bool) -> None:
        values: dict[str, Any] = {
            "front": content.front,
            "front_key": front_sort_key(content.front),
            "back": content.back,
            "tags": content.tags,
            "source": content.source,
        }
        if by_user:
            values["edited_by_user"] = True
        self._update([card_id], **values)

    def take_over(self, card_id: CardId, content: NewCard) -> None:
        """The card becomes `content`, guid and kind included; its memory and reviews stay.
        A built-in card replaced by a new one (a basic card turned cloze) hands them on."""
        self.update_content(card_id, content, by_user=False)
        self._update(
            [card_id],
            guid=content.guid,
            kind=str(content.kind),
            cloze=content.cloze,
            note_guid=content.note_guid,
        )

    def set_memory(self, card_id: CardId, memory: Memory) -> None:
        self._update([card_id], **memory_values(memory))

    def set_suspended(self, ids: Sequence[CardId], suspended: bool) -> None:
        self._update(ids, suspended=suspended)

    def move(self, ids: Sequence[CardId], deck_id: DeckId) -> None:
        self._update(ids, deck_id=int(deck_id))

    def forget(self, ids: Sequence[CardId]) -> None:
        """Back to new: no memory, due never. The review history stays as it was."""
        self._update(ids, **memory_values(Memory()))

    def repair_hidden(self) -> int:
        """Repair the cards a damaged state or due time hides from studying and counting."""
        from trainer.storage.memory_repair import hidden_cards

        hidden = hidden_cards(self._session)
        return self.repair_memories(hidden) if hidden else 0

    def repair_memories(self, card_ids: Sequence[int]) -> int:
        """Give each of these cards whose stored memory FSRS cannot use the nearest one it
        can; returns how many were repaired."""
        from trainer.storage.memory_repair import repaired_memories

        repaired = repaired_memories(self._session, card_ids, self._now)
        for card_id, memory in repaired:
            self.set_memory(card_id, memory)
        return len(repaired)

    # Undo --------------------------------------------------------------------------------

    def snapshot(self, ids: Sequence[CardId], names: Sequence[str]) -> ColumnSnapshot:
        columns = [CardRow.id, *(getattr(CardRow, name) for name in names)]
        rows: list[dict[str, Any]] = []
        for chunk in chunks(ids):
            query = select(*columns).where(CardRow.id.in_(chunk)).order_by(CardRow.id)
            rows.extend(dict(row._mapping) for row in self._session.execute(query))
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
        self._session.execute(statement, rows)  # one executemany; no ORM row checks

    def remove(self, ids: Iterable[CardId]) -> RemovedCards:
        """Delete cards with their reviews; returns everything `restore` needs."""
        return remove_cards(self._session, ids)

    def remove_with_guids(self, guids: Iterable[str]) -> RemovedCards:
        return self.remove(self.ids_with_guids(guids).values())

    def restore(self, removed: RemovedCards) -> None:
        """Put deleted cards back with their ids, guids and reviews."""
        restore_cards(self._session, removed)

    def _update(self, ids: Sequence[CardId], **values: Any) -> None:
        for chunk in chunks(ids):
            self._session.execute(
                update(CardRow).where(CardRow.id.in_(chunk)).values(**values, modified_at=self._now)
            )

    def _driver(self, query: str, parameters: Sequence[object] = ()) -> list[Any]:
        """Plain tuples straight from the driver, in the session's transaction."""
        return driver(self._session).execute(query, tuple(parameters)).fetchall()
