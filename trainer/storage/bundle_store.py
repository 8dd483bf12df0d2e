"""Bulk reads and writes for importing and exporting whole decks, inside the caller's session.

Inputs and outputs are core dataclasses (cards, reviews, stories). Every bulk path is one
executemany over plain column values or a select of plain columns: no ORM object per card,
so 100,000 cards go in or out in seconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select, text, update

from trainer.core.model import Card, CardId, CardState, DeckId, Memory, Rating, Review
from trainer.storage.collection import Collection
from trainer.storage.models import CardRow, ReviewRow
from trainer.storage.types import encode_tags, to_micros

CHUNK = 500  # rows per IN (...) list, well under SQLite's bound-parameter limit


@dataclass(frozen=True)
class StoredCard:
    """What an import needs to know about a card the collection already has."""

    id: CardId
    deck_id: DeckId
    front: str
    back: str
    tags: tuple[str, ...]
    source: str
    edited_by_user: bool
    state: CardState


def stored_cards(collection: Collection, guids: Sequence[str]) -> dict[str, StoredCard]:
    columns = (
        CardRow.guid, CardRow.id, CardRow.deck_id, CardRow.front, CardRow.back, CardRow.tags,
        CardRow.source, CardRow.edited_by_user, CardRow.state,
    )  # fmt: skip
    found: dict[str, StoredCard] = {}
    for start in range(0, len(guids), CHUNK):
        query = select(*columns).where(CardRow.guid.in_(guids[start : start + CHUNK]))
        for (
            guid,
            id_,
            deck_id,
            front,
            back,
            tags,
            source,
            edited,
            state,
        ) in collection.session.execute(query):
            found[guid] = StoredCard(
                CardId(id_), DeckId(deck_id), front, back, tags, source, bool(edited),
                CardState(state),
            )  # fmt: skip
    return found


def reviewed_card_ids(collection: Collection, card_ids: Sequence[CardId]) -> set[CardId]:
    """The cards among `card_ids` that have at least one review."""
    reviewed: set[CardId] = set()
    ids = [int(card_id) for card_id in card_ids]
    for start in range(0, len(ids), CHUNK):
        query = select(ReviewRow.card_id).distinct()
        query = query.where(ReviewRow.card_id.in_(ids[start : start + CHUNK]))
        reviewed.update(CardId(card_id) for card_id in collection.session.scalars(query))
    return reviewed


_CARD_COLUMNS = (
    "deck_id", "guid", "front", "back", "tags", "source", "origin", "edited_by_user",
    "suspended", "state", "step", "stability", "difficulty", "due", "last_review", "reps",
    "lapses", "created_at", "modified_at",
)  # fmt: skip
_REVIEW_COLUMNS = (
    "card_id", "rating", "reviewed_at", "duration_ms", "before_state", "before_step",
    "before_stability", "before_difficulty", "before_due", "before_last_review", "before_reps",
    "before_lapses", "after_state", "after_stability", "after_difficulty", "after_due",
)  # fmt: skip


def _insert_many(
    collection: Collection, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """One executemany of plain tuples on the session's connection (same transaction).

    The values are already in their stored form (`to_micros`, `encode_tags`: the same
    conversions the column types make), which skips SQLAlchemy's per-row processing and
    keeps a 100,000-card import to a few seconds.
    """
    if rows:
        marks = ", ".join("?" * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        collection.session.connection().exec_driver_sql(sql, rows)


def _micros(moment: datetime | None) -> int | None:
    if moment is not None and moment.tzinfo is None:
        raise ValueError("naive datetime refused: store aware UTC times only")
    return None if moment is None else to_micros(moment)


def add_full_cards(collection: Collection, cards: Sequence[Card]) -> None:
    """Insert cards with their own guid, origin, memory and suspension (ids are ignored).

    Run big batches inside `text_index_deferred` so the search index is filled once.
    """
    now = to_micros(collection.now)
    rows = [
        (
            int(card.deck_id),
            card.guid,
            card.front,
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
            _micros(memory.due),
            _micros(memory.last_review),
            memory.reps,
            memory.lapses,
            now,
            now,
        )  # fmt: skip
        for card in cards
        for memory in (card.memory,)
    ]
    _insert_many(collection, CardRow.__tablename__, _CARD_COLUMNS, rows)


# The search index's insert trigger (migration 2), and the same work as one statement.
_TEXT_TRIGGER = "card_text_insert"
_TEXT_TRIGGER_SQL = (
    "CREATE TRIGGER card_text_insert AFTER INSERT ON cards BEGIN "
    "INSERT INTO card_text (rowid, front, back, tags) "
    "VALUES (new.id, new.front, new.back, new.tags); END"
)
_TEXT_BULK = (
    "INSERT INTO card_text (rowid, front, back, tags) "
    "SELECT id, front, back, tags FROM cards WHERE id > :after ORDER BY id"
)


@contextmanager
def text_index_deferred(collection: Collection) -> Iterator[None]:
    """Index the text of the cards added in the block in one statement at its end.

    The search index's per-row trigger costs ~30 µs a card; one INSERT ... SELECT for a
    whole import costs a tenth of that. The trigger is dropped and re-created inside the
    caller's transaction, so a rollback restores it and other connections never see it
    missing. If the trigger is not exactly the one this mirrors, nothing is deferred.
    """
    session = collection.session
    found = session.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
        {"name": _TEXT_TRIGGER},
    ).scalar()
    session.execute(text("UPDATE cards SET id = id WHERE 0"))  # opens the transaction now
    driver = session.connection().connection.dbapi_connection
    in_transaction = bool(getattr(driver, "in_transaction", False))
    if found is None or " ".join(found.split()) != _TEXT_TRIGGER_SQL or not in_transaction:
        yield
        return
    after = session.execute(select(func.max(CardRow.id))).scalar() or 0
    session.execute(text(f"DROP TRIGGER {_TEXT_TRIGGER}"))
    yield
    session.execute(text(_TEXT_BULK), {"after": after})
    session.execute(text(found))


def card_ids(collection: Collection, guids: Sequence[str]) -> dict[str, CardId]:
    found: dict[str, CardId] = {}
    for start in range(0, len(guids), CHUNK):
        query = select(CardRow.guid, CardRow.id).where(
            CardRow.guid.in_(guids[start : start + CHUNK])
        )
        found.update((guid, CardId(id_)) for guid, id_ in collection.session.execute(query))
    return found


def update_contents(collection: Collection, cards: Sequence[Card]) -> None:
    """Replace front, back, tags and source of existing cards (by id); memory is untouched."""
    if not cards:
        return
    statement = (
        update(CardRow)
        .where(CardRow.id == bindparam("card_id"))
        .values(
            front=bindparam("front"),
            back=bindparam("back"),
            tags=bindparam("tags", type_=CardRow.tags.type),
            source=bindparam("source"),
            modified_at=bindparam("modified_at", type_=CardRow.modified_at.type),
        )
    )
    rows = [
        {
            "card_id": int(card.id),
            "front": card.front,
            "back": card.back,
            "tags": card.tags,
            "source": card.source,
            "modified_at": collection.now,
        }
        for card in cards
    ]
    collection.session.connection().execute(statement, rows)


def set_memories(collection: Collection, memories: Iterable[tuple[CardId, Memory]]) -> None:
    for card_id, memory in memories:
        collection.set_memory(card_id, memory)


def add_reviews(collection: Collection, reviews: Sequence[Review]) -> None:
    rows = [
        (
            int(review.card_id),
            int(review.rating),
            to_micros(review.reviewed_at),
            review.duration_ms,
            int(before.state),
            before.step,
            before.stability,
            before.difficulty,
            _micros(before.due),
            _micros(before.last_review),
            before.reps,
            before.lapses,
            int(after.state),
            after.stability,
            after.difficulty,
            _micros(after.due),
        )  # fmt: skip
        for review in reviews
        for before, after in ((review.before, review.after),)
    ]
    _insert_many(collection, ReviewRow.__tablename__, _REVIEW_COLUMNS, rows)


def reviews_of(collection: Collection, deck_ids: Sequence[DeckId] | None) -> list[Review]:
    """The review log, oldest first, of all cards or of the cards in `deck_ids`."""
    r = ReviewRow
    query = select(
        r.card_id, r.rating, r.reviewed_at, r.duration_ms, r.before_state, r.before_step,
        r.before_stability, r.before_difficulty, r.before_due, r.before_last_review,
        r.before_reps, r.before_lapses, r.after_state, r.after_stability, r.after_difficulty,
        r.after_due,
    ).order_by(r.card_id, r.reviewed_at, r.id)  # fmt: skip
    if deck_ids is not None:
        query = query.join(CardRow, CardRow.id == r.card_id)
        query = query.where(CardRow.deck_id.in_([int(deck_id) for deck_id in deck_ids]))
    reviews = []
    for row in collection.session.execute(query):
        before = Memory(
            state=CardState(row.before_state),
            step=row.before_step,
            stability=row.before_stability,
            difficulty=row.before_difficulty,
            due=row.before_due,
            last_review=row.before_last_review,
            reps=row.before_reps,
            lapses=row.before_lapses,
        )
        lapsed = row.rating == Rating.AGAIN and before.state is CardState.REVIEW
        after = Memory(
            state=CardState(row.after_state),
            step=None if row.after_state == CardState.REVIEW else 0,
            stability=row.after_stability,
            difficulty=row.after_difficulty,
            due=row.after_due,
            last_review=row.reviewed_at,
            reps=before.reps + 1,
            lapses=before.lapses + lapsed,
        )
        reviews.append(
            Review(CardId(row.card_id), Rating(row.rating), row.reviewed_at, row.duration_ms,
                   before, after)
        )  # fmt: skip
    return reviews
