"""The statistics room's card figures (states, stability, difficulty, the due forecast) are
counted in SQLite: the read made a Python tuple per card, 400 ms holding the GIL at 100,000
cards, and the room's pages built meanwhile stalled 100-200 ms waiting for it. The counts
are the same as counting each card in Python, on the bins' edges too."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

import trainer.core.card_statistics as card_statistics
from tests.conftest import START
from trainer.core.card_statistics import CardSnapshot, CardTallies
from trainer.core.cards import NewCard
from trainer.core.model import CardState
from trainer.core.study_days import study_date, study_date_start
from trainer.services.services import Services
from trainer.storage.codecs import from_micros, to_micros

NEW, LEARNING, REVIEW, RELEARNING = (int(state) for state in CardState)


def edge_cases(services: Services) -> list[tuple[int, float | None, float | None, int | None, int]]:
    """(state, stability, difficulty, due in micros, suspended): every edge a bin or a day has."""
    today = study_date(START, services.stats.zone)
    day = [
        to_micros(study_date_start(today + timedelta(days=n), services.stats.zone))
        for n in range(33)
    ]
    return [
        (NEW, None, None, None, 0),
        (NEW, 5.0, 5.0, day[2], 0),  # a new card with memory is still left out
        (LEARNING, 0.2, 1.0, day[0] - 10**9, 0),  # overdue: today
        (REVIEW, 1.0, 2.0, day[1], 0),  # on an edge: the next bin, the next day
        (REVIEW, 0.999, 1.999, day[1] - 1, 0),
        (REVIEW, 3.0, 9.0, day[2] + 1, 1),  # suspended: in the bins, not the forecast
        (RELEARNING, 365.0, 10.0, day[29], 0),
        (REVIEW, 364.9, 9.99, day[30] - 1, 0),  # the forecast's last day
        (REVIEW, 10_000.0, 11.0, day[30], 0),  # past it
        (REVIEW, 0.0, 0.5, day[32], 0),
        (REVIEW, None, None, None, 0),
        (LEARNING, 7.0, 4.5, day[7], 0),
        (REVIEW, 14.0, 3.0, day[14], 1),
        (REVIEW, 29.99, 8.0, day[15] + 7, 0),
        (REVIEW, 90.0, 6.0, day[16], 0),
        (REVIEW, 180.0, 7.0, day[3], 0),
    ]


@pytest.fixture
def cards(services: Services, data_dir: Path) -> list[CardSnapshot]:
    memories = edge_cases(services)
    services.card_edits.add_cards("Counted", [NewCard(f"Q{n}?", "A") for n in range(len(memories))])
    with closing(sqlite3.connect(data_dir / "collection.sqlite3")) as connection, connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM cards ORDER BY id")]
        for card_id, memory in zip(ids[-len(memories) :], memories, strict=True):
            connection.execute(
                "UPDATE cards SET state = ?, stability = ?, difficulty = ?, due = ?, suspended = ?"
                " WHERE id = ?",
                (*memory, card_id),
            )
        rows = connection.execute(
            "SELECT deck_id, state, stability, difficulty, due, suspended FROM cards"
        ).fetchall()
    return [
        CardSnapshot(
            deck,
            state,
            stability,
            difficulty,
            None if due is None else from_micros(due),
            bool(suspended),
        )
        for deck, state, stability, difficulty, due, suspended in rows
    ]


def test_the_card_figures_are_counted_in_sqlite_as_python_counts_them(
    services: Services, cards: list[CardSnapshot], monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[object] = []

    class Counted(CardSnapshot):
        def __new__(cls, *args: object) -> Counted:
            made.append(args)
            return super().__new__(cls, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(card_statistics, "CardSnapshot", Counted)
    report = services.stats.report()
    assert made == []  # before: one per card
    expected = CardTallies.of(cards, study_date(START, services.stats.zone), services.stats.zone)
    assert report.cards_by_state == expected.by_state
    assert report.stability == expected.stability
    assert report.difficulty == expected.difficulty
    assert report.forecast == expected.forecast
    assert sum(expected.forecast) >= 8 and sum(b.count for b in expected.stability) >= 12
