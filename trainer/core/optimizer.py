"""Fitting the 21 FSRS-6 parameters to the user's own review log, with fsrs-rs-python.

The log becomes one training item per review done on a later study day than the card's
previous review (what FSRS predicts: recall after a gap of whole days). Log loss and RMSE
are measured before (current parameters) and after (fitted) on that same history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import NamedTuple

import fsrs_rs_python as fsrs_rs

from trainer.core.model import CardState
from trainer.core.study_days import study_date

PARAMETER_COUNT = 21
DEFAULT_PARAMETERS: tuple[float, ...] = tuple(round(w, 4) for w in fsrs_rs.DEFAULT_PARAMETERS)
# Below this many usable reviews the fitted parameters would mostly be noise.
MIN_REVIEWS = 400
# fsrs-rs sums in parallel, so one set of parameters scores a hair differently from run to
# run; a gain smaller than this is noise.
MIN_GAIN = 1e-6


class HistoryEntry(NamedTuple):
    """One grade of one card, as the optimizer needs it."""

    card_id: int
    reviewed_at: datetime
    rating: int
    before_state: int


class NotEnoughHistory(Exception):  # noqa: N818 - reads as the condition it reports
    """Too few usable reviews to fit parameters; says how many more are needed."""

    def __init__(self, usable: int, needed: int = MIN_REVIEWS) -> None:
        self.usable = usable
        self.needed = needed
        super().__init__(
            f"not enough review history to optimize: {self.missing} more usable reviews "
            f"needed ({usable} of {needed} so far; a usable review is one done on a later day "
            "than the card's previous review)"
        )

    @property
    def missing(self) -> int:
        return max(0, self.needed - self.usable)


@dataclass(frozen=True)
class Fit:
    """How well a set of parameters predicts the history (lower is better)."""

    log_loss: float
    rmse: float


@dataclass(frozen=True)
class Optimization:
    parameters: tuple[float, ...]
    before: Fit
    after: Fit
    reviews: int  # usable reviews the fit used

    @property
    def improved(self) -> bool:
        """Lower log loss by more than float noise (the same parameters never improve)."""
        return self.after.log_loss < self.before.log_loss - MIN_GAIN


# Training items ---------------------------------------------------------------------------

Sequence_ = list[tuple[int, int]]  # (rating, days since the previous review) per review


def card_sequences(entries: Iterable[HistoryEntry], zone: tzinfo | None = None) -> list[Sequence_]:
    """Each card's reviews as (rating, day gap), from its first grade as a new card.

    `entries` must be grouped by card and in time order within a card. A card whose log
    does not start from the new state (history kept only in part) is left out, and so is
    one with a rating outside 1-4.
    """
    sequences: list[Sequence_] = []
    current: Sequence_ = []
    card: int | None = None
    last_day: date | None = None
    usable = True
    for entry in entries:
        if entry.card_id != card:
            if card is not None and usable and current:
                sequences.append(current)
            card, current, last_day = entry.card_id, [], None
            usable = entry.before_state == CardState.NEW
        if not usable:
            continue
        if not 1 <= entry.rating <= 4:
            usable = False
            continue
        day = study_date(entry.reviewed_at, zone)
        gap = 0 if last_day is None else max(0, (day - last_day).days)
        current.append((entry.rating, gap))
        last_day = day
    if card is not None and usable and current:
        sequences.append(current)
    return sequences


def usable_reviews(sequences: Iterable[Sequence_]) -> int:
    """Reviews FSRS learns from: those after a gap of at least one day."""
    return sum(1 for sequence in sequences for _rating, gap in sequence[1:] if gap > 0)


def training_items(sequences: Iterable[Sequence_]) -> list[fsrs_rs.FSRSItem]:
    """One item per usable review: the card's history up to and including it."""
    items = []
    for sequence in sequences:
        reviews = [fsrs_rs.FSRSReview(rating, gap) for rating, gap in sequence]
        for index in range(1, len(sequence)):
            if sequence[index][1] > 0:
                items.append(fsrs_rs.FSRSItem(reviews[: index + 1]))
    return items


# Fitting ----------------------------------------------------------------------------------


def evaluate(parameters: Sequence[float], items: Sequence[fsrs_rs.FSRSItem]) -> Fit:
    result = fsrs_rs.FSRS(list(parameters)).evaluate(list(items))
    return Fit(log_loss=float(result.log_loss), rmse=float(result.rmse_bins))


def optimize(
    sequences: Sequence[Sequence_],
    current: Sequence[float] | None = None,
    *,
    min_reviews: int = MIN_REVIEWS,
) -> Optimization:
    """Fit parameters to `sequences`; compare with `current` (default parameters if None).

    Raises NotEnoughHistory below `min_reviews` usable reviews.
    """
    usable = usable_reviews(sequences)
    if usable < max(1, min_reviews):
        raise NotEnoughHistory(usable, min_reviews)
    items = training_items(sequences)
    before_parameters = tuple(current) if current else DEFAULT_PARAMETERS
    fitted = fsrs_rs.FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(items)
    parameters = tidy(fitted)
    return Optimization(
        parameters=parameters,
        before=evaluate(before_parameters, items),
        after=evaluate(parameters, items),
        reviews=usable,
    )


def tidy(parameters: Sequence[float]) -> tuple[float, ...]:
    """21 parameters rounded to 4 decimals (fsrs-rs computes in 32-bit floats)."""
    filled = fsrs_rs.check_and_fill_parameters(list(parameters))
    if len(filled) != PARAMETER_COUNT:
        raise ValueError(f"expected {PARAMETER_COUNT} FSRS parameters, got {len(filled)}")
    return tuple(round(float(w), 4) for w in filled)
