"""Today on the home screen: reviews, cards and time studied today, and the streak.

Kept apart from `statistics` (the statistics room's report) so the first screen loads only
this. `LoggedReview` is the review log's row as both read it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

from trainer.core.study_days import study_date

FIRST_RUN, LONGEST_RUN = 32, 256  # days asked about at once by `streak_from_days`


class LoggedReview(NamedTuple):
    """One row of the review log, as statistics need it."""

    card_id: int
    deck_id: int
    reviewed_at: datetime
    rating: int
    duration_ms: int
    before_state: int


class TodayStats(NamedTuple):
    reviews: int = 0
    cards: int = 0
    seconds: float = 0.0
    streak: int = 0


# The streak ---------------------------------------------------------------------


def streak(study_dates: Iterable[date], today: date) -> int:
    """Days in a row with at least one review, ending today, or yesterday if today has none.

    A streak is not broken until a whole day passes without a review.
    """
    dates = set(study_dates)
    day = today if today in dates else today - timedelta(days=1)
    count = 0
    while day in dates:
        count += 1
        day -= timedelta(days=1)
    return count


def streak_from_days(studied_among: Callable[[list[date]], set[date]], today: date) -> int:
    """The streak, asking `studied_among(days)` which of a run of days had a review.

    Runs go back from today, 32 days, then 64, 128 and 256 at a time, until one shows the
    gap: a streak of a year costs four questions. Same answer as `streak`.
    """
    count, run, newest = 0, FIRST_RUN, today
    while True:
        days = [newest - timedelta(days=back) for back in range(run)]
        studied = studied_among(days)
        for day in days:
            if day in studied:
                count += 1
            elif day != today:  # today without a review yet does not break it
                return count
        newest = days[-1] - timedelta(days=1)
        run = min(run * 2, LONGEST_RUN)


def today_stats(
    reviews: Iterable[LoggedReview], today: date, zone: tzinfo | None = None, streak_days: int = 0
) -> TodayStats:
    """Reviews, distinct cards and time spent today (`reviews` may hold other days too)."""
    count = 0
    cards: set[int] = set()
    millis = 0
    for review in reviews:
        if study_date(review.reviewed_at, zone) == today:
            count += 1
            cards.add(review.card_id)
            millis += review.duration_ms
    return TodayStats(reviews=count, cards=len(cards), seconds=millis / 1000, streak=streak_days)
