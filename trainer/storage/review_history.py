"""Bulk reads for statistics, the optimizer and the interview plan.

Each function takes an open `Collection` (the caller's transaction) and selects plain
columns: a collection may keep a million reviews, so no ORM object is made per row.
Times are read as stored (integer microseconds) and converted in one tight loop.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from sqlalchemy import Integer, case, func, select, type_coerce

from trainer.core.card_statistics import CardSnapshot
from trainer.core.model import Card, CardId, CardState, DeckId, Memory
from trainer.core.optimizer import HistoryEntry
from trainer.core.statistics import LoggedReview, Retention, ReviewTally
from trainer.storage.collection import Collection
from trainer.storage.mapping import CARD_COLUMNS, card_from_columns
from trainer.storage.models import CardRow, ReviewRow
from trainer.storage.types import from_micros

_BATCH = 10_000
_RAW_REVIEWED_AT = type_coerce(ReviewRow.reviewed_at, Integer)
_RAW_DUE = type_coerce(CardRow.due, Integer)
_RAW_LAST_REVIEW = type_coerce(CardRow.last_review, Integer)


def logged_reviews(collection: Collection, since: datetime | None = None) -> list[LoggedReview]:
    """Every review (since `since`) with its card's deck, oldest first."""
    query = (
        select(
            ReviewRow.card_id,
            CardRow.deck_id,
            _RAW_REVIEWED_AT,
            ReviewRow.rating,
            ReviewRow.duration_ms,
            ReviewRow.before_state,
        )
        .join(CardRow, CardRow.id == ReviewRow.card_id)
        .order_by(ReviewRow.reviewed_at, ReviewRow.id)
    )
    if since is not None:
        query = query.where(ReviewRow.reviewed_at >= since)
    return [
        LoggedReview(card_id, deck_id, from_micros(at), rating, duration or 0, before)
        for card_id, deck_id, at, rating, duration, before in collection.session.execute(query)
    ]


SLOT_MICROS = 15 * 60 * 1_000_000  # every time zone's offset is a whole number of these


def review_tallies(collection: Collection, since: datetime | None = None) -> list[ReviewTally]:
    """Reviews counted per 15-minute slot (since `since`), oldest first.

    A study day starts at 04:00 local time, which falls on a slot boundary in every time
    zone, so each slot belongs to one study day. A busy year is a few thousand rows.
    """
    slot = (_RAW_REVIEWED_AT // SLOT_MICROS).label("slot")
    was_review = ReviewRow.before_state == int(CardState.REVIEW)
    query = (
        select(
            slot,
            func.count(),
            func.sum(case((ReviewRow.rating == 1, 1), else_=0)),
            func.sum(case((was_review, 1), else_=0)),
            func.sum(case((was_review & (ReviewRow.rating > 1), 1), else_=0)),
            func.sum(ReviewRow.duration_ms),
        )
        .group_by(slot)
        .order_by(slot)
    )
    if since is not None:
        query = query.where(ReviewRow.reviewed_at >= since)
    return [
        ReviewTally(
            from_micros(int(start) * SLOT_MICROS), count, again, review, recalled, millis or 0
        )
        for start, count, again, review, recalled, millis in collection.session.execute(query)
    ]


def retention_by_deck_since(
    collection: Collection, since: datetime | None = None
) -> dict[int, Retention]:
    """True retention per deck, counted in SQL (decks without review-state grades left out)."""
    was_review = ReviewRow.before_state == int(CardState.REVIEW)
    query = (
        select(
            CardRow.deck_id,
            func.sum(case((was_review & (ReviewRow.rating > 1), 1), else_=0)),
            func.sum(case((was_review, 1), else_=0)),
        )
        .join(CardRow, CardRow.id == ReviewRow.card_id)
        .group_by(CardRow.deck_id)
        .order_by(CardRow.deck_id)
    )
    if since is not None:
        query = query.where(ReviewRow.reviewed_at >= since)
    return {
        int(deck_id): Retention(int(recalled or 0), int(total))
        for deck_id, recalled, total in collection.session.execute(query)
        if total
    }


def card_snapshots(collection: Collection) -> list[CardSnapshot]:
    """Every card's memory, without its text."""
    query = select(
        CardRow.deck_id,
        CardRow.state,
        CardRow.stability,
        CardRow.difficulty,
        _RAW_DUE,
        CardRow.suspended,
    )
    return [
        CardSnapshot(deck_id, state, stability, difficulty, _time(due), bool(suspended))
        for deck_id, state, stability, difficulty, due, suspended in collection.session.execute(
            query
        )
    ]


def due_times(collection: Collection) -> list[datetime]:
    """When each studied, unsuspended card is due."""
    query = select(_RAW_DUE).where(
        CardRow.suspended.is_(False),
        CardRow.state != int(CardState.NEW),
        CardRow.due.is_not(None),
    )
    return [from_micros(due) for due in collection.session.scalars(query)]


def retention_since(collection: Collection, since: datetime | None = None) -> Retention:
    """True retention counted in SQL: review-state grades, and those that were not Again."""
    was_review = ReviewRow.before_state == int(CardState.REVIEW)
    query = select(
        func.sum(case((was_review & (ReviewRow.rating > 1), 1), else_=0)),
        func.sum(case((was_review, 1), else_=0)),
    )
    if since is not None:
        query = query.where(ReviewRow.reviewed_at >= since)
    recalled, total = collection.session.execute(query).one()
    return Retention(int(recalled or 0), int(total or 0))


def review_times_newest_first(collection: Collection) -> Iterator[datetime]:
    """Review times from the newest back, read in batches so a caller may stop early."""
    before: datetime | None = None
    while True:
        query = select(_RAW_REVIEWED_AT).order_by(ReviewRow.reviewed_at.desc()).limit(_BATCH)
        if before is not None:
            query = query.where(ReviewRow.reviewed_at < before)
        batch = [from_micros(at) for at in collection.session.scalars(query)]
        yield from batch
        if len(batch) < _BATCH:
            return
        before = batch[-1]  # a time shared across the batch edge is skipped: harmless here


def optimizer_history(collection: Collection) -> Iterator[HistoryEntry]:
    """Every grade, grouped by card and in time order within a card."""
    query = select(
        ReviewRow.card_id, _RAW_REVIEWED_AT, ReviewRow.rating, ReviewRow.before_state
    ).order_by(ReviewRow.card_id, ReviewRow.reviewed_at, ReviewRow.id)
    for card_id, at, rating, before in collection.session.execute(query):
        yield HistoryEntry(card_id, from_micros(at), rating, before)


def memory_cards(collection: Collection, deck_ids: Iterable[DeckId]) -> list[Card]:
    """The decks' unsuspended cards with their memory and no text (for planning)."""
    wanted = [int(deck_id) for deck_id in deck_ids]
    if not wanted:
        return []
    query = (
        select(
            CardRow.id,
            CardRow.deck_id,
            CardRow.state,
            CardRow.step,
            CardRow.stability,
            CardRow.difficulty,
            _RAW_DUE,
            _RAW_LAST_REVIEW,
            CardRow.reps,
            CardRow.lapses,
        )
        .where(CardRow.deck_id.in_(wanted), CardRow.suspended.is_(False))
        .order_by(CardRow.id)
    )
    return [
        Card(
            id=CardId(id_),
            deck_id=DeckId(deck_id),
            front="",
            back="",
            memory=Memory(
                CardState(state),
                step,
                stability,
                difficulty,
                _time(due),
                _time(last),
                reps,
                lapses,
            ),
        )
        for id_, deck_id, state, step, stability, difficulty, due, last, reps, lapses in (
            collection.session.execute(query)
        )
    ]


def cards_by_ids(collection: Collection, card_ids: Iterable[CardId]) -> list[Card]:
    """Full cards (with their text), in the order asked."""
    wanted = [int(card_id) for card_id in card_ids]
    found: dict[int, Card] = {}
    for start in range(0, len(wanted), 500):  # SQLite caps bound parameters
        query = select(*CARD_COLUMNS).where(CardRow.id.in_(wanted[start : start + 500]))
        for row in collection.session.execute(query):
            card = card_from_columns(row)
            found[int(card.id)] = card
    return [found[card_id] for card_id in wanted if card_id in found]


def _time(micros: int | None) -> datetime | None:
    return None if micros is None else from_micros(micros)
