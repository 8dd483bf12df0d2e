"""Which automatic backups to keep: the most recent ones, then one per day, week and month.

Like Time Machine's thinning: the newest snapshot in each of the last 12 days, 10 weeks
and 9 months survives, plus the RECENT newest of all. Everything else may be deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

RECENT = 10
DAILY = 12
WEEKLY = 10
MONTHLY = 9


def backups_to_keep(taken: Sequence[datetime]) -> set[int]:
    """Indexes into `taken` (any order) of the snapshots the policy keeps."""
    newest_first = sorted(range(len(taken)), key=lambda i: taken[i], reverse=True)
    keep = set(newest_first[:RECENT])
    buckets: tuple[tuple[Callable[[datetime], object], int], ...] = (
        (lambda moment: moment.date(), DAILY),
        (lambda moment: moment.isocalendar()[:2], WEEKLY),
        (lambda moment: (moment.year, moment.month), MONTHLY),
    )
    for bucket_of, count in buckets:
        seen: list[object] = []
        for index in newest_first:
            bucket = bucket_of(taken[index])
            if bucket not in seen:
                if len(seen) == count:
                    break
                seen.append(bucket)
                keep.add(index)  # the newest snapshot of this day, week or month
    return keep
