"""Opening the collection file: checks, migrations (with a snapshot first), the engine.

One `Database` per data folder. Each user action runs in `transaction()`: one SQLAlchemy
session, committed as a whole or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from trainer.storage.backup import snapshot
from trainer.storage.migrations import SCHEMA_VERSION, migrate, schema_version

SQLITE_MAGIC = b"SQLite format 3\x00"


class DatabaseError(Exception):
    """The collection cannot be opened; the message says why and what to do."""


class DamagedDatabase(DatabaseError):
    pass


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit survives a power cut, not just a crash. Each grade is one small commit.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine: Engine = create_engine(f"sqlite:///{path}")
        event.listen(self.engine, "connect", _configure_connection)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises."""
        with self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path, backups_dir: Path | None = None) -> Database:
    """Check, migrate and open the collection at `path`, creating it when absent."""
    path.parent.mkdir(parents=True, exist_ok=True)
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        try:
            _check_readable(path)
        except DamagedDatabase as error:
            raise DamagedDatabase(
                f"{error}. The file was left untouched. To go back to your last backup, run "
                "`keeper backup restore latest` (`keeper backup list` shows them all)"
            ) from None
    with closing(sqlite3.connect(path)) as connection:
        version = schema_version(connection)
        if version > SCHEMA_VERSION:
            raise DatabaseError(
                f"{path} was written by a newer Keeper (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); update Keeper to open it"
            )
        if existed and version < SCHEMA_VERSION and backups_dir is not None:
            snapshot(path, backups_dir, reason=f"before-migration-v{version}")
        migrate(connection)
        connection.execute("PRAGMA journal_mode = WAL")  # persistent: set once per file
    return Database(path)


def _check_readable(path: Path) -> None:
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise DamagedDatabase(f"{path} is not a Keeper collection (not an SQLite database)")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            result = connection.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.OperationalError as error:  # I/O, not content: full disk, no permission
        raise DatabaseError(
            f"cannot read {path} ({error}); check that the disk has free space and that "
            "the folder can be written"
        ) from None
    except sqlite3.DatabaseError as error:
        raise DamagedDatabase(f"{path} is damaged ({error})") from None
    if result != "ok":
        raise DamagedDatabase(f"{path} is damaged (integrity check: {result})")
