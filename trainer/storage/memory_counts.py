"""The cards' memory counted in SQLite for the statistics: states, stability and difficulty
bins and the due forecast, as `core.card_statistics.CardTallies.of` counts them from one
tuple per card. One scan of the table with the GIL let go; a few hundred groups come back
instead of 100,000 Python tuples (400 ms of Python holding the GIL while the statistics
room was built, at 100,000 cards)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from trainer.core.card_statistics import (
    DIFFICULTY_EDGES,
    STABILITY_EDGES,
    CardTallies,
    bin_highs,
)
from trainer.core.model import CardState
from trainer.storage.codecs import to_micros

_NEW = int(CardState.NEW)


def memory_tallies(
    connection: sqlite3.Connection, forecast_starts: Sequence[datetime]
) -> CardTallies:
    """`forecast_starts`: when each day after today begins (`card_statistics.forecast_starts`)."""
    studied = f"state != {_NEW}"
    stability = _bin(
        "stability", bin_highs(STABILITY_EDGES), f"{studied} AND stability IS NOT NULL"
    )
    difficulty = _bin(
        "difficulty", bin_highs(DIFFICULTY_EDGES), f"{studied} AND difficulty IS NOT NULL"
    )
    starts = [to_micros(start) for start in forecast_starts]
    day = _bin("due", ["?"] * len(starts), f"{studied} AND NOT suspended AND due IS NOT NULL")
    query = (
        f"SELECT state, {stability}, {difficulty}, {day}, count(*) FROM cards GROUP BY 1, 2, 3, 4"
    )
    counts = connection.execute(query, starts).fetchall()
    return CardTallies.from_counts(counts, len(starts))


def _bin(column: str, highs: Sequence[float | str], counted: str) -> str:
    """The bin of `column` (how many of `highs` it reached, as `bisect_right`), NULL for a
    card `counted` leaves out."""
    whens = " ".join(f"WHEN {column} < {high} THEN {n}" for n, high in enumerate(highs))
    return f"CASE WHEN NOT ({counted}) THEN NULL {whens} ELSE {len(highs)} END"
