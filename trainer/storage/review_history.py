"""Bulk reads for statistics, the optimizer and the interview plan.

Each function takes an open `Collection` (the caller's transaction) and selects plain
columns: a collection may keep a million reviews, so no ORM object is made per row.
Times are read as stored (integer microseconds) and converted in one tight loop.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Integer, case, func, select, type_coerce

from trainer.core.card_statistics import CardSnapshot
from trainer.core.cards import Card
from trainer.core.model import CardId, CardState, DeckId
from trainer.core.optimizer import HistoryEntry
from trainer.core.statistics import Retention, ReviewTally
from trainer.core.today import LoggedReview
from trainer.storage.codecs import from_micros, to_micros
from trainer.storage.collection import Collection
from trainer.storage.mapping import CARD_COLUMNS, card_from_columns
from trainer.storage.models import CardRow, ReviewRow

if TYPE_CHECKING:  # the planner is loaded when a plan is made, not with the optimizer
    from trainer.core.plan_cards import PlanCard

_RAW_REVIEWED_AT = type_coerce(ReviewRow.reviewed_at, Integer)
_RAW_DUE = type_coerce(CardRow.due, Integer)


def logged_reviews(collection: Collection, since: datetime | None = None) -> list[LoggedReview]:
    """Every review (since `since`) with its card's deck, oldest first."""
    return collection.reads.logged_reviews(since)


_DAY_TALLY = (
    f"SELECT count(*), sum(rating = 1), sum(before_state = {int(CardState.REVIEW)}),"
    f" sum(before_state = {int(CardState.REVIEW)} AND rating > 1), sum(duration_ms)"
    " FROM reviews WHERE reviewed_at >= ? AND reviewed_at < ?"
)


def review_tallies(collection: Collection, day_starts: Sequence[datetime]) -> list[ReviewTally]:
    """Reviews counted per study day, for the days that begin at `day_starts` (oldest first;
    the last item is where the last day ends). One tally per day with reviews, dated at the
    day's start.

    One range of `ix_reviews_time` per day: a year is 365 short index walks, never a sort of
    the million reviews in it (0.19 s instead of 0.45 s for 15-minute groups in SQL).
    """
    connection = collection.reads.connection
    bounds = [to_micros(moment) for moment in day_starts]
    tallies = []
    for start, end, moment in zip(bounds, bounds[1:], day_starts, strict=False):
        count, again, review, recalled, millis = connection.execute(
            _DAY_TALLY, (start, end)
        ).fetchone()
        if count:
            tallies.append(ReviewTally(moment, count, again, review, recalled, millis or 0))
    return tallies


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
    """Every card's memory, without its text (plain rows from the driver: 100,000 cards)."""
    query = "SELECT deck_id, state, stability, difficulty, due, suspended FROM cards"
    return [
        CardSnapshot(deck_id, state, stability, difficulty, _time(due), bool(suspended))
        for deck_id, state, stability, difficulty, due, suspended in (
            collection.reads.connection.execute(query)
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


def optimizer_history(collection: Collection) -> Iterator[HistoryEntry]:
    """Every grade, grouped by card and in time order within a card."""
    query = select(
        ReviewRow.card_id, _RAW_REVIEWED_AT, ReviewRow.rating, ReviewRow.before_state
    ).order_by(ReviewRow.card_id, ReviewRow.reviewed_at, ReviewRow.id)
    for card_id, at, rating, before in collection.session.execute(query):
        yield HistoryEntry(card_id, from_micros(at), rating, before)


def plan_cards(
    collection: Collection,
    deck_ids: Iterable[DeckId],
    recalled_at: tuple[datetime, float] | None = None,
) -> list[PlanCard]:
    """The decks' unsuspended cards as the interview plan reads them, in id order.

    `recalled_at` (a moment, a ratio): leave out cards in review last reviewed less than
    ratio × stability days before the moment (see `interview_plan.left_alone_ratio`).

    Plain sqlite and plain tuples: making a Python row is most of the cost, so cards left
    out are left in SQLite. The table is scanned (`+deck_id`) rather than searched through
    `ix_cards_deck_queue`, which visits the rows out of order and has them sorted: twice as
    long when the decks hold most cards.
    """
    from trainer.core.plan_cards import DAY_MICROS, PlanCard
    from trainer.storage.memory_repair import UNSOUND, repair_memories

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
    rows = collection.reads.connection.execute(query + " ORDER BY id", parameters).fetchall()
    unsound = [row[0] for row in rows if row[-1]]
    if unsound:  # the formulas take stored values as they are: repair, then read again
        repair_memories(collection, unsound)
        rows = collection.reads.connection.execute(query + " ORDER BY id", parameters).fetchall()
    states = {int(state): state for state in CardState}  # ten times quicker than CardState(n)
    return [
        PlanCard(id_, deck_id, states[state], step, stability, difficulty, due, last_review)
        for id_, deck_id, state, step, stability, difficulty, due, last_review, _ in rows
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


def review_states_by_ids(
    collection: Collection, card_ids: Iterable[CardId]
) -> list[tuple[CardId, DeckId, bool, CardState, datetime | None]]:
    """(id, deck, suspended, state, last review) of each card, in the order asked: what
    counting a plan's cards needs, without reading (and decoding) their text."""
    wanted = [int(card_id) for card_id in card_ids]
    found: dict[int, tuple[CardId, DeckId, bool, CardState, datetime | None]] = {}
    states = {int(state): state for state in CardState}
    connection = collection.reads.connection
    for start in range(0, len(wanted), 500):  # SQLite caps bound parameters
        chunk = wanted[start : start + 500]
        query = (
            "SELECT id, deck_id, suspended, state, last_review FROM cards"
            f" WHERE id IN ({', '.join('?' * len(chunk))})"
        )
        for id_, deck_id, suspended, state, last_review in connection.execute(query, chunk):
            found[id_] = (CardId(id_), DeckId(deck_id), bool(suspended), states[state],
                          _time(last_review))  # fmt: skip
    return [found[card_id] for card_id in wanted if card_id in found]


def _time(micros: int | None) -> datetime | None:
    return None if micros is None else from_micros(micros)
