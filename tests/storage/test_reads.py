"""The plain-sqlite reads the home screen uses: the same answers as the repository's."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tests.content.shipped import installed_builtin_cards
from trainer.core.cards import Memory, Rating, Review
from trainer.core.model import CardState
from trainer.core.study_days import study_date
from trainer.services.services import Services
from trainer.storage.collection import Collection
from trainer.storage.database import open_database

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)


def review(card_id: int, at: datetime) -> Review:
    before = Memory()
    after = Memory(CardState.REVIEW, None, 3.0, 5.0, at + timedelta(days=3), at, 1, 0)
    return Review(card_id, Rating.GOOD, at, 1000, before, after)  # type: ignore[arg-type]


def test_the_study_days_with_a_review_among_those_asked(services: Services) -> None:
    with services.uow() as collection:
        card_id = int(collection.cards.all()[0].id)
        for days, hours in ((0, 1), (0, 2), (1, 0), (3, 5), (3, 6)):
            at = NOW - timedelta(days=days, hours=hours)
            collection.reviews.add(review(card_id, at), study_date(at, UTC))
        # 03:30 on the 6th is still the study day of the 5th (days start at 04:00)
        at = datetime(2026, 3, 6, 3, 30, tzinfo=UTC)
        collection.reviews.add(review(card_id, at), study_date(at, UTC))
    asked = [date(2026, 3, day) for day in range(10, 3, -1)]
    with services.database.reads() as reads:
        studied = reads.reviews.studied_days(asked)
        assert reads.reviews.studied_days([]) == set()
    assert studied == {date(2026, 3, day) for day in (10, 9, 7, 5)}


def test_due_counts_and_decks_match_the_repository(services: Services) -> None:
    with services.uow() as collection:
        assert isinstance(collection, Collection)
        decks = collection.decks.all()
        orm_counts = collection.queue.counts(NOW, NOW + timedelta(hours=12))
    with services.database.reads() as reads:
        assert reads.decks() == decks
        assert reads.queue_counts(NOW, NOW + timedelta(hours=12)) == orm_counts
        assert sum(counts.new for counts in orm_counts.values()) == installed_builtin_cards()


def test_a_connection_in_use_while_the_file_is_replaced_is_not_reused(
    services: Services, tmp_path: Path
) -> None:
    """What restoring a backup does: connections released, the file swapped, then reads."""
    other = tmp_path / "other.sqlite3"
    database = open_database(other)
    with database.transaction() as session:
        Collection(session, NOW).settings.set("k", "restored")
    database.close()
    path = services.database.path
    with services.database.reads() as reads:  # a connection on the file as it is now
        services.database.release_connections()
        for suffix in ("", "-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.replace(tmp_path / f"aside{suffix}")
        shutil.copy(other, path)
        assert reads.settings.get("k") is None  # still the old file, until it is given back
    with services.database.reads() as reads:
        assert reads.settings.get("k") == "restored"


def _steps_of_studied_days(services: Services, asked: list[date]) -> int:
    """SQLite's virtual-machine steps (in hundreds) spent answering studied_days(asked)."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    with services.database.reads() as reads:
        connection = reads.connection
        connection.set_progress_handler(count, 100)
        try:
            reads.reviews.studied_days(asked)
        finally:
            connection.set_progress_handler(None, 0)
    return steps


def test_the_streak_query_does_not_read_every_review_of_a_day(services: Services) -> None:
    """A heavy day (hundreds of reviews) costs the streak's question no more than a light
    one: one seek per day asked, not a walk over each day's reviews (80 ms a question at a
    million reviews, on the home screen's first paint)."""
    asked = [NOW.date() - timedelta(days=back) for back in range(32)]
    with services.uow() as collection:
        card_id = int(collection.cards.all()[0].id)
        for back in range(32):
            at = NOW - timedelta(days=back)
            collection.reviews.add(review(card_id, at), study_date(at, UTC))
    light = _steps_of_studied_days(services, asked)
    with services.uow() as collection:
        for back in range(32):
            for minute in range(1, 60):
                at = NOW - timedelta(days=back, minutes=minute)
                collection.reviews.add(review(card_id, at), study_date(at, UTC))
    heavy = _steps_of_studied_days(services, asked)
    assert heavy <= light + 2  # 60 times the reviews, the same work
