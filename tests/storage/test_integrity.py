"""The integrity check, deferred: reads never wait for it; nothing is written before it passes."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.damage import add_filler, clobber
from trainer.storage.database import DamagedDatabase, open_database
from trainer.storage.integrity import DatabaseError, IntegrityCheck
from trainer.storage.migrations import SCHEMA_VERSION


def collection_with_filler(path: Path) -> None:
    open_database(path).close()
    add_filler(path)


def clobber_filler(path: Path) -> bytes:
    return clobber(path, "filler")


@pytest.fixture
def damaged_file(tmp_path: Path) -> tuple[Path, bytes]:
    path = tmp_path / "c.sqlite3"
    collection_with_filler(path)
    return path, clobber_filler(path)


def test_a_deferred_open_reads_but_refuses_to_write_a_damaged_file(
    damaged_file: tuple[Path, bytes],
) -> None:
    path, damaged_bytes = damaged_file
    database = open_database(path, defer_check=True)  # does not raise: not checked yet
    try:
        with database.reads() as reads:
            assert reads.decks() == []  # the decks table is sound
        with database.transaction() as session:  # a read-only unit of work commits fine
            session.execute(text("SELECT count(*) FROM cards")).scalar()
        refused = pytest.raises(DamagedDatabase, match=r"damaged.*keeper backup restore latest")
        with refused, database.transaction() as session:
            session.execute(text("INSERT INTO settings VALUES ('k', '1')"))
        assert isinstance(database.integrity.failure, DamagedDatabase)
        with pytest.raises(DamagedDatabase), database.transaction() as session:  # every write
            session.execute(text("INSERT INTO settings VALUES ('k', '2')"))
    finally:
        database.close()
    assert path.read_bytes() == damaged_bytes, "the damaged file must not be touched"
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        assert connection.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def test_an_immediate_open_still_refuses_a_damaged_file(damaged_file: tuple[Path, bytes]) -> None:
    path, _ = damaged_file
    with pytest.raises(DamagedDatabase, match="damaged"):
        open_database(path)


def test_the_check_on_a_thread_reports_the_damage(damaged_file: tuple[Path, bytes]) -> None:
    path, _ = damaged_file
    database = open_database(path, defer_check=True)
    outcome: list[DatabaseError | None] = []
    done = threading.Event()
    database.integrity.start(on_done=lambda error: (outcome.append(error), done.set()))
    assert done.wait(30)
    assert isinstance(outcome[0], DamagedDatabase)
    assert "keeper backup restore latest" in str(outcome[0])
    database.close()


def test_a_write_waits_for_a_check_running_on_a_thread_then_commits(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    collection_with_filler(path)
    database = open_database(path, defer_check=True)
    assert not database.integrity.passed
    database.integrity.start()
    with database.transaction() as session:
        session.execute(text("INSERT INTO settings VALUES ('k', '1')"))
    assert database.integrity.passed
    with database.reads() as reads:
        assert reads.settings.get("k") == 1
    database.close()


def test_the_check_runs_once_however_many_ask(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    collection_with_filler(path)
    check = IntegrityCheck(path)
    results = []
    threads = [threading.Thread(target=lambda: results.append(check.wait())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert results == [None] * 4 and check.passed


def test_a_file_to_migrate_is_checked_before_anything_is_written(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    collection_with_filler(path)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    damaged_bytes = clobber_filler(path)
    with pytest.raises(DamagedDatabase, match="damaged"):
        open_database(path, backups_dir=tmp_path / "backups", defer_check=True)
    assert path.read_bytes() == damaged_bytes
    assert not (tmp_path / "backups").exists()


def test_a_change_still_pending_in_the_session_is_refused_too(
    damaged_file: tuple[Path, bytes],
) -> None:
    from datetime import UTC, datetime

    from trainer.storage.collection import Collection

    path, damaged_bytes = damaged_file
    database = open_database(path, defer_check=True)
    with pytest.raises(DamagedDatabase), database.transaction() as session:
        Collection(session, datetime.now(UTC)).settings.set("k", 1)  # flushed only at commit
    database.close()
    assert path.read_bytes() == damaged_bytes
