"""Bulk writes of cards for an import, inside the caller's session.

Inputs and outputs are core dataclasses. Every bulk path is one executemany over plain
column values or a select of plain columns: no ORM object per card, so 100,000 cards go in
in seconds. (Imported history goes through `ReviewRepository.add_history`.)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select, text, update
from sqlalchemy.orm import Session

from trainer.core.browse import front_sort_key
from trainer.core.cards import Card
from trainer.core.model import CardId, CardState, DeckId, Origin
from trainer.storage.bulk_indexes import begin_writing, indexes_filled_after
from trainer.storage.card_query import has_text_index
from trainer.storage.codecs import decode_tags, encode_tags, stored_micros, to_micros
from trainer.storage.mapping import content_values
from trainer.storage.models import CardRow
from trainer.storage.rows import chunks, driver
from trainer.storage.search_index import index_listed


@dataclass(frozen=True)
class StoredCard:
    """What an import needs to know about a card the collection already has."""

    guid: str
    id: CardId
    deck_id: DeckId
    front: str
    back: str
    tags: tuple[str, ...]
    source: str
    edited_by_user: bool
    state: CardState
    origin: Origin


_CARD_COLUMNS = (
    "deck_id", "guid", "front", "front_key", "back", "tags", "source", "origin", "edited_by_user",
    "suspended", "state", "step", "stability", "difficulty", "due", "last_review", "reps",
    "lapses", "created_at", "modified_at", "kind", "cloze", "note_guid",
)  # fmt: skip


@dataclass(frozen=True)
class _InsertTrigger:
    """A per-row insert trigger on `cards` (as its migration wrote it), and the same work
    for every card after a given id as one statement."""

    name: str
    sql: str
    bulk: str


_DEFERRED = (
    _InsertTrigger(  # the search index (migration 2): listed, indexed later (migration 11)
        "card_text_insert",
        "CREATE TRIGGER card_text_insert AFTER INSERT ON cards BEGIN "
        "INSERT INTO card_text (rowid, front, back, tags) "
        "VALUES (new.id, new.front, new.back, new.tags); END",
        # `+id`: the new ids from the smallest index (the guids', ~1 MB at 37,000 cards),
        # not from the table's pages, text and all (152 MB read back through the WAL)
        "INSERT INTO card_text_pending (card_id) SELECT id FROM cards WHERE +id > :after",
    ),
    _InsertTrigger(  # the per-deck counts (migration 4)
        "card_count_insert",
        "CREATE TRIGGER card_count_insert AFTER INSERT ON cards BEGIN "
        "INSERT INTO deck_card_counts (deck_id, suspended, state, cards) "
        "VALUES (new.deck_id, new.suspended, new.state, 1) "
        "ON CONFLICT DO UPDATE SET cards = cards + 1; END",
        "INSERT INTO deck_card_counts (deck_id, suspended, state, cards) "
        "SELECT deck_id, suspended, state, count(*) FROM cards WHERE id > :after "
        "GROUP BY deck_id, suspended, state "
        "ON CONFLICT DO UPDATE SET cards = cards + excluded.cards",
    ),
)


# The update trigger's condition since migration 11: a listed card's index is left alone.
_PENDING_SKIPPED = "WHEN NOT EXISTS (SELECT 1 FROM card_text_pending WHERE card_id = old.id)"
_HASH_SIZE = "INSERT INTO card_text (card_text, rank) VALUES ('hashsize', ?)"
_BULK_HASH_BYTES = 8 * 2**20
_WIDE_HASH_FROM = 1_000  # cards
_DEFAULT_HASH_BYTES = 2**20  # FTS5's own default; Keeper never sets it otherwise


class BundleRepository:
    def __init__(self, session: Session, now: datetime) -> None:
        self._session = session
        self._now = now

    def stored_cards(self, guids: Sequence[str]) -> Iterator[StoredCard]:
        """The cards the collection has among `guids`, a chunk at a time: a caller that keeps
        what it needs of each, not the text, holds one chunk's text at once (a re-import of
        37,000 long cards held 95 MB of it).

        Plain statements on the driver: an import's guids are mostly new, and the same
        selects through the ORM cost 60 ms per 10,000 cards."""
        columns = "guid, id, deck_id, front, back, tags, source, edited_by_user, state, origin"
        connection = self._session.connection()
        for chunk in chunks(guids):
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT {columns} FROM cards WHERE guid IN ({marks})"
            for (
                guid,
                id_,
                deck,
                front,
                back,
                tags,
                source,
                edited,
                state,
                origin,
            ) in connection.exec_driver_sql(sql, tuple(chunk)).all():
                yield StoredCard(
                    guid, CardId(id_), DeckId(deck), front, back, decode_tags(tags), source,
                    bool(edited), CardState(state), Origin(origin),
                )  # fmt: skip

    def _insert_many(
        self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
    ) -> None:
        """One executemany of plain tuples on the session's connection (same transaction).

        The values are already in their stored form (`to_micros`, `encode_tags`: the same
        conversions the column types make), which skips SQLAlchemy's per-row processing and
        keeps a 100,000-card import to a few seconds.
        """
        if rows:
            marks = ", ".join("?" * len(columns))
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
            self._session.connection().exec_driver_sql(sql, rows)

    def add_cards(self, cards: Sequence[Card]) -> None:
        """Insert cards with their own guid, origin, memory and suspension (ids are ignored).

        Run big batches inside `insert_triggers_deferred` (indexed later, counts filled once).
        """
        now = to_micros(self._now)
        rows = [
            (
                int(card.deck_id),
                card.guid,
                card.front,
                front_sort_key(card.front),
                card.back,
                encode_tags(card.tags),
                card.source,
                str(card.origin),
                False,
                card.suspended,
                int(memory.state),
                memory.step,
                memory.stability,
                memory.difficulty,
                stored_micros(memory.due),
                stored_micros(memory.last_review),
                memory.reps,
                memory.lapses,
                now,
                now,
                str(card.kind),
                card.cloze,
                card.note_guid,
            )  # fmt: skip
            for card in cards
            for memory in (card.memory,)
        ]
        self._insert_many(CardRow.__tablename__, _CARD_COLUMNS, rows)

    @contextmanager
    def insert_triggers_deferred(self, adding: int = 0) -> Iterator[None]:
        """List the cards added in the block for the search index's catch-up
        (storage/search_index.py) and count them, in one statement each at its end; the block
        may only insert cards.

        The per-row triggers cost ~30 µs (search index; ten times that for a long text) and
        ~5 µs (counts) a card; one INSERT ... SELECT for a whole import costs a tenth of the
        counts' and nothing of the index's. The triggers are dropped and
        re-created inside the caller's transaction, so a rollback restores them and other
        connections never see them missing. A trigger that is not exactly the one mirrored here
        is left alone (its work is then done row by row, as always). When `adding` cards are
        many for the collection's size, the cards' indexes are made once at the block's end
        (storage/bulk_indexes.py).
        """
        session = self._session
        connection = driver(session)
        if not begin_writing(connection):
            yield
            return
        deferred = []
        for trigger in _DEFERRED:
            found = session.execute(
                text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
                {"name": trigger.name},
            ).scalar()
            if found is not None and " ".join(found.split()) == trigger.sql:
                deferred.append((trigger, found))
        after = session.execute(select(func.max(CardRow.id))).scalar() or 0
        for trigger, _found in deferred:
            session.execute(text(f"DROP TRIGGER {trigger.name}"))
        with indexes_filled_after(connection, CardRow.__tablename__, adding):
            yield
        for trigger, found in deferred:
            session.execute(text(trigger.bulk), {"after": after})
            session.execute(text(found))

    def update_contents(self, cards: Sequence[Card]) -> None:
        """Replace front, back, tags and source of existing cards (by id); memory is untouched.

        Their search index follows inside the transaction (`_out_of_index`, `_back_in_index`),
        for many cards with a wider hash (`_wide_index_hash`)."""
        if not cards:
            return
        statement = (
            update(CardRow)
            .where(CardRow.id == bindparam("card_id"))
            .values(
                front=bindparam("front"),
                front_key=bindparam("front_key"),
                back=bindparam("back"),
                tags=bindparam("tags", type_=CardRow.tags.type),
                source=bindparam("source"),
                kind=bindparam("kind"),
                cloze=bindparam("cloze"),
                note_guid=bindparam("note_guid"),
                modified_at=bindparam("modified_at", type_=CardRow.modified_at.type),
            )
        )
        rows = [
            {"card_id": int(card.id), **content_values(card), "modified_at": self._now}
            for card in cards
        ]
        with self._wide_index_hash(len(cards)):
            indexed = self._out_of_index(sorted(int(card.id) for card in cards))
            self._session.connection().execute(statement, rows)
            self._back_in_index(indexed)

    def _out_of_index(self, ids: list[int]) -> list[int]:
        """Take the indexed cards among `ids` out of the search index, in id order, and list
        them as pending so the update trigger (migration 11) leaves them alone; returns them.

        The trigger re-indexes a card at a time, its old words out and its new words in
        under the same id, and FTS5 writes the terms it holds as a segment each time an id
        does not rise: 1.4 ms a long card, 17 s of a re-import changing 12,000. All old
        words out in id order, then all new words in, costs a third of that. Without the
        trigger as migration 11 wrote it (no full-text search), nothing is done here."""
        connection = self._session.connection()
        trigger = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'card_text_update'"
        ).scalar()
        if trigger is None or _PENDING_SKIPPED not in " ".join(trigger.split()):
            return []
        indexed: list[int] = []
        for chunk in chunks(ids):
            marks = ", ".join("?" * len(chunk))
            found = connection.exec_driver_sql(
                f"SELECT id FROM cards WHERE id IN ({marks}) "
                "AND id NOT IN (SELECT card_id FROM card_text_pending) ORDER BY id",
                tuple(chunk),
            ).scalars()
            indexed.extend(found)
        for chunk in chunks(indexed):
            marks = ", ".join("?" * len(chunk))
            connection.exec_driver_sql(
                "INSERT INTO card_text (card_text, rowid, front, back, tags) SELECT 'delete', "
                f"id, front, back, tags FROM cards WHERE id IN ({marks}) ORDER BY id",
                tuple(chunk),
            )
            connection.exec_driver_sql(
                "INSERT INTO card_text_pending (card_id) "
                f"SELECT id FROM cards WHERE id IN ({marks})",
                tuple(chunk),
            )
        return indexed

    def _back_in_index(self, ids: list[int]) -> None:
        """Index the cards `_out_of_index` took out, with their text now, in id order."""
        connection = driver(self._session)
        for chunk in chunks(ids):
            index_listed(connection, chunk)

    @contextmanager
    def _wide_index_hash(self, cards: int) -> Iterator[None]:
        """FTS5's hash of pending terms at 8 MB for the block when it changes many cards.

        The index writes the terms it holds as a new segment, merged into the others,
        whenever they outgrow the hash: at its default 1 MB, taking 12,000 long cards'
        words out did that hundreds of times; 8 MB halves the time. The setting is the
        index's own, stored in its config table: it goes back to the default and its row
        away, as FTS5 began. Fewer cards leave it alone: its writes change the index's
        structure record (an undone small import would not give back the exact file), and
        they gain little."""
        connection = self._session.connection()
        wide = cards >= _WIDE_HASH_FROM and has_text_index(self._session)
        if wide:
            connection.exec_driver_sql(_HASH_SIZE, (_BULK_HASH_BYTES,))
        try:
            yield
        finally:
            if wide:
                connection.exec_driver_sql(_HASH_SIZE, (_DEFAULT_HASH_BYTES,))
                connection.exec_driver_sql("DELETE FROM card_text_config WHERE k = 'hashsize'")
