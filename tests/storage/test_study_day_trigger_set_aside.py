"""An imported history is inserted without the review log's study-day trigger (its statement
journal wrote a gigabyte for a big package), the INSERT fills the day itself, and the trigger
is back afterwards, also after a failure."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trainer.core.cards import Memory, Rating, Review
from trainer.core.model import CardId, CardState
from trainer.services.services import Services
from trainer.storage.migrations import STUDY_DAY_TRIGGER, STUDY_DAY_TRIGGER_NAME
from trainer.storage.review_repository import HISTORY_BATCH
from trainer.storage.rows import driver

_MEMORY = Memory(CardState.REVIEW, None, 5.0, 5.0, None, None, 1, 0)
_START = datetime(2026, 3, 1, 1, 30, tzinfo=UTC)
_TRIGGER = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?"


def history(services: Services, count: int) -> list[tuple[CardId, Review]]:
    """Reviews 7 hours apart: every hour of the day, across day and daylight-saving changes."""
    with services.uow() as collection:
        card = collection.cards.all()[0].id
    return [
        (card, Review(card, Rating.GOOD, _START + timedelta(hours=7 * n), 0, _MEMORY, _MEMORY))
        for n in range(count)
    ]


def the_trigger(path: Path) -> list[tuple[str]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(_TRIGGER, (STUDY_DAY_TRIGGER_NAME,)).fetchall()


def test_imported_reviews_get_the_study_days_the_trigger_would_give(
    services: Services, data_dir: Path
) -> None:
    """Each review's day is the local day it was made on, starting at 4 in the morning."""
    reviews = history(services, HISTORY_BATCH + 300)
    with services.uow() as collection:
        collection.reviews.add_history(reviews)
    with closing(sqlite3.connect(data_dir / "collection.sqlite3")) as connection:
        days = [day for (day,) in connection.execute("SELECT study_day FROM reviews ORDER BY id")]
    expected = [
        (review.reviewed_at.astimezone() - timedelta(hours=4)).date().toordinal()
        for _card, review in reviews
    ]
    assert days[-len(reviews) :] == expected


def test_the_history_goes_in_without_the_trigger_and_it_is_back_after(
    services: Services, data_dir: Path
) -> None:
    reviews = history(services, 2 * HISTORY_BATCH)
    seen: list[list[tuple[str]]] = []
    with services.uow() as collection:
        connection = driver(collection.session)

        def look(_done: int) -> None:
            seen.append(connection.execute(_TRIGGER, (STUDY_DAY_TRIGGER_NAME,)).fetchall())

        collection.reviews.add_history(reviews, look)
    assert seen == [[], []]
    assert the_trigger(data_dir / "collection.sqlite3") == [(STUDY_DAY_TRIGGER,)]
    with services.uow() as collection:  # and it still gives a review written without a day one
        card = collection.cards.all()[0].id
        at = datetime(2026, 6, 1, 12, tzinfo=UTC)
        collection.reviews.add(Review(card, Rating.GOOD, at, 0, _MEMORY, _MEMORY))
    with closing(sqlite3.connect(data_dir / "collection.sqlite3")) as connection:
        (day,) = connection.execute("SELECT study_day FROM reviews ORDER BY id DESC").fetchone()
    assert day == (at.astimezone() - timedelta(hours=4)).date().toordinal()


def test_a_failed_history_import_keeps_the_trigger(services: Services, data_dir: Path) -> None:
    reviews = history(services, 2 * HISTORY_BATCH)

    def stop(_done: int) -> None:
        raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError), services.uow() as collection:  # rolled back
        collection.reviews.add_history(reviews, stop)
    assert the_trigger(data_dir / "collection.sqlite3") == [(STUDY_DAY_TRIGGER,)]
    # caught inside the transaction, which then commits
    with services.uow() as collection, pytest.raises(RuntimeError):
        collection.reviews.add_history(reviews, stop)
    assert the_trigger(data_dir / "collection.sqlite3") == [(STUDY_DAY_TRIGGER,)]
