"""Time, passed in rather than read from a global, so tests use a fixed clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]

# A study day starts at 04:00 local time, so a late-night session counts for the day before.
DAY_ROLLOVER_HOUR = 4
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def system_clock() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """The same instant with tzinfo exactly `timezone.utc` (fsrs accepts nothing else)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: Keeper only handles aware times")
    return moment.astimezone(UTC)


def to_micros(moment: datetime) -> int:
    """An aware time as whole microseconds since the epoch: how the collection stores times
    (they sort and compare fast in its due indexes) and how plans count them."""
    delta = moment.astimezone(UTC) - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_micros(value: int, _epoch: datetime = _EPOCH, _delta: type = timedelta) -> datetime:
    return _epoch + _delta(microseconds=value)  # one object made: twice as fast as fromtimestamp


class FixedClock:
    """A clock for tests and scripts: reads a set time, moves only when told."""

    def __init__(self, start: datetime) -> None:
        self.now = as_utc(start)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta
