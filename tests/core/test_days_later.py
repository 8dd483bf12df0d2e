"""`days_later` in the system's time zone converts fewer times than the plain way (an
import replays 80,000 graduating grades through it); it must land on the same instant,
in gaps and repeated hours too."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.clock import as_utc
from trainer.core.study_days import days_later, study_date, study_date_start

ZONES = ("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/St_Johns",
         "Pacific/Apia", "Antarctica/Troll")  # fmt: skip


def plain_days_later(moment: datetime, days: int) -> datetime:
    """The definition, one conversion per step, in the system's zone."""
    local = moment.astimezone().replace(tzinfo=None) + timedelta(days=days)
    landed = as_utc(local.astimezone())
    target = study_date(moment) + timedelta(days=days)
    if study_date(landed) != target:
        return study_date_start(target)
    return landed


@pytest.fixture(params=ZONES)
def system_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    yield request.param
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


def transitions(zone: str, first: int, last: int) -> list[datetime]:
    """The instants the zone's UTC offset changes, to the hour."""
    tz = ZoneInfo(zone)
    found, moment = [], datetime(first, 1, 1, tzinfo=UTC)
    before = moment.astimezone(tz).utcoffset()
    while moment.year < last:
        moment += timedelta(hours=1)
        offset = moment.astimezone(tz).utcoffset()
        if offset != before:
            found.append(moment)
        before = offset
    return found


def test_landing_near_every_offset_change(system_zone: str) -> None:
    landed_elsewhere = 0
    for change in transitions(system_zone, 2010, 2027):  # Apia skipped 2011-12-30
        for minutes in range(-180, 181, 15):
            for days in (1, 3, 30, 400):
                moment = change + timedelta(minutes=minutes, seconds=7) - timedelta(days=days)
                fast = days_later(moment, days)
                assert fast == plain_days_later(moment, days) and fast.tzinfo is UTC
                landed_elsewhere += fast != moment + timedelta(days=days)
    assert landed_elsewhere  # the changes were met: not every landing is N x 24 hours


@settings(max_examples=300, deadline=None)
@given(
    st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2150, 1, 1),
                 timezones=st.just(UTC)),
    st.integers(min_value=1, max_value=36_500),
)  # fmt: skip
def test_any_moment_any_interval(moment: datetime, days: int) -> None:
    for zone in ZONES[:3]:
        os.environ["TZ"] = zone
        time.tzset()
        try:
            assert days_later(moment, days) == plain_days_later(moment, days)
        finally:
            os.environ.pop("TZ")
            time.tzset()
