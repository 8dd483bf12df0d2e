"""A big import fills the cards' and the review log's indexes once, at its end: the tables
must end up indexed exactly as before, and a failure, a guid given twice or a hard kill
part-way leaves them as they were (the review log's study-day trigger too, set aside meanwhile)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trainer.core.cards import Memory, Rating, Review
from trainer.core.clock import FixedClock
from trainer.core.model import CardId, CardState
from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck
from trainer.exchange.keeper_file import write_keeper
from trainer.services.exchange_service import ImportCancelled
from trainer.services.services import Services
from trainer.storage.bundle_repository import _DEFERRED
from trainer.storage.migrations import STUDY_DAY_TRIGGER, STUDY_DAY_TRIGGER_NAME
from trainer.storage.review_repository import HISTORY_BATCH

_SCHEMA = "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'reviews' ORDER BY name"
_MEMORY = Memory(CardState.REVIEW, None, 5.0, 5.0, None, None, 1, 0)
_START = datetime(2026, 1, 1, tzinfo=UTC)


def history(services: Services, count: int, guid: Callable[[int], str | None]) -> list[Review]:
    with services.uow() as collection:
        card = collection.cards.all()[0].id
    return [
        Review(card, Rating.GOOD, _START + timedelta(hours=n), 0, _MEMORY, _MEMORY, guid(n))
        for n in range(count)
    ]


def logged(reviews: list[Review]) -> list[tuple[CardId, Review]]:
    return [(review.card_id, review) for review in reviews]


def log_state(path: Path) -> tuple[object, ...]:
    with closing(sqlite3.connect(path)) as connection:
        return (
            connection.execute(_SCHEMA).fetchall(),
            connection.execute("SELECT count(*) FROM reviews").fetchone(),
            connection.execute("PRAGMA integrity_check").fetchone(),
        )


def test_a_big_history_leaves_the_log_indexed_as_before(services: Services, data_dir: Path) -> None:
    database = data_dir / "collection.sqlite3"
    schema, _count, _check = log_state(database)
    reviews = history(services, 2 * HISTORY_BATCH + 7, lambda n: f"mine:{n}" if n % 2 else None)
    with services.uow() as collection:
        collection.reviews.add_history(logged(reviews))
    assert log_state(database) == (schema, (len(reviews),), ("ok",))
    with closing(sqlite3.connect(database)) as connection:
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM reviews WHERE guid = 'mine:3'"
        ).fetchall()
        assert "ix_reviews_guid" in str(plan)
        guids = [row[0] for row in connection.execute("SELECT guid FROM reviews")]
    assert len(set(guids)) == len(reviews)
    assert {guid for guid in guids if guid.startswith("mine:")} == {
        f"mine:{n}" for n in range(1, len(reviews), 2)
    }
    assert all(len(g) == len("review:") + 32 for g in guids if not g.startswith("mine:"))


def test_a_failure_after_the_first_batch_leaves_the_log_as_it_was(
    services: Services, data_dir: Path
) -> None:
    database = data_dir / "collection.sqlite3"
    before = log_state(database)
    reviews = history(services, 2 * HISTORY_BATCH, lambda n: None)

    def stop(_done: int) -> None:
        raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError), services.uow() as collection:
        collection.reviews.add_history(logged(reviews), stop)
    assert log_state(database) == before


def test_a_guid_given_twice_fails_and_changes_nothing(services: Services, data_dir: Path) -> None:
    database = data_dir / "collection.sqlite3"
    before = log_state(database)
    reviews = history(services, 300, lambda n: "twice" if n in (10, 250) else None)
    with pytest.raises(sqlite3.IntegrityError), services.uow() as collection:
        collection.reviews.add_history(logged(reviews))
    assert log_state(database) == before


WORKER = """
import os, signal, sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from trainer.app import open_services
from trainer.core.cards import Memory, Rating, Review
from trainer.core.clock import FixedClock
from trainer.core.model import CardId, CardState
from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck
from trainer.exchange.keeper_file import write_keeper
from trainer.services.exchange_service import ImportCancelled

services = open_services(Path(sys.argv[1]))
memory = Memory(CardState.REVIEW, None, 5.0, 5.0, None, None, 1, 0)
start = datetime(2026, 1, 1, tzinfo=UTC)
with services.uow() as collection:
    card = collection.cards.all()[0].id
    reviews = [(card, Review(card, Rating.GOOD, start + timedelta(hours=n), 0, memory, memory))
               for n in range(12_000)]
    print("ready", flush=True)
    collection.reviews.add_history(reviews, lambda done: os.kill(os.getpid(), signal.SIGKILL))
"""


def test_a_hard_kill_mid_history_leaves_the_log_as_it_was(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    made = subprocess.run(
        [sys.executable, "-c", "import sys; from pathlib import Path; from trainer.app import "
         "open_services; open_services(Path(sys.argv[1])).close()", str(data_dir)],
        check=True,
    )  # fmt: skip
    assert made.returncode == 0
    before = log_state(data_dir / "collection.sqlite3")
    worker = subprocess.run(
        [sys.executable, "-c", WORKER, str(data_dir)], capture_output=True, text=True, timeout=120
    )
    assert worker.returncode == -signal.SIGKILL and "ready" in worker.stdout
    assert log_state(data_dir / "collection.sqlite3") == before
    assert ("trigger", STUDY_DAY_TRIGGER_NAME, STUDY_DAY_TRIGGER) in before[0]  # set aside, back


def whole_schema(path: Path) -> list[tuple[str, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return connection.execute(
            "SELECT type, name, sql FROM sqlite_master ORDER BY name"
        ).fetchall()


def many_cards(path: Path, clock: FixedClock, count: int) -> Path:
    deck = BundleDeck("deck:many", "Many")
    cards = tuple(BundleCard(f"c{n}", deck.guid, f"Front {n}", "back") for n in range(count))
    write_keeper(path, Bundle(decks=(deck,), cards=cards), clock())
    return path


def test_a_big_card_import_leaves_the_cards_indexed_as_before(
    tmp_path: Path, services: Services, data_dir: Path, clock: FixedClock
) -> None:
    schema = whole_schema(data_dir / "collection.sqlite3")
    report = services.exchange.import_file(many_cards(tmp_path / "many.keeper", clock, 6_000))
    assert report.added == 6_000
    assert whole_schema(data_dir / "collection.sqlite3") == schema
    names = {row.name: row.cards for row in services.study.overview()}
    assert names["Many"] == 6_000


def test_the_new_cards_are_listed_for_the_search_index_from_an_index(
    tmp_path: Path, services: Services, data_dir: Path, clock: FixedClock
) -> None:
    """After a big import the search index's pending list names every new card, read from
    an index: a scan of the cards' own pages reads all their text back (152 MB at 37,000
    long cards, through the write-ahead log)."""
    report = services.exchange.import_file(many_cards(tmp_path / "many.keeper", clock, 6_000))
    with closing(sqlite3.connect(data_dir / "collection.sqlite3")) as connection:
        listed = connection.execute(
            "SELECT count(*) FROM card_text_pending JOIN cards ON cards.id = card_id"
            " WHERE cards.guid LIKE 'c%'"
        ).fetchone()
        listing = next(t.bulk for t in _DEFERRED if t.name == "card_text_insert")
        plan = connection.execute(f"EXPLAIN QUERY PLAN {listing}", {"after": 0}).fetchall()
    assert report.added == listed[0] == 6_000
    assert "COVERING INDEX" in str(plan), plan


def test_a_cancelled_card_import_leaves_the_cards_indexed_as_before(
    tmp_path: Path, services: Services, data_dir: Path, clock: FixedClock
) -> None:
    schema = whole_schema(data_dir / "collection.sqlite3")
    path = many_cards(tmp_path / "many.keeper", clock, 12_000)
    seen: list[int] = []
    with pytest.raises(ImportCancelled):
        services.exchange.import_file(
            path, progress=lambda done, _total: seen.append(done), cancel=lambda: bool(seen[1:])
        )
    assert whole_schema(data_dir / "collection.sqlite3") == schema
