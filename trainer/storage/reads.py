"""Read-only queries on a plain sqlite3 connection: what the first screen, `keeper decks` and
`keeper stats` need.

No SQLAlchemy here, so the window paints its decks and due counts before SQLAlchemy has even
been imported (it loads afterwards, off the GUI thread). The `Collection`'s queue and review
repositories count due cards and today's reviews, and read logged reviews, through these
same functions on their session's connection, so each of those queries exists once.

The due counts are served by `ix_cards_deck_queue` (deck_id, suspended, state, due): one
scan of that covering index counts every deck's cards by state, then one seek per deck and
state reads only the learning and review cards already due.
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from trainer.core.model import CardState, Deck, DeckId, DeckOptions, Origin
from trainer.core.queue import DoneToday, QueueCounts
from trainer.core.today import LoggedReview
from trainer.storage.codecs import from_micros, steps_from_text, to_micros

if TYPE_CHECKING:  # the statistics' module; the first screen needs none of it
    from trainer.core.statistics import Retention

_NEW, _LEARNING, _REVIEW, _RELEARNING = (int(state) for state in CardState)
DECK_COLUMNS = (
    "id, name, description, guid, origin, new_per_day, reviews_per_day, desired_retention,"
    " learning_steps, relearning_steps"
)


def deck_from_columns(row: tuple[Any, ...]) -> Deck:
    (id_, name, description, guid, origin, new_per_day, reviews_per_day, retention,
     learning_steps, relearning_steps) = row  # fmt: skip
    return Deck(
        id=DeckId(id_),
        name=name,
        description=description,
        guid=guid,
        origin=Origin(origin),
        options=DeckOptions(
            new_per_day=new_per_day,
            reviews_per_day=reviews_per_day,
            desired_retention=retention,
            learning_steps=steps_from_text(learning_steps),
            relearning_steps=steps_from_text(relearning_steps),
        ),
    )


class ReadSettings:
    """The settings, read as `SettingsRepository` reads them."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def get(self, key: str, default: Any = None) -> Any:
        query = 'SELECT value FROM settings WHERE "key" = ?'
        row = self._connection.execute(query, (key,)).fetchone()
        return json.loads(row[0]) if row else default


class ReadCards:
    """The cards' counts for `keeper stats` and the statistics."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def any_hidden(self) -> bool:
        """Whether a damaged state or due time hides a card (`CardRepository.repair_hidden`)."""
        from trainer.storage.hidden_cards import HIDDEN  # the memory rules: not for the home

        query = f"SELECT EXISTS (SELECT 1 FROM cards WHERE {HIDDEN})"
        return bool(self._connection.execute(query).fetchone()[0])

    # The counts kept by triggers (`deck_card_counts`, as the due counts read them): a
    # scan of 100,000 cards took 70 ms.

    def count_by_state(self) -> dict[CardState, int]:
        counts = dict.fromkeys(CardState, 0)
        query = "SELECT state, sum(cards) FROM deck_card_counts GROUP BY state"
        for state, count in self._connection.execute(query):
            counts[CardState(state)] += count
        return counts

    def suspended_count(self) -> int:
        query = "SELECT total(cards) FROM deck_card_counts WHERE suspended = 1"
        return int(self._connection.execute(query).fetchone()[0])

    def due_counts(self, starts: Sequence[datetime]) -> list[int]:
        """Studied, unsuspended cards falling due before `starts[0]`, then from each of
        `starts` to the next (none after the last). The stored integers are compared as
        they are: making a datetime of each was most of `keeper stats` at 100,000 cards."""
        bounds = [to_micros(start) for start in starts]
        counts = [0] * len(bounds)
        query = f"SELECT due FROM cards WHERE suspended = 0 AND state != {_NEW} AND due IS NOT NULL"
        for (due,) in self._connection.execute(query):
            index = bisect_right(bounds, due)
            if index < len(counts):
                counts[index] += 1
        return counts


class ReadReviews:
    """The review log's counts, read as `ReviewRepository` reads them."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def count(self) -> int:
        """Every review in the log."""
        return int(self._connection.execute("SELECT count(*) FROM reviews").fetchone()[0])

    def retention(self, since: datetime | None = None) -> Retention:
        """True retention: review-state grades, and those that were not Again."""
        from trainer.core.statistics import Retention

        query = (
            f"SELECT total(before_state = {_REVIEW} AND rating > 1),"
            f" total(before_state = {_REVIEW}) FROM reviews"
        )
        params: tuple[int, ...] = ()
        if since is not None:
            query += " WHERE reviewed_at >= ?"
            params = (to_micros(since),)
        recalled, total = self._connection.execute(query, params).fetchone()
        return Retention(int(recalled), int(total))

    def totals(self, day: date) -> tuple[int, int, int]:
        """Reviews, distinct cards and milliseconds spent on study day `day`."""
        row = self._connection.execute(
            "SELECT count(*), count(DISTINCT card_id), total(duration_ms) FROM reviews"
            " WHERE study_day = ?",
            (day.toordinal(),),
        ).fetchone()
        return int(row[0]), int(row[1]), int(row[2])

    def newest(self) -> datetime | None:
        """When the newest review in the log was made (the end of `ix_reviews_time`)."""
        row = self._connection.execute("SELECT max(reviewed_at) FROM reviews").fetchone()
        return None if row[0] is None else from_micros(row[0])

    def logged(self, since: datetime | None = None) -> list[LoggedReview]:
        """Every review (since `since`) with its card's deck, oldest first."""
        query = (
            "SELECT reviews.card_id, cards.deck_id, reviews.reviewed_at, reviews.rating,"
            " reviews.duration_ms, reviews.before_state FROM reviews"
            " CROSS JOIN cards ON cards.id = reviews.card_id"  # the reviews drive (see above)
        )
        params: tuple[int, ...] = ()
        if since is not None:
            query += " WHERE reviews.reviewed_at >= ?"
            params = (to_micros(since),)
        query += " ORDER BY reviews.reviewed_at, reviews.id"
        return [
            LoggedReview(card_id, deck_id, from_micros(at), rating, duration or 0, before)
            for card_id, deck_id, at, rating, duration, before in self._connection.execute(
                query, params
            )
        ]

    def studied_days(self, days: Sequence[date]) -> set[date]:
        """Which of `days` have at least one review, by the study day each review was made
        on: one seek of `ix_reviews_day` per day, however many reviews a day holds (DISTINCT
        over `IN (...)` walked every review of those days: 80 ms at a million reviews)."""
        if not days:
            return set()
        ordinals = {day.toordinal(): day for day in days}
        query = (
            f"WITH asked(day) AS (VALUES {', '.join(['(?)'] * len(ordinals))})"
            " SELECT day FROM asked"
            " WHERE EXISTS (SELECT 1 FROM reviews WHERE reviews.study_day = asked.day)"
        )
        return {ordinals[n] for (n,) in self._connection.execute(query, list(ordinals))}


class Reads:
    """The typed read repository of the quick path: queries over one plain connection; the
    caller holds the transaction (one snapshot)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.settings = ReadSettings(connection)
        self.cards = ReadCards(connection)
        self.reviews = ReadReviews(connection)

    def decks(self) -> list[Deck]:
        query = f"SELECT {DECK_COLUMNS} FROM decks ORDER BY name"
        return [deck_from_columns(row) for row in self.connection.execute(query)]

    def queue_counts(
        self, now: datetime, day_end: datetime, day: date | None = None
    ) -> dict[DeckId, QueueCounts]:
        """Per deck: all cards, new cards, learning cards due by `now` and review cards due
        before `day_end` (the end of today's study day); with study day `day`, without the
        cloze siblings buried today (`buried_siblings`), as the study queue has them."""
        totals: dict[int, int] = {}
        new: dict[int, int] = {}
        for deck_id, suspended, state, count in self.connection.execute(
            "SELECT deck_id, suspended, state, cards FROM deck_card_counts"  # kept by triggers
            " WHERE cards > 0"
        ):
            totals[deck_id] = totals.get(deck_id, 0) + count
            if not suspended and state == _NEW:
                new[deck_id] = count
        due: dict[tuple[int, int], int] = {}
        today: dict[tuple[int, int], int] = {}
        if totals:
            decks = ", ".join(str(int(deck_id)) for deck_id in totals)
            for deck_id, state, count_now, count_today in self.connection.execute(
                f"SELECT deck_id, state, sum(due <= ?), count(*) FROM cards"
                f" WHERE deck_id IN ({decks}) AND suspended = 0"
                f" AND state IN ({_LEARNING}, {_RELEARNING}) AND due < ?"
                " GROUP BY deck_id, state UNION ALL"
                f" SELECT deck_id, state, count(*), count(*) FROM cards"
                f" WHERE deck_id IN ({decks})"
                f" AND suspended = 0 AND state = {_REVIEW} AND due < ? GROUP BY deck_id",
                (to_micros(now), to_micros(day_end), to_micros(day_end)),
            ):
                due[deck_id, state] = count_now
                today[deck_id, state] = count_today
        if day is not None:
            from trainer.storage.buried_siblings import BURIED_IDS, bury_parameters

            for deck_id, state, count in self.connection.execute(
                f"SELECT deck_id, state, count(*) FROM cards WHERE id IN ({BURIED_IDS})"
                " GROUP BY deck_id, state",
                bury_parameters(day, day_end),
            ):
                if state == _NEW:
                    new[deck_id] = new.get(deck_id, 0) - count
                else:
                    due[deck_id, state] = due.get((deck_id, state), 0) - count
        return {
            DeckId(deck_id): QueueCounts(
                total,
                new.get(deck_id, 0),
                due.get((deck_id, _LEARNING), 0) + due.get((deck_id, _RELEARNING), 0),
                due.get((deck_id, _REVIEW), 0),
                today.get((deck_id, _LEARNING), 0) + today.get((deck_id, _RELEARNING), 0),
            )
            for deck_id, total in totals.items()
        }

    def done_today(self, day: date) -> dict[DeckId, DoneToday]:
        """New cards introduced and reviews done per deck on study day `day`."""
        # CROSS JOIN: the day's reviews (a short run of ix_reviews_day) drive, each card
        # looked up by id; never every card with a seek into its reviews.
        query = (
            f"SELECT cards.deck_id, sum(reviews.before_state = {_NEW}),"
            f" sum(reviews.before_state = {_REVIEW}) FROM reviews"
            " CROSS JOIN cards ON cards.id = reviews.card_id"
            " WHERE reviews.study_day = ? GROUP BY cards.deck_id"
        )
        return {
            DeckId(deck_id): DoneToday(new=new or 0, reviews=reviews or 0)
            for deck_id, new, reviews in self.connection.execute(query, (day.toordinal(),))
        }
