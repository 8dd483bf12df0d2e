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

from trainer.core.browse import front_sort_key
from trainer.core.cards import Card, Memory, Rating, Review
from trainer.core.model import CardId, CardState, DeckId, Origin
from trainer.storage.collection import Collection
from trainer.storage.migrations import LOCAL_STUDY_DAY
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
    origin: Origin


def stored_cards(collection: Collection, guids: Sequence[str]) -> dict[str, StoredCard]:
    columns = (
        CardRow.guid, CardRow.id, CardRow.deck_id, CardRow.front, CardRow.back, CardRow.tags,
        CardRow.source, CardRow.edited_by_user, CardRow.state, CardRow.origin,
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
            origin,
        ) in collection.session.execute(query):
            found[guid] = StoredCard(
                CardId(id_), DeckId(deck_id), front, back, tags, source, bool(edited),
                CardState(state), Origin(origin),
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
    "deck_id", "guid", "front", "front_key", "back", "tags", "source", "origin", "edited_by_user",
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

    Run big batches inside `insert_triggers_deferred` (search index, counts filled once).
    """
    now = to_micros(collection.now)
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


@dataclass(frozen=True)
class _InsertTrigger:
    """A per-row insert trigger on `cards` (as its migration wrote it), and the same work
    for every card after a given id as one statement."""

    name: str
    sql: str
    bulk: str


_DEFERRED = (
    _InsertTrigger(  # the search index (migration 2)
        "card_text_insert",
        "CREATE TRIGGER card_text_insert AFTER INSERT ON cards BEGIN "
        "INSERT INTO card_text (rowid, front, back, tags) "
        "VALUES (new.id, new.front, new.back, new.tags); END",
        "INSERT INTO card_text (rowid, front, back, tags) "
        "SELECT id, front, back, tags FROM cards WHERE id > :after ORDER BY id",
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


@contextmanager
def insert_triggers_deferred(collection: Collection) -> Iterator[None]:
    """Index the text and count the cards added in the block in one statement each at its
    end; the block may only insert cards.

    The per-row triggers cost ~30 µs (search index) and ~5 µs (counts) a card; one
    INSERT ... SELECT for a whole import costs a tenth of that. The triggers are dropped and
    re-created inside the caller's transaction, so a rollback restores them and other
    connections never see them missing. A trigger that is not exactly the one mirrored here
    is left alone (its work is then done row by row, as always).
    """
    session = collection.session
    session.execute(text("UPDATE cards SET id = id WHERE 0"))  # opens the transaction now
    driver = session.connection().connection.dbapi_connection
    if not getattr(driver, "in_transaction", False):
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
    yield
    for trigger, found in deferred:
        session.execute(text(trigger.bulk), {"after": after})
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
            front_key=bindparam("front_key"),
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
            "front_key": front_sort_key(card.front),
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
            to_micros(review.reviewed_at),  # again: the study day is worked out from it
        )  # fmt: skip
        for review in reviews
        for before, after in ((review.before, review.after),)
    ]
    if rows:
        # The study day in the INSERT itself, as the `review_study_day` trigger would: one
        # UPDATE per imported review by the trigger made a history import a third slower.
        marks = ", ".join("?" * len(_REVIEW_COLUMNS))
        sql = (
            f"INSERT INTO {ReviewRow.__tablename__} ({', '.join(_REVIEW_COLUMNS)}, study_day)"
            f" VALUES ({marks}, {LOCAL_STUDY_DAY.format(at='?')})"
        )
        collection.session.connection().exec_driver_sql(sql, rows)


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
