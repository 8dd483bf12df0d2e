"""Statistics over the cards' memory: the due forecast, cards by state, stability and
difficulty distributions. Pure functions over plain tuples, one per card."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import NamedTuple

from trainer.core.model import CardState
from trainer.core.study_days import study_date

FORECAST_DAYS = 30


class CardSnapshot(NamedTuple):
    """One card's memory, as statistics need it."""

    deck_id: int
    state: int
    stability: float | None
    difficulty: float | None
    due: datetime | None
    suspended: bool


@dataclass(frozen=True)
class Bin:
    """One bar of a histogram: values in [low, high) (the last bin also takes `high`)."""

    label: str
    low: float
    high: float
    count: int = 0


# Forecast ---------------------------------------------------------------------------------


def due_forecast(
    dues: Iterable[datetime | None],
    today: date,
    zone: tzinfo | None = None,
    days: int = FORECAST_DAYS,
) -> list[int]:
    """Cards falling due on each of the next `days` days; overdue cards count for today.

    `dues` are the due times of studied, unsuspended cards (None is skipped).
    """
    counts = [0] * days
    for due in dues:
        if due is None:
            continue
        offset = max(0, (study_date(due, zone) - today).days)
        if offset < days:
            counts[offset] += 1
    return counts


def forecast_from_cards(
    cards: Iterable[CardSnapshot],
    today: date,
    zone: tzinfo | None = None,
    days: int = FORECAST_DAYS,
) -> list[int]:
    return due_forecast(
        (c.due for c in cards if not c.suspended and c.state != CardState.NEW), today, zone, days
    )


# Cards ------------------------------------------------------------------------------------


def cards_by_state(cards: Iterable[CardSnapshot]) -> dict[CardState, int]:
    counts = dict.fromkeys(CardState, 0)
    for card in cards:
        counts[CardState(card.state)] += 1
    return counts


STABILITY_EDGES: tuple[tuple[str, float, float], ...] = (
    ("<1d", 0, 1),
    ("1-3d", 1, 3),
    ("3-7d", 3, 7),
    ("1-2w", 7, 14),
    ("2-4w", 14, 30),
    ("1-3mo", 30, 90),
    ("3-6mo", 90, 180),
    ("6-12mo", 180, 365),
    ("1y+", 365, float("inf")),
)
DIFFICULTY_EDGES: tuple[tuple[str, float, float], ...] = tuple(
    (f"{low}-{low + 1}", low, low + 1) for low in range(1, 10)
)


def histogram(values: Iterable[float], edges: Sequence[tuple[str, float, float]]) -> list[Bin]:
    """Count `values` into bins [low, high); values past the last bin go into it."""
    counts = [0] * len(edges)
    for value in values:
        for index, (_label, _low, high) in enumerate(edges):
            if value < high or index == len(edges) - 1:
                counts[index] += 1
                break
    return [
        Bin(label, low, high, count)
        for (label, low, high), count in zip(edges, counts, strict=True)
    ]


def stability_histogram(cards: Iterable[CardSnapshot]) -> list[Bin]:
    """Studied cards by stability in days (the interval at which recall falls to 90%)."""
    return histogram(
        (c.stability for c in cards if c.state != CardState.NEW and c.stability is not None),
        STABILITY_EDGES,
    )


def difficulty_histogram(cards: Iterable[CardSnapshot]) -> list[Bin]:
    """Studied cards by FSRS difficulty, 1 (easy) to 10 (hard)."""
    return histogram(
        (c.difficulty for c in cards if c.state != CardState.NEW and c.difficulty is not None),
        DIFFICULTY_EDGES,
    )
