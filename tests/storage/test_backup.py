"""Snapshots with the online backup API, the thinning policy, restoring."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trainer.storage.backup import BackupError, find_backup, list_backups, restore, snapshot
from trainer.storage.backup_policy import DAILY, MONTHLY, RECENT, WEEKLY, backups_to_keep
from trainer.storage.database import open_database


def count_rows(path: Path, table: str = "notes") -> int:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def live(tmp_path: Path) -> Path:
    """A WAL database with committed rows still in the write-ahead log (not checkpointed)."""
    path = tmp_path / "collection.sqlite3"
    open_database(path).close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    connection.execute("CREATE TABLE notes (text TEXT)")
    connection.executemany("INSERT INTO notes VALUES (?)", [("n",)] * 50)
    connection.commit()
    yield path
    connection.close()


def test_a_snapshot_of_a_live_wal_database_holds_every_committed_row(
    live: Path, tmp_path: Path
) -> None:
    assert (live.parent / "collection.sqlite3-wal").stat().st_size > 0
    copy = snapshot(live, tmp_path / "backups", reason="manual")
    assert count_rows(copy) == 50
    assert [b.path for b in list_backups(tmp_path / "backups")] == [copy]


def test_latest_and_names_find_backups(live: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    first = snapshot(live, folder, now=datetime(2026, 1, 1, tzinfo=UTC))
    second = snapshot(live, folder, now=datetime(2026, 1, 2, tzinfo=UTC))
    assert find_backup(folder, "latest").path == second
    assert find_backup(folder, first.stem).path == first
    with pytest.raises(BackupError, match="no backup named 'nope'"):
        find_backup(folder, "nope")
    with pytest.raises(BackupError, match="there are no backups"):
        find_backup(tmp_path / "empty", "latest")


def test_restore_keeps_the_current_collection_as_a_backup_first(live: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    snapshot(live, folder)
    with closing(sqlite3.connect(live)) as connection:
        connection.execute("DELETE FROM notes")
        connection.commit()
    kept = restore(find_backup(folder, "latest"), live, folder)
    assert count_rows(live) == 50
    assert kept is not None and count_rows(kept) == 0


def test_restore_over_a_damaged_file_moves_it_aside_untouched(tmp_path: Path) -> None:
    good = tmp_path / "good.sqlite3"
    with closing(sqlite3.connect(good)) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
        connection.execute("INSERT INTO notes VALUES ('x')")
        connection.commit()
    folder = tmp_path / "backups"
    snapshot(good, folder)
    damaged = tmp_path / "collection.sqlite3"
    damaged.write_bytes(b"\x00garbage" * 100)
    kept = restore(find_backup(folder, "latest"), damaged, folder)
    assert count_rows(damaged) == 1
    assert kept is not None and kept.read_bytes() == b"\x00garbage" * 100


def test_a_damaged_backup_is_refused_and_nothing_changes(live: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    bad = snapshot(live, folder)
    bad.write_bytes(b"not a database" * 100)
    with pytest.raises(BackupError, match="cannot be read|damaged"):
        restore(find_backup(folder, "latest"), live, folder)
    assert count_rows(live) == 50


def test_thinning_keeps_recent_daily_weekly_and_monthly_snapshots() -> None:
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    # One snapshot every 30 minutes for two years.
    taken = [now - timedelta(minutes=30 * n) for n in range(2 * 365 * 48)]
    kept = sorted((taken[i] for i in backups_to_keep(taken)), reverse=True)
    assert kept[:RECENT] == taken[:RECENT]
    days = {moment.date() for moment in kept}
    assert len(days) <= RECENT + DAILY + WEEKLY + MONTHLY
    assert {now.date() - timedelta(days=d) for d in range(DAILY)} <= days
    months = {(m.year, m.month) for m in kept}
    assert len(months) == MONTHLY
    assert len(kept) <= RECENT + DAILY + WEEKLY + MONTHLY
    oldest = min(kept)
    assert (oldest.year, oldest.month) == (2026, 3)  # November back to March: 9 months


def test_a_backups_path_that_is_a_file_is_refused_as_a_backup_error(
    live: Path, tmp_path: Path
) -> None:
    """Was: "unexpected NotADirectoryError" from tidying the half-written copy."""
    folder = tmp_path / "backups"
    folder.write_text("not a folder")
    with pytest.raises(BackupError, match="could not back up"):
        snapshot(live, folder)
    assert folder.read_text() == "not a folder"


def test_a_backup_is_one_self_contained_file_and_reading_it_leaves_nothing_beside_it(
    live: Path, tmp_path: Path
) -> None:
    """Backups were WAL files: checking or restoring one left -wal and -shm files beside it,
    and one copied to a read-only place could not be opened."""
    folder = tmp_path / "backups"
    snapshot(live, folder)
    restore(find_backup(folder, "latest"), live, folder)
    assert all(p.name.endswith(".sqlite3") for p in folder.iterdir()), list(folder.iterdir())
    for backup in list_backups(folder):
        with closing(sqlite3.connect(backup.path)) as connection:
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
