"""Study days: a day runs from 04:00 to 04:00 local time (`clock.DAY_ROLLOVER_HOUR`).

Statistics, the due forecast, streaks, the optimizer's day gaps and the interview plan all
count in these days, so a late-night session belongs to the day before.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

from trainer.core.clock import DAY_ROLLOVER_HOUR, as_utc

_ROLLOVER = timedelta(hours=DAY_ROLLOVER_HOUR)

YEAR_DAYS = 365  # how far back the statistics look, in study days


def study_date(moment: datetime, zone: tzinfo | None = None) -> date:
    """The study day `moment` belongs to (local time in `zone`; None is the system's)."""
    return (moment.astimezone(zone) - _ROLLOVER).date()


def study_date_start(day: date, zone: tzinfo | None = None) -> datetime:
    """The UTC instant study day `day` begins (04:00 local time)."""
    local = datetime.combine(day, time(DAY_ROLLOVER_HOUR))
    aware = local.replace(tzinfo=zone) if zone is not None else local.astimezone()
    return as_utc(aware)


def study_day_end(moment: datetime, zone: tzinfo | None = None) -> datetime:
    """The UTC instant the study day holding `moment` ends: a review card due before it
    is due today, whatever its hour (as in Anki)."""
    return study_date_start(study_date(moment, zone) + timedelta(days=1), zone)


def days_later(moment: datetime, days: int, zone: tzinfo | None = None) -> datetime:
    """The same local wall time `days` study days after `moment` (not `days` × 24 hours):
    a day interval lands on the study day it names across a daylight-saving change."""
    here = moment.astimezone(zone)
    local = here.replace(tzinfo=None) + timedelta(days=days)
    target = (here - _ROLLOVER).date() + timedelta(days=days)  # study_date(moment, zone)
    if zone is None:  # the system's zone: the aware time is the landing's real wall time
        there = local.astimezone()
        landed = there.astimezone(UTC)
        landed_day = (there - _ROLLOVER).date()  # study_date(landed): converted once, not twice
    else:
        landed = as_utc(local.replace(tzinfo=zone))
        landed_day = study_date(landed, zone)
    if landed_day != target:  # a gap in local time moved it past 04:00
        return study_date_start(target, zone)
    return landed


class StudyDates:
    """`study_date` for many moments: each day's bounds are worked out once, and a moment
    inside the last day found is compared, not converted (a year of time-ordered reviews
    costs a few hundred conversions instead of one each)."""

    def __init__(self, zone: tzinfo | None = None) -> None:
        self.zone = zone
        self._day: date | None = None
        self._start = self._end = datetime.min.replace(tzinfo=UTC)

    def __call__(self, moment: datetime) -> date:
        if self._start <= moment < self._end:
            return self._day  # type: ignore[return-value]
        day = study_date(moment, self.zone)
        start = study_date_start(day, self.zone)
        end = study_date_start(day + timedelta(days=1), self.zone)
        if start <= moment < end:  # always, unless a time zone rule makes the day odd
            self._day, self._start, self._end = day, start, end
        return day


def date_range(first: date, last: date) -> list[date]:
    """Every day from `first` to `last`, both included (empty when last < first)."""
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
