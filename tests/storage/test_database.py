"""Opening the collection file: creation, migrations, refusal of damaged or future files."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import inspect

from trainer.storage.database import DamagedDatabase, DatabaseError, open_database
from trainer.storage.migrations import SCHEMA_VERSION, schema_version
from trainer.storage.models import Base
from trainer.storage.types import from_micros, to_micros


def test_a_new_file_is_created_at_the_current_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    open_database(path).close()
    with closing(sqlite3.connect(path)) as connection:
        assert schema_version(connection) == SCHEMA_VERSION
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    """Frozen migration SQL and the ORM models must describe the same tables."""
    database = open_database(tmp_path / "c.sqlite3")
    inspector = inspect(database.engine)
    for table in Base.metadata.sorted_tables:
        columns = {c["name"]: c for c in inspector.get_columns(table.name)}
        assert set(columns) == {c.name for c in table.columns}, table.name
        for column in table.columns:
            assert columns[column.name]["nullable"] == column.nullable, (table.name, column.name)
        indexes = {index["name"] for index in inspector.get_indexes(table.name)}
        assert {index.name for index in table.indexes} <= indexes
    database.close()


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    database = open_database(tmp_path / "c.sqlite3")
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    database.close()


def test_a_file_from_a_newer_keeper_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="newer Keeper"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_text("these are my notes, not a database\n" * 50)
    before = path.read_bytes()
    with pytest.raises(DamagedDatabase, match="not a Keeper collection"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_database_with_overwritten_pages_is_reported_as_damaged(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    database = open_database(path)
    with database.engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE filler (x TEXT)")
        for _ in range(200):
            connection.exec_driver_sql("INSERT INTO filler VALUES (hex(randomblob(200)))")
    database.close()
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 2 + 512] = b"\xff" * 512  # clobber the middle of page 3
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabase, match="damaged"):
        open_database(path)


def test_an_old_file_is_snapshotted_before_it_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")  # a version-0 file with content
        connection.execute("INSERT INTO notes VALUES ('keep me')")
        connection.commit()
    open_database(path, backups_dir=tmp_path / "backups").close()
    snapshots = list((tmp_path / "backups").glob("*before-migration-v0*"))
    assert len(snapshots) == 1
    with closing(sqlite3.connect(snapshots[0])) as connection:
        assert connection.execute("SELECT text FROM notes").fetchall() == [("keep me",)]


def test_utc_datetimes_round_trip_to_the_microsecond() -> None:
    moment = datetime(2026, 3, 10, 10, 0, 1, 123456, tzinfo=UTC)
    assert from_micros(to_micros(moment)) == moment
    assert from_micros(to_micros(moment)).tzinfo is UTC
    other_zone = moment.astimezone(timezone(timedelta(hours=-5)))
    assert from_micros(to_micros(other_zone)) == moment
