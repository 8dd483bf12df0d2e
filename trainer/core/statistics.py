"""Statistics over the review log, and the statistics room's whole report. Pure functions.

Inputs are plain tuples: single reviews (`LoggedReview`) or reviews counted per slot of
time (`ReviewTally`, what the database's GROUP BY returns for a year of reviews). Days are
study days (`study_days`): they start at 04:00 local time. Card statistics (forecast,
states, stability, difficulty) live in `card_statistics`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

from trainer.core.card_statistics import (
    FORECAST_DAYS,
    Bin,
    CardSnapshot,
    CardTallies,
)
from trainer.core.cards import Rating
from trainer.core.model import CardState
from trainer.core.study_days import YEAR_DAYS, StudyDates, date_range, study_date
from trainer.core.today import LoggedReview, TodayStats, streak, today_stats


class ReviewTally(NamedTuple):
    """Reviews done in one short slot of time, counted (the database groups them so)."""

    start: datetime
    reviews: int
    again: int
    review_state: int  # reviews of cards that were in the review state
    recalled: int  # of those, the ones not answered Again
    millis: int


Countable = LoggedReview | ReviewTally


def as_tally(item: Countable) -> ReviewTally:
    """A review as a tally of one (a tally stays as it is)."""
    if isinstance(item, ReviewTally):
        return item
    was_review = item.before_state == CardState.REVIEW
    recalled = was_review and item.rating > Rating.AGAIN
    return ReviewTally(
        item.reviewed_at,
        1,
        int(item.rating == Rating.AGAIN),
        int(was_review),
        int(recalled),
        item.duration_ms,
    )


@dataclass(frozen=True)
class DayCount:
    day: date
    reviews: int = 0
    again: int = 0

    @property
    def again_rate(self) -> float:
        return self.again / self.reviews if self.reviews else 0.0


@dataclass(frozen=True)
class Retention:
    """True retention: of the reviews of cards in the review state, how many were recalled."""

    recalled: int = 0
    total: int = 0

    @property
    def rate(self) -> float | None:
        return self.recalled / self.total if self.total else None

    def __add__(self, other: Retention) -> Retention:
        return Retention(self.recalled + other.recalled, self.total + other.total)


@dataclass(frozen=True)
class StatisticsReport:
    """Everything the statistics room shows, over the last `len(days)` study days."""

    today: date
    days: list[DayCount]
    forecast: list[int]
    retention: Retention
    retention_by_deck: dict[int, Retention]
    retention_by_week: list[tuple[date, Retention]]
    cards_by_state: dict[CardState, int]
    stability: list[Bin]
    difficulty: list[Bin]
    today_stats: TodayStats = field(default_factory=TodayStats)
    deck_names: dict[int, str] = field(default_factory=dict)


Dated = tuple[date, ReviewTally]


def _dated(items: Iterable[Countable], zone: tzinfo | None) -> list[Dated]:
    """Each review or tally with its study day, worked out once."""
    tallies = [as_tally(item) for item in items]
    day_of = StudyDates(zone)
    return [(day_of(tally.start), tally) for tally in tallies]


# Reviews per day, heat map ------------------------------------------------------------------


def reviews_per_day(
    reviews: Iterable[Countable], first: date, last: date, zone: tzinfo | None = None
) -> list[DayCount]:
    """One entry per day from `first` to `last`: reviews done and how many were Again."""
    return _per_day(_dated(reviews, zone), first, last)


def _per_day(dated: Iterable[Dated], first: date, last: date) -> list[DayCount]:
    totals: Counter[date] = Counter()
    again: Counter[date] = Counter()
    for day, tally in dated:
        if first <= day <= last:
            totals[day] += tally.reviews
            again[day] += tally.again
    return [DayCount(day, totals[day], again[day]) for day in date_range(first, last)]


def heat_map(
    reviews: Iterable[Countable], today: date, zone: tzinfo | None = None
) -> list[DayCount]:
    """The calendar heat map's cells: reviews on each of the last 365 days, today last."""
    return reviews_per_day(reviews, today - timedelta(days=YEAR_DAYS - 1), today, zone)


# Retention --------------------------------------------------------------------------------


def _was_review(review: LoggedReview) -> bool:
    return review.before_state == CardState.REVIEW


def true_retention(reviews: Iterable[Countable]) -> Retention:
    """Share of review-state cards recalled (any grade but Again)."""
    recalled = total = 0
    for tally in map(as_tally, reviews):
        total += tally.review_state
        recalled += tally.recalled
    return Retention(recalled, total)


def retention_by_deck(reviews: Iterable[LoggedReview]) -> dict[int, Retention]:
    recalled: Counter[int] = Counter()
    total: Counter[int] = Counter()
    for review in reviews:
        if _was_review(review):
            total[review.deck_id] += 1
            recalled[review.deck_id] += review.rating > Rating.AGAIN
    return {deck: Retention(recalled[deck], total[deck]) for deck in sorted(total)}


def retention_over_time(
    reviews: Iterable[Countable],
    first: date,
    last: date,
    zone: tzinfo | None = None,
    bucket_days: int = 7,
) -> list[tuple[date, Retention]]:
    """True retention per bucket of `bucket_days` days from `first` (empty buckets included)."""
    return _over_time(_dated(reviews, zone), first, last, bucket_days)


def _over_time(
    dated: Iterable[Dated], first: date, last: date, bucket_days: int
) -> list[tuple[date, Retention]]:
    recalled: Counter[int] = Counter()
    total: Counter[int] = Counter()
    for day, tally in dated:
        if tally.review_state and first <= day <= last:
            bucket = (day - first).days // bucket_days
            total[bucket] += tally.review_state
            recalled[bucket] += tally.recalled
    buckets = (last - first).days // bucket_days + 1
    return [
        (first + timedelta(days=bucket * bucket_days), Retention(recalled[bucket], total[bucket]))
        for bucket in range(buckets)
    ]


# The whole report -------------------------------------------------------------------------


def build_report(
    reviews: Sequence[Countable],
    cards: Sequence[CardSnapshot] | CardTallies,
    now: datetime,
    zone: tzinfo | None = None,
    days: int = YEAR_DAYS,
    forecast_days: int = FORECAST_DAYS,
    *,
    by_deck: Mapping[int, Retention] | None = None,
    today: TodayStats | None = None,
) -> StatisticsReport:
    """Every statistic of the room, from the reviews of the last `days` days and all cards.

    `reviews` may be single reviews or tallies, `cards` each card or their tallies (made
    for `forecast_days` days from `now`'s study day). Per-deck retention and today's figures come
    from the single reviews among them unless given (a caller with tallies gives them).
    """
    current = study_date(now, zone)
    first = current - timedelta(days=days - 1)
    counted = (
        cards
        if isinstance(cards, CardTallies)
        else CardTallies.of(cards, current, zone, forecast_days)
    )
    logs = [r for r in reviews if isinstance(r, LoggedReview)]
    logs = [r for r in logs if first <= study_date(r.reviewed_at, zone) <= current]
    dated = [(day, tally) for day, tally in _dated(reviews, zone) if first <= day <= current]
    per_day = _per_day(dated, first, current)
    if today is None:
        today = today_stats(
            logs, current, zone, streak((d.day for d in per_day if d.reviews), current)
        )
    return StatisticsReport(
        today=current,
        days=per_day,
        forecast=counted.forecast,
        retention=true_retention(tally for _day, tally in dated),
        retention_by_deck=dict(by_deck) if by_deck is not None else retention_by_deck(logs),
        retention_by_week=_over_time(dated, first, current, bucket_days=7),
        cards_by_state=counted.by_state,
        stability=counted.stability,
        difficulty=counted.difficulty,
        today_stats=today,
    )
