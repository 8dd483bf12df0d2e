"""Statistics for the statistics room, the home screen's "today" panel and `keeper stats`."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from trainer.core.clock import Clock
from trainer.core.model import CardState
from trainer.core.study_days import YEAR_DAYS, study_date, study_date_start
from trainer.core.today import TodayStats, streak_from_days
from trainer.services.unit_of_work import UnitOfWork

if TYPE_CHECKING:  # the statistics room's modules; the home screen's "today" needs neither
    from trainer.core.statistics import Retention, StatisticsReport
    from trainer.storage.reads import Reads


class CollectionStats(NamedTuple):  # NamedTuple: this module is on the first paint's path
    reviews: int
    reviews_today: int
    cards_by_state: dict[str, int]
    suspended: int

    @property
    def cards(self) -> int:
        return sum(self.cards_by_state.values())


class StatsService:
    """Read-only: every method runs one short transaction and returns plain values.

    `zone` is the time zone study days are counted in (None: the system's).
    """

    def __init__(self, uow: UnitOfWork, clock: Clock, zone: tzinfo | None = None) -> None:
        self._uow = uow
        self._clock = clock
        self.zone = zone

    def collection_stats(self) -> CollectionStats:
        """Reviews kept (in all, today) and cards by state, for `keeper stats`."""
        from trainer.storage.memory_repair import repair_hidden

        now = self._clock()
        with self._uow() as collection:
            repair_hidden(collection)  # a state Keeper does not know is counted as new
            by_state = collection.cards_by_state()
            return CollectionStats(
                reviews=collection.review_count(),
                reviews_today=collection.review_count(study_date(now, self.zone)),
                cards_by_state={state.name.lower(): by_state[state] for state in CardState},
                suspended=collection.suspended_count(),
            )

    def report(self, days: int = YEAR_DAYS) -> StatisticsReport:
        """Every statistic of the room over the last `days` days, with deck names.

        The year's reviews are read as one tally per study day and per-deck counts, so a
        collection with a million reviews costs a few hundred rows.
        """
        from dataclasses import replace

        from trainer.core.statistics import build_report
        from trainer.storage.review_history import (
            card_snapshots,
            retention_by_deck_since,
            review_tallies,
        )

        now = self._clock()
        today = study_date(now, self.zone)
        since = self._day_start(now, days - 1)
        first = today - timedelta(days=days - 1)
        day_starts = [
            study_date_start(first + timedelta(days=n), self.zone) for n in range(days + 1)
        ]
        with self._uow() as collection:
            tallies = review_tallies(collection, day_starts)
            by_deck = retention_by_deck_since(collection, since)
            cards = card_snapshots(collection)
            names = {int(deck.id): deck.name for deck in collection.decks()}
            todays = self._today(collection.reads, today)
        report = build_report(tallies, cards, now, self.zone, days, by_deck=by_deck, today=todays)
        return replace(report, deck_names=names)

    def today(self) -> TodayStats:
        """Reviews, cards and time studied today, and the streak of days in a row."""
        today = study_date(self._clock(), self.zone)
        with self._uow.reads() as reads:  # plain sqlite: the home screen shows this first
            return self._today(reads, today)

    def forecast(self, days: int | None = None) -> list[int]:
        """Cards due on each of the next `days` days (FORECAST_DAYS if None), overdue ones
        counted today."""
        from trainer.core.card_statistics import FORECAST_DAYS, due_forecast
        from trainer.storage.review_history import due_times

        now = self._clock()
        with self._uow() as collection:
            dues = due_times(collection)
        return due_forecast(
            dues, study_date(now, self.zone), self.zone, FORECAST_DAYS if days is None else days
        )

    def retention(self, days: int = YEAR_DAYS) -> Retention:
        """True retention over the last `days` days."""
        from trainer.storage.review_history import retention_since

        since = self._day_start(self._clock(), days - 1)
        with self._uow() as collection:
            return retention_since(collection, since)

    def streak(self) -> int:
        today = study_date(self._clock(), self.zone)
        with self._uow.reads() as reads:
            return self._streak(reads, today)

    def _today(self, reads: Reads, today: date) -> TodayStats:
        """Totals over today's reviews, counted by SQLite (no card is read), and the streak."""
        reviews, cards, millis = reads.review_totals(today)
        return TodayStats(reviews, cards, millis / 1000, self._streak(reads, today))

    def _streak(self, reads: Reads, today: date) -> int:
        return streak_from_days(reads.studied_days, today)

    def _day_start(self, now: datetime, days_back: int) -> datetime:
        first = study_date(now, self.zone) - timedelta(days=days_back)
        return study_date_start(first, self.zone)
