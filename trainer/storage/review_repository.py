"""The review log: grades written and taken back, history in and out, bulk reads.

Append-only: an entry is inserted once and never updated. It is deleted only by undoing
the grade that made it (`remove`) or with its card (storage/rows.py), and an undo of that
delete puts it back whole. Every entry has a global `guid` besides its id.

A collection may keep a million reviews, so bulk reads select plain columns (no ORM object
per row), and times are read as stored (integer microseconds) and converted in one loop.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Integer, case, delete, func, insert, select, type_coerce
from sqlalchemy.orm import Session

from trainer.core.cards import Graded, Memory, Rating, Review
from trainer.core.model import CardId, CardState, DeckId
from trainer.core.today import LoggedReview
from trainer.storage.bulk_indexes import indexes_filled_after, trigger_set_aside
from trainer.storage.codecs import from_micros, to_micros
from trainer.storage.migrations import LOCAL_STUDY_DAY, STUDY_DAY_TRIGGER, STUDY_DAY_TRIGGER_NAME
from trainer.storage.models import CardRow, ReviewRow
from trainer.storage.reads import ReadReviews
from trainer.storage.rows import chunks, driver

if TYPE_CHECKING:  # loaded by the statistics and the optimizer, not with every action
    from trainer.core.optimizer import HistoryEntry
    from trainer.core.statistics import Retention, ReviewTally

_RAW_REVIEWED_AT = type_coerce(ReviewRow.reviewed_at, Integer)
_WAS_REVIEW = ReviewRow.before_state == int(CardState.REVIEW)
_DAY_TALLY = (
    f"SELECT count(*), sum(rating = 1), sum(before_state = {int(CardState.REVIEW)}),"
    f" sum(before_state = {int(CardState.REVIEW)} AND rating > 1), sum(duration_ms)"
    " FROM reviews WHERE reviewed_at >= ? AND reviewed_at < ?"
)
_COLUMNS = (
    "guid", "card_id", "rating", "reviewed_at", "duration_ms", "before_state", "before_step",
    "before_stability", "before_difficulty", "before_due", "before_last_review", "before_reps",
    "before_lapses", "after_state", "after_stability", "after_difficulty", "after_due",
)  # fmt: skip


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
HISTORY_BATCH = 5_000  # reviews per executemany: progress and cancel come between batches


def new_guid() -> str:
    return f"review:{uuid.uuid4().hex}"


def _fresh_guids(count: int) -> Iterator[str]:
    """`count` new guids like `new_guid`'s (128 random bits as 32 hex digits), from one
    call to the system's random source per 4,096 instead of one `uuid4` each (6 µs)."""
    for first in range(0, count, 4096):
        digits = os.urandom(16 * min(4096, count - first)).hex()
        yield from (f"review:{digits[start : start + 32]}" for start in range(0, len(digits), 32))


def _history_rows(
    history: Sequence[tuple[CardId, Graded]], taken: set[str], fresh: Iterator[str]
) -> list[tuple[Any, ...]]:
    """The log's rows, times in their stored form (`stored_micros`, written out: four
    conversions a review were a third of making the rows). A naive time raises TypeError."""
    epoch, micro = _EPOCH, _MICROSECOND
    rows = []
    for card_id, review in history:
        before, after, guid = review.before, review.after, review.guid
        at = (review.reviewed_at - epoch) // micro
        due, last = before.due, before.last_review
        rows.append((
            guid if guid and guid not in taken else next(fresh), card_id, int(review.rating),
            at, review.duration_ms, int(before.state), before.step, before.stability,
            before.difficulty,
            None if due is None else (due - epoch) // micro,
            None if last is None else (last - epoch) // micro, before.reps, before.lapses,
            int(after.state), after.stability, after.difficulty,
            None if after.due is None else (after.due - epoch) // micro,
            at,  # again: the study day is worked out from it
        ))  # fmt: skip
    return rows


class ReviewRepository:
    def __init__(self, session: Session, now: datetime) -> None:
        self._session = session
        self._now = now

    # Grades ------------------------------------------------------------------------------

    def add(self, review: Review, study_day: date | None = None) -> None:
        """Log `review`, made on `study_day` (None: the system's time zone says)."""
        before, after = review.before, review.after
        self._session.execute(
            insert(ReviewRow).values(
                guid=review.guid or new_guid(),
                study_day=None if study_day is None else study_day.toordinal(),
                card_id=int(review.card_id),
                rating=int(review.rating),
                reviewed_at=review.reviewed_at,
                duration_ms=review.duration_ms,
                before_state=int(before.state),
                before_step=before.step,
                before_stability=before.stability,
                before_difficulty=before.difficulty,
                before_due=before.due,
                before_last_review=before.last_review,
                before_reps=before.reps,
                before_lapses=before.lapses,
                after_state=int(after.state),
                after_stability=after.stability,
                after_difficulty=after.difficulty,
                after_due=after.due,
            )
        )

    def remove(self, review: Review) -> bool:
        """Undo of a grade: delete the log entry of `review` (the newest one of that card
        at that time)."""
        newest = (
            select(ReviewRow.id)
            .where(ReviewRow.card_id == int(review.card_id))
            .where(ReviewRow.reviewed_at == review.reviewed_at)
            .order_by(ReviewRow.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        result = self._session.execute(delete(ReviewRow).where(ReviewRow.id == newest))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    # History in and out ------------------------------------------------------------------

    def add_history(
        self,
        history: Sequence[tuple[CardId, Graded]],
        done: Callable[[int], None] | None = None,
    ) -> None:
        """Log imported reviews, each with the card it grades: plain tuples in one
        executemany a batch (the values already in their stored form, which skips
        SQLAlchemy's per-row work: seconds for 100,000); `done(n)` is called after each
        batch of n (progress; a cancel raises there). Each keeps the guid it came with,
        unless the log has that one already.

        An import that brings many reviews for the log's size fills the log's indexes once
        at the end (storage/bulk_indexes.py): kept up row by row they cost 23 µs a review,
        three quarters of the insert; built from scratch, 2 µs."""
        if not history:
            return
        guids = [review.guid for _card, review in history]
        taken = self._taken_guids([guid for guid in guids if guid])
        fresh = _fresh_guids(sum(1 for guid in guids if not guid or guid in taken))
        marks = ", ".join("?" * len(_COLUMNS))
        # The study day in the INSERT itself, as the `review_study_day` trigger would: one
        # UPDATE per imported review by the trigger made a history import a third slower,
        # and the trigger, even idle, makes each INSERT keep a statement journal.
        sql = (
            f"INSERT INTO reviews ({', '.join(_COLUMNS)}, study_day)"
            f" VALUES ({marks}, {LOCAL_STUDY_DAY.format(at='?')})"
        )
        connection = driver(self._session)
        with (
            trigger_set_aside(connection, STUDY_DAY_TRIGGER_NAME, STUDY_DAY_TRIGGER),
            indexes_filled_after(connection, "reviews", len(history)),
        ):
            for start in range(0, len(history), HISTORY_BATCH):
                batch = history[start : start + HISTORY_BATCH]
                connection.executemany(sql, _history_rows(batch, taken, fresh))
                if done is not None:
                    done(len(batch))

    def _taken_guids(self, guids: Sequence[str]) -> set[str]:
        taken: set[str] = set()
        for chunk in chunks(guids):
            taken.update(
                self._session.scalars(select(ReviewRow.guid).where(ReviewRow.guid.in_(chunk)))
            )
        return taken

    def of_decks(self, deck_ids: Sequence[DeckId] | None) -> list[Review]:
        """The review log, oldest first, of all cards or of the cards in `deck_ids`."""
        r = ReviewRow
        query = select(
            r.card_id, r.rating, r.reviewed_at, r.duration_ms, r.before_state, r.before_step,
            r.before_stability, r.before_difficulty, r.before_due, r.before_last_review,
            r.before_reps, r.before_lapses, r.after_state, r.after_stability,
            r.after_difficulty, r.after_due, r.guid,
        ).order_by(r.card_id, r.reviewed_at, r.id)  # fmt: skip
        if deck_ids is not None:
            query = query.join(CardRow, CardRow.id == r.card_id)
            query = query.where(CardRow.deck_id.in_([int(deck_id) for deck_id in deck_ids]))
        return [_review(row) for row in self._session.execute(query)]

    def reviewed_cards(self, card_ids: Sequence[CardId]) -> set[CardId]:
        """The cards among `card_ids` that have at least one review."""
        reviewed: set[CardId] = set()
        for chunk in chunks(card_ids):
            query = select(ReviewRow.card_id).distinct().where(ReviewRow.card_id.in_(chunk))
            reviewed.update(CardId(card_id) for card_id in self._session.scalars(query))
        return reviewed

    # Counts and statistics ---------------------------------------------------------------

    def totals(self, day: date) -> tuple[int, int, int]:
        """Reviews, distinct cards and milliseconds spent on study day `day`."""
        return self._reads.totals(day)

    def studied_days(self, days: Sequence[date]) -> set[date]:
        return self._reads.studied_days(days)

    def logged(self, since: datetime | None = None) -> list[LoggedReview]:
        """Every review (since `since`) with its card's deck, oldest first."""
        return self._reads.logged(since)

    def tallies(self, day_starts: Sequence[datetime]) -> list[ReviewTally]:
        """Reviews counted per study day, for the days that begin at `day_starts` (oldest
        first; the last item is where the last day ends). One tally per day with reviews.

        One range of `ix_reviews_time` per day: a year is 365 short index walks, never a
        sort of the million reviews in it (0.19 s instead of 0.45 s in SQL).
        """
        from trainer.core.statistics import ReviewTally

        connection = driver(self._session)
        bounds = [to_micros(moment) for moment in day_starts]
        tallies = []
        for start, end, moment in zip(bounds, bounds[1:], day_starts, strict=False):
            count, again, review, recalled, millis = connection.execute(
                _DAY_TALLY, (start, end)
            ).fetchone()
            if count:
                tallies.append(ReviewTally(moment, count, again, review, recalled, millis or 0))
        return tallies

    def retention_by_deck(self, since: datetime | None = None) -> dict[int, Retention]:
        """True retention per deck (decks without review-state grades left out)."""
        from trainer.core.statistics import Retention

        query = (
            select(
                CardRow.deck_id,
                func.sum(case((_WAS_REVIEW & (ReviewRow.rating > 1), 1), else_=0)),
                func.sum(case((_WAS_REVIEW, 1), else_=0)),
            )
            .join(CardRow, CardRow.id == ReviewRow.card_id)
            .group_by(CardRow.deck_id)
            .order_by(CardRow.deck_id)
        )
        if since is not None:
            query = query.where(ReviewRow.reviewed_at >= since)
        return {
            int(deck_id): Retention(int(recalled or 0), int(total))
            for deck_id, recalled, total in self._session.execute(query)
            if total
        }

    def optimizer_history(self) -> Iterator[HistoryEntry]:
        """Every grade, grouped by card and in time order within a card."""
        from trainer.core.optimizer import HistoryEntry

        query = select(
            ReviewRow.card_id, _RAW_REVIEWED_AT, ReviewRow.rating, ReviewRow.before_state
        ).order_by(ReviewRow.card_id, ReviewRow.reviewed_at, ReviewRow.id)
        for card_id, at, rating, before in self._session.execute(query):
            yield HistoryEntry(card_id, from_micros(at), rating, before)

    @property
    def _reads(self) -> ReadReviews:
        return ReadReviews(driver(self._session))


def _review(r: Any) -> Review:
    """A review from a row selected by `of_decks`."""
    before = Memory(
        state=CardState(r.before_state),
        step=r.before_step,
        stability=r.before_stability,
        difficulty=r.before_difficulty,
        due=r.before_due,
        last_review=r.before_last_review,
        reps=r.before_reps,
        lapses=r.before_lapses,
    )
    rating = Rating(r.rating)
    lapsed = rating == Rating.AGAIN and before.state is CardState.REVIEW
    after = Memory(
        state=CardState(r.after_state),
        step=None if r.after_state == CardState.REVIEW else 0,
        stability=r.after_stability,
        difficulty=r.after_difficulty,
        due=r.after_due,
        last_review=r.reviewed_at,
        reps=before.reps + 1,
        lapses=before.lapses + lapsed,
    )
    return Review(CardId(r.card_id), rating, r.reviewed_at, r.duration_ms, before, after, r.guid)
