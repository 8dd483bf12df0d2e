"""Statistics over the cards' memory: the due forecast, cards by state, stability and
difficulty distributions. Pure functions over plain tuples, one per card; `CardTallies`
holds them counted (storage counts them in SQL: a Python tuple per card of 100,000 held
the GIL for 400 ms while the statistics room was built)."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

from trainer.core.model import CardState
from trainer.core.study_days import study_date_start

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
    starts = forecast_starts(today, zone, days)
    for due in dues:
        if due is not None:
            offset = bisect_right(starts, due)
            if offset < days:
                counts[offset] += 1
    return counts


def forecast_starts(today: date, zone: tzinfo | None, days: int = FORECAST_DAYS) -> list[datetime]:
    """When each day after today begins: a due time's day is how many of these have passed."""
    return [study_date_start(today + timedelta(days=n), zone) for n in range(1, days + 1)]


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
    tally = Counter(card.state for card in cards)
    return {state: tally.get(int(state), 0) for state in CardState}


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
    highs = bin_highs(edges)  # the last bin takes the rest
    for value in values:
        counts[bisect_right(highs, value)] += 1
    return _bins(edges, counts)


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


def bin_highs(edges: Sequence[tuple[str, float, float]]) -> list[float]:
    """Where each bin but the last ends: a value's bin is how many of these it reached."""
    return [high for _label, _low, high in edges[:-1]]


@dataclass(frozen=True)
class CardTallies:
    """The cards' memory counted, as the statistics show it."""

    by_state: dict[CardState, int]
    stability: list[Bin]
    difficulty: list[Bin]
    forecast: list[int]

    @classmethod
    def of(
        cls,
        cards: Sequence[CardSnapshot],
        today: date,
        zone: tzinfo | None = None,
        days: int = FORECAST_DAYS,
    ) -> CardTallies:
        return cls(
            cards_by_state(cards),
            stability_histogram(cards),
            difficulty_histogram(cards),
            forecast_from_cards(cards, today, zone, days),
        )

    @classmethod
    def from_counts(cls, counts: Iterable[tuple[int, int | None, int | None, int | None, int]],
                    days: int = FORECAST_DAYS) -> CardTallies:  # fmt: skip
        """From (state, stability bin, difficulty bin, forecast day, cards) groups; a None
        bin is a card that bin leaves out, a forecast day past `days` one due later."""
        states: Counter[int] = Counter()
        stability = [0] * len(STABILITY_EDGES)
        difficulty = [0] * len(DIFFICULTY_EDGES)
        forecast = [0] * days
        for state, stability_bin, difficulty_bin, day, cards in counts:
            states[state] += cards
            if stability_bin is not None:
                stability[stability_bin] += cards
            if difficulty_bin is not None:
                difficulty[difficulty_bin] += cards
            if day is not None and day < days:
                forecast[day] += cards
        return cls(
            {state: states.get(int(state), 0) for state in CardState},
            _bins(STABILITY_EDGES, stability),
            _bins(DIFFICULTY_EDGES, difficulty),
            forecast,
        )


def _bins(edges: Sequence[tuple[str, float, float]], counts: Sequence[int]) -> list[Bin]:
    return [
        Bin(label, low, high, count)
        for (label, low, high), count in zip(edges, counts, strict=True)
    ]
