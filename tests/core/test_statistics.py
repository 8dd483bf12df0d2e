"""Every statistic on a small history whose answers can be checked by hand (UTC, 04:00 days)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.card_statistics import (
    CardSnapshot,
    cards_by_state,
    difficulty_histogram,
    due_forecast,
    forecast_from_cards,
    stability_histogram,
)
from trainer.core.model import CardState
from trainer.core.statistics import (
    Retention,
    ReviewTally,
    as_tally,
    build_report,
    heat_map,
    retention_by_deck,
    retention_over_time,
    reviews_per_day,
    true_retention,
)
from trainer.core.study_days import StudyDates, study_date, study_date_start
from trainer.core.today import LoggedReview, streak, streak_from_days, today_stats

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)
TODAY = date(2026, 3, 10)
NEW, LEARNING, REVIEW = int(CardState.NEW), int(CardState.LEARNING), int(CardState.REVIEW)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


# card, deck, time, rating, milliseconds, state before the grade
REVIEWS = [
    LoggedReview(5, 2, at(6, 12), 2, 4_000, REVIEW),  # Hard, recalled
    LoggedReview(4, 2, at(8, 12), 4, 6_000, REVIEW),  # Easy, recalled
    LoggedReview(1, 1, at(9, 12), 1, 8_000, LEARNING),  # Again while learning: not retention
    LoggedReview(3, 2, at(10, 3, 30), 3, 5_000, NEW),  # 03:30 is still the 9th's study day
    LoggedReview(2, 1, at(10, 8), 1, 20_000, REVIEW),  # Again: forgotten
    LoggedReview(1, 1, at(10, 9), 3, 10_000, REVIEW),  # Good, recalled
]
OLD = LoggedReview(9, 1, datetime(2025, 3, 9, 12, tzinfo=UTC), 1, 1_000, REVIEW)  # > a year ago


def snapshot(state: int, stability: float | None, difficulty: float | None, due: datetime | None,
             suspended: bool = False) -> CardSnapshot:  # fmt: skip
    return CardSnapshot(1, state, stability, difficulty, due, suspended)


CARDS = [
    snapshot(REVIEW, 0.5, 1.0, at(9, 12)),  # overdue: counts today
    snapshot(REVIEW, 2.0, 5.5, at(11, 3)),  # 03:00 on the 11th is still the 10th's study day
    snapshot(REVIEW, 10.0, 9.99, at(11, 5)),  # tomorrow
    snapshot(REVIEW, 400.0, 10.0, datetime(2026, 4, 8, 12, tzinfo=UTC)),  # day 29, the last
    snapshot(REVIEW, 30.0, 3.0, datetime(2026, 4, 9, 12, tzinfo=UTC)),  # day 30: past the window
    snapshot(NEW, None, None, None),  # never studied: no due, no stability
    snapshot(LEARNING, 0.1, 7.0, at(10, 10, 10)),  # a learning step due today
    snapshot(REVIEW, 5.0, 2.0, at(12, 12), suspended=True),  # suspended: not in the forecast
]


def test_study_days_start_at_four_in_the_morning() -> None:
    assert study_date(at(10, 3, 59), UTC) == date(2026, 3, 9)
    assert study_date(at(10, 4), UTC) == TODAY
    assert study_date_start(TODAY, UTC) == at(10, 4)
    berlin = ZoneInfo("Europe/Berlin")  # UTC+1 in March: 03:30 UTC is 04:30 local
    assert study_date(at(10, 3, 30), berlin) == TODAY
    assert study_date_start(TODAY, berlin) == at(10, 3)


def test_reviews_per_day_with_the_again_rate() -> None:
    days = reviews_per_day(REVIEWS, date(2026, 3, 6), TODAY, UTC)
    assert [(d.day.day, d.reviews, d.again) for d in days] == [
        (6, 1, 0),
        (7, 0, 0),
        (8, 1, 0),
        (9, 2, 1),
        (10, 2, 1),
    ]
    assert days[-1].again_rate == 0.5
    assert days[1].again_rate == 0.0


def test_heat_map_covers_the_last_year_ending_today() -> None:
    cells = heat_map([*REVIEWS, OLD], TODAY, UTC)
    assert len(cells) == 365
    assert cells[-1].day == TODAY
    assert cells[0].day == TODAY - timedelta(days=364)
    assert sum(cell.reviews for cell in cells) == 6  # the review from 366 days ago is out


def test_due_forecast_counts_overdue_today_and_skips_new_and_suspended() -> None:
    forecast = forecast_from_cards(CARDS, TODAY, UTC)
    assert len(forecast) == 30
    assert forecast[0] == 3  # the overdue card, the one due at 03:00 tomorrow, the learning one
    assert forecast[1] == 1
    assert forecast[29] == 1
    assert sum(forecast) == 5
    assert due_forecast([None, at(20, 12)], TODAY, UTC, days=5) == [0, 0, 0, 0, 0]
    assert len(due_forecast([], TODAY, UTC, days=45)) == 45


def test_true_retention_counts_only_cards_in_the_review_state() -> None:
    assert true_retention(REVIEWS) == Retention(recalled=3, total=4)
    assert true_retention(REVIEWS).rate == 0.75
    assert true_retention([]).rate is None
    assert retention_by_deck(REVIEWS) == {1: Retention(1, 2), 2: Retention(2, 2)}


def test_retention_over_time_by_week() -> None:
    weeks = retention_over_time(REVIEWS, date(2026, 3, 1), TODAY, UTC, bucket_days=7)
    assert [(start.day, r.recalled, r.total) for start, r in weeks] == [(1, 1, 1), (8, 2, 3)]
    days = retention_over_time(REVIEWS, date(2026, 3, 9), TODAY, UTC, bucket_days=1)
    assert [r.rate for _start, r in days] == [None, 0.5]


def test_cards_by_state() -> None:
    counts = cards_by_state(CARDS)
    assert counts == {
        CardState.NEW: 1,
        CardState.LEARNING: 1,
        CardState.REVIEW: 6,
        CardState.RELEARNING: 0,
    }


def test_stability_histogram_in_days() -> None:
    bins = {b.label: b.count for b in stability_histogram(CARDS)}
    assert bins == {
        "<1d": 2,  # 0.5 and 0.1
        "1-3d": 1,  # 2
        "3-7d": 1,  # 5 (suspended cards still have a memory)
        "1-2w": 1,  # 10
        "2-4w": 0,  # 30 is not below 30
        "1-3mo": 1,  # 30
        "3-6mo": 0,
        "6-12mo": 0,
        "1y+": 1,  # 400
    }


def test_difficulty_histogram_from_one_to_ten() -> None:
    bins = {b.label: b.count for b in difficulty_histogram(CARDS)}
    assert bins == {
        "1-2": 1,  # 1.0
        "2-3": 1,  # 2.0
        "3-4": 1,  # 3.0
        "4-5": 0,
        "5-6": 1,  # 5.5
        "6-7": 0,
        "7-8": 1,  # 7.0
        "8-9": 0,
        "9-10": 2,  # 9.99 and 10 (the top edge belongs to the last bin)
    }


def test_streak_counts_days_in_a_row_up_to_today() -> None:
    days = {date(2026, 3, d) for d in (6, 8, 9, 10)}
    assert streak(days, TODAY) == 3
    assert streak(days - {TODAY}, TODAY) == 2  # not broken until today is over
    assert streak(days, date(2026, 3, 12)) == 0
    assert streak([], TODAY) == 0


@given(st.sets(st.integers(0, 900), max_size=900), st.sampled_from([0, 1, 40, 400, 900]))
def test_streak_from_days_gives_the_same_streak_in_a_few_questions(
    back: set[int], unbroken: int
) -> None:
    studied = {TODAY - timedelta(days=n) for n in back | set(range(unbroken))}
    asked: list[list[date]] = []

    def studied_among(days: list[date]) -> set[date]:
        asked.append(days)
        return studied & set(days)

    assert streak_from_days(studied_among, TODAY) == streak(studied, TODAY)
    assert len(asked) <= 2 + streak(studied, TODAY) // 256 + 4  # runs of 32, 64, 128, 256...


def test_today_time_and_cards() -> None:
    today = today_stats(REVIEWS, TODAY, UTC, streak_days=3)
    assert (today.reviews, today.cards, today.seconds, today.streak) == (2, 2, 30.0, 3)


def test_the_whole_report_agrees_with_the_parts() -> None:
    report = build_report([OLD, *REVIEWS], CARDS, NOW, UTC)
    assert report.today == TODAY
    assert len(report.days) == 365 and report.days[-1].reviews == 2
    assert report.retention == Retention(3, 4)  # the year-old Again is outside the window
    assert report.retention_by_deck == {1: Retention(1, 2), 2: Retention(2, 2)}
    assert report.forecast[:2] == [3, 1]
    assert report.today_stats.reviews == 2 and report.today_stats.streak == 3
    assert sum(r.total for _start, r in report.retention_by_week) == 4
    assert report.cards_by_state[CardState.REVIEW] == 6
    assert sum(b.count for b in report.stability) == 7


def test_tallies_count_like_the_reviews_they_sum() -> None:
    """The database hands over reviews counted per 15-minute slot: same answers."""
    slots: dict[datetime, list[ReviewTally]] = {}
    for review in REVIEWS:
        start = review.reviewed_at.replace(minute=review.reviewed_at.minute // 15 * 15)
        slots.setdefault(start, []).append(as_tally(review))
    tallies = [
        ReviewTally(start, *(sum(column) for column in zip(*(t[1:] for t in group), strict=True)))
        for start, group in sorted(slots.items())
    ]
    assert sum(t.reviews for t in tallies) == len(REVIEWS)
    first = date(2026, 3, 1)
    assert reviews_per_day(tallies, first, TODAY, UTC) == reviews_per_day(
        REVIEWS, first, TODAY, UTC
    )
    assert true_retention(tallies) == true_retention(REVIEWS)
    assert retention_over_time(tallies, first, TODAY, UTC) == retention_over_time(
        REVIEWS, first, TODAY, UTC
    )
    from_tallies = build_report(
        tallies, CARDS, NOW, UTC, by_deck=retention_by_deck(REVIEWS), today=today_stats(
            REVIEWS, TODAY, UTC, 3)
    )  # fmt: skip
    assert from_tallies == build_report(REVIEWS, CARDS, NOW, UTC)


@pytest.mark.parametrize("zone_name", ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe"])
def test_study_dates_for_many_moments_agree_with_study_date(zone_name: str) -> None:
    """The day-bounds shortcut gives every moment the day `study_date` gives, DST included."""
    zone = ZoneInfo(zone_name)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    moments = [start + timedelta(minutes=17 * n) for n in range(60_000)]  # two years, in order
    moments += moments[::-7]  # and out of order
    day_of = StudyDates(zone)
    assert [day_of(moment) for moment in moments] == [study_date(m, zone) for m in moments]


def test_the_forecast_puts_each_due_time_on_its_study_day_across_a_clock_change() -> None:
    zone = ZoneInfo("Europe/Berlin")  # summer time starts on 29 March 2026
    today = date(2026, 3, 20)
    dues = [datetime(2026, 3, 18, tzinfo=UTC) + timedelta(minutes=41 * n) for n in range(2000)]
    expected = [0] * 30
    for due in dues:
        offset = max(0, (study_date(due, zone) - today).days)
        if offset < 30:
            expected[offset] += 1
    assert due_forecast(dues, today, zone) == expected
