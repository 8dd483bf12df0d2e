"""Study days: a day runs from 04:00 to 04:00 local time, as `clock.study_day_start` says.

Statistics, the due forecast, streaks, the optimizer's day gaps and the interview plan all
count in these days, so a late-night session belongs to the day before.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from trainer.core.clock import DAY_ROLLOVER_HOUR, as_utc

_ROLLOVER = timedelta(hours=DAY_ROLLOVER_HOUR)


def study_date(moment: datetime, zone: tzinfo | None = None) -> date:
    """The study day `moment` belongs to (local time in `zone`; None is the system's)."""
    return (moment.astimezone(zone) - _ROLLOVER).date()


def study_date_start(day: date, zone: tzinfo | None = None) -> datetime:
    """The UTC instant study day `day` begins (04:00 local time)."""
    local = datetime.combine(day, time(DAY_ROLLOVER_HOUR))
    aware = local.replace(tzinfo=zone) if zone is not None else local.astimezone()
    return as_utc(aware)


def date_range(first: date, last: date) -> list[date]:
    """Every day from `first` to `last`, both included (empty when last < first)."""
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
