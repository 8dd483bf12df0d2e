"""Statistics for the statistics room, the home screen's "today" panel and `keeper stats`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, NamedTuple, Protocol

from trainer.core.clock import Clock
from trainer.core.model import CardState
from trainer.core.study_days import YEAR_DAYS, study_date, study_date_start
from trainer.core.today import TodayStats, streak_from_days
from trainer.services.unit_of_work import UnitOfWork

if TYPE_CHECKING:  # the statistics room's modules; the home screen's "today" needs neither
    from trainer.core.statistics import Retention, StatisticsReport


class ReviewLog(Protocol):
    """Today's totals and studied days: `collection.reviews`, or the quick `reads.reviews`."""

    def totals(self, day: date) -> tuple[int, int, int]: ...
    def studied_days(self, days: Sequence[date]) -> set[date]: ...


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
        """Reviews kept (in all, today) and cards by state, for `keeper stats`: plain sqlite
        reads (no SQLAlchemy), after repairing any card a damaged state hides (counted as
        new then), as studying does."""
        today = study_date(self._clock(), self.zone)
        with self._uow.reads() as reads:
            hidden = reads.cards.any_hidden()
        if hidden:
            with self._uow() as collection:
                collection.cards.repair_hidden()
        with self._uow.reads() as reads:
            by_state = reads.cards.count_by_state()
            return CollectionStats(
                reviews=reads.reviews.count(),
                reviews_today=reads.reviews.totals(today)[0],
                cards_by_state={state.name.lower(): by_state[state] for state in CardState},
                suspended=reads.cards.suspended_count(),
            )

    def report(self, days: int = YEAR_DAYS) -> StatisticsReport:
        """Every statistic of the room over the last `days` days, with deck names.

        The year's reviews are read as one tally per study day and per-deck counts, so a
        collection with a million reviews costs a few hundred rows.
        """
        from dataclasses import replace

        from trainer.core.card_statistics import forecast_starts
        from trainer.core.statistics import build_report

        now = self._clock()
        today = study_date(now, self.zone)
        since = self._day_start(now, days - 1)
        first = today - timedelta(days=days - 1)
        day_starts = [
            study_date_start(first + timedelta(days=n), self.zone) for n in range(days + 1)
        ]
        with self._uow() as collection:
            tallies = collection.reviews.tallies(day_starts)
            by_deck = collection.reviews.retention_by_deck(since)
            cards = collection.cards.memory_tallies(forecast_starts(today, self.zone))
            names = {int(deck.id): deck.name for deck in collection.decks.all()}
            todays = self._today(collection.reviews, today)
        report = build_report(tallies, cards, now, self.zone, days, by_deck=by_deck, today=todays)
        return replace(report, deck_names=names)

    def today(self) -> TodayStats:
        """Reviews, cards and time studied today, and the streak of days in a row."""
        today = study_date(self._clock(), self.zone)
        with self._uow.reads() as reads:  # plain sqlite: the home screen shows this first
            return self._today(reads.reviews, today)

    def forecast(self, days: int | None = None) -> list[int]:
        """Cards due on each of the next `days` days (FORECAST_DAYS if None), overdue ones
        counted today (as `core.card_statistics.due_forecast` counts them)."""
        from trainer.core.card_statistics import FORECAST_DAYS

        today = study_date(self._clock(), self.zone)
        days = FORECAST_DAYS if days is None else days
        # When each day after today begins: a card is due on the day before the first of
        # these that has not passed at its due time.
        starts = [
            study_date_start(today + timedelta(days=n), self.zone) for n in range(1, days + 1)
        ]
        with self._uow.reads() as reads:
            return reads.cards.due_counts(starts)

    def retention(self, days: int = YEAR_DAYS) -> Retention:
        """True retention over the last `days` days."""
        since = self._day_start(self._clock(), days - 1)
        with self._uow.reads() as reads:
            return reads.reviews.retention(since)

    def streak(self) -> int:
        today = study_date(self._clock(), self.zone)
        with self._uow.reads() as reads:
            return self._streak(reads.reviews, today)

    def _today(self, log: ReviewLog, today: date) -> TodayStats:
        """Totals over today's reviews, counted by SQLite (no card is read), and the streak."""
        reviews, cards, millis = log.totals(today)
        return TodayStats(reviews, cards, millis / 1000, self._streak(log, today))

    def _streak(self, log: ReviewLog, today: date) -> int:
        return streak_from_days(log.studied_days, today)

    def _day_start(self, now: datetime, days_back: int) -> datetime:
        first = study_date(now, self.zone) - timedelta(days=days_back)
        return study_date_start(first, self.zone)
