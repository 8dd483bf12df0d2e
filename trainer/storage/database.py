"""Opening the collection file: checks, migrations (with a snapshot first), the engine.

One `Database` per data folder. Each user action runs in `transaction()`: one SQLAlchemy
session, committed as a whole or not at all. What must be quick to show (the home screen,
`keeper decks`) reads through `reads()`: a plain sqlite3 connection, no SQLAlchemy. The
engine, and SQLAlchemy with it, is made on first use.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer.storage.integrity import (
    SQLITE_MAGIC,
    DamagedDatabase,
    DatabaseError,
    IntegrityCheck,
    check_header,
    damaged,
)
from trainer.storage.migrations import (
    SCHEMA_VERSION,
    MigrationProgress,
    migrate,
    schema_version,
)
from trainer.storage.reads import Reads
from trainer.storage.sqlite_files import engine_url, is_read_only_error, open_read_only

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from trainer.storage.front_order import FrontOrder

__all__ = [
    "SQLITE_MAGIC",
    "DamagedDatabase",
    "Database",
    "DatabaseError",
    "NeedsSetUp",
    "open_database",
]

BUSY_TIMEOUT_S = 5.0  # how long a connection waits for another one's lock before failing

_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    # FULL: a commit survives a power cut, not just a crash. Each grade is one small commit.
    "PRAGMA synchronous = FULL",
    f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}",
)


class NeedsSetUp(Exception):
    """Opening the collection would write to it (create, migrate, or install the built-in
    decks), which only the holder of the data folder's lock may do."""


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    for pragma in _PRAGMAS:
        cursor.execute(pragma)
    cursor.close()
    # Search's match for cards the full-text index does not hold yet (storage/search_index.py)
    dbapi_connection.create_function("keeper_text_found", 5, _text_found, deterministic=True)


def _text_found(value: str, prefix: int, front: str, back: str, tags: str) -> bool:
    from trainer.storage.fts_words import phrase_found  # loaded by a search, not at start

    return phrase_found(value, bool(prefix), front, back, tags)


class Database:
    def __init__(
        self,
        path: Path,
        integrity: IntegrityCheck | None = None,
        *,
        read_only: bool = False,
        immutable: bool = False,
    ) -> None:
        self.path = path
        # A folder Keeper cannot write: every connection only reads (`immutable`: without
        # the shared-memory file SQLite would need to make beside the collection).
        self.read_only = read_only
        self._immutable = immutable
        # Whether the file passed `PRAGMA quick_check`; a write waits for the answer.
        self.integrity = integrity or IntegrityCheck(path, passed=True)
        self._lock = threading.Lock()  # the plain readers' pool: held for moments only
        # Making the engine imports SQLAlchemy (half a second, on a thread after the first
        # paint): under a lock of its own, so plain reads meanwhile never wait for it.
        self._engine_lock = threading.Lock()
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._readers: list[sqlite3.Connection] = []
        self._generation = 0  # bumped when connections are released (a restored file)
        self._front_order: FrontOrder | None = None

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made (and SQLAlchemy imported) on first use."""
        with self._engine_lock:
            if self._engine is None:
                from sqlalchemy import create_engine, event
                from sqlalchemy.orm import sessionmaker

                creator = {"creator": self._open_read_only} if self.read_only else {}
                engine = create_engine(
                    engine_url(self.path), connect_args={"timeout": BUSY_TIMEOUT_S}, **creator
                )
                event.listen(engine, "connect", _configure_connection)
                self._sessions = sessionmaker(engine, expire_on_commit=False)
                self._engine = engine
            return self._engine

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises.

        Nothing is committed before the file has passed its integrity check: a block that
        wrote waits for the check (run on a thread since the app opened, or here now), and
        is rolled back if the file turned out damaged.
        """
        self.engine  # noqa: B018 - makes the session factory
        assert self._sessions is not None
        with self._sessions.begin() as session:
            yield session
            if not self.integrity.passed:
                session.flush()  # what the commit would write, written now (not committed)
                if _wrote(session):
                    self.integrity.require_passed()

    @contextmanager
    def reads(self) -> Iterator[Reads]:
        """Read-only queries on a plain connection, in one read transaction (one snapshot)."""
        with self._lock:
            connection = self._readers.pop() if self._readers else None
            generation = self._generation
        if connection is None:
            connection = self.connect()
        try:
            connection.execute("BEGIN")
            yield Reads(connection)
        finally:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            with self._lock:
                current = generation == self._generation
                if current:
                    self._readers.append(connection)
            if not current:  # opened on the file as it was before a restore
                connection.close()

    @property
    def front_order(self) -> FrontOrder:
        """Every card in front order, kept between searches until something is committed."""
        with self._lock:
            if self._front_order is None:
                from trainer.storage.front_order import FrontOrder

                self._front_order = FrontOrder(self.connect)
            return self._front_order

    def connect(self) -> sqlite3.Connection:
        """A plain connection outside SQLAlchemy (autocommit: transactions are explicit)."""
        if self.read_only:
            connection = self._open_read_only(isolation_level=None)
        else:
            connection = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        _configure_connection(connection, None)
        return connection

    def _open_read_only(self, **options: Any) -> sqlite3.Connection:
        return open_read_only(
            self.path, immutable=self._immutable, check_same_thread=False, **options
        )

    def release_connections(self) -> None:
        """Close every pooled connection: the next action opens the file afresh."""
        with self._lock:
            readers, self._readers = self._readers, []
            self._generation += 1
            engine = self._engine
            front_order, self._front_order = self._front_order, None
        for connection in readers:
            connection.close()
        if front_order is not None:
            front_order.close()
        if engine is not None:
            engine.dispose()

    def close(self) -> None:
        self.release_connections()


def _wrote(session: Session) -> bool:
    """Whether the session's transaction changed anything (sqlite3 begins one on a write)."""
    connection: Any = session.connection().connection.driver_connection
    return bool(connection is not None and connection.in_transaction)


def open_database(
    path: Path,
    backups_dir: Path | None = None,
    *,
    defer_check: bool = False,
    may_write: bool = True,
    upgrading: MigrationProgress | None = None,
) -> Database:
    """Check, migrate and open the collection at `path`, creating it when absent.

    The file's first bytes are always checked. Its pages are checked by `PRAGMA
    quick_check` here, or with `defer_check` later (`Database.integrity`): the app starts
    the check once its window is painted, a command only when it writes. A file that must
    be migrated is checked here either way, before anything is written to it.

    Without `may_write` (a reader beside the folder's writer), a file that would have to be
    created or migrated raises NeedsSetUp instead.

    `upgrading` hears the steps of an existing file's migration (none for a new file), from
    step 0 (the check and the backup before it) on.
    """
    existed = path.exists() and path.stat().st_size > 0
    if not existed and not may_write:
        raise NeedsSetUp(f"{path} does not exist yet")
    path.parent.mkdir(parents=True, exist_ok=True)
    integrity = IntegrityCheck(path, passed=not existed)
    if existed:
        check_header(path)
        if not defer_check:
            integrity.require_passed()
    try:
        with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)) as connection:
            version = schema_version(connection)
            if version > SCHEMA_VERSION:
                raise DatabaseError(
                    f"{path} was written by a newer Keeper (schema {version}, this one knows "
                    f"{SCHEMA_VERSION}); update Keeper to open it"
                )
            if version < SCHEMA_VERSION and not may_write:
                raise NeedsSetUp(f"{path} must be migrated from schema {version}")
            report = upgrading if existed and version < SCHEMA_VERSION else None
            if report is not None:
                report(0, SCHEMA_VERSION - version)
            if version < SCHEMA_VERSION:
                integrity.require_passed()
                if existed and backups_dir is not None:
                    from trainer.storage.backup import snapshot

                    snapshot(path, backups_dir, reason=f"before-migration-v{version}")
            migrate(connection, report)  # nothing to do unless the schema is older
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                if not may_write:
                    raise NeedsSetUp(f"{path} is not in WAL mode yet")
                connection.execute("PRAGMA journal_mode = WAL")  # persistent: set once per file
    except sqlite3.OperationalError as error:
        if not existed:
            raise DatabaseError(
                f"cannot create {path} ({error}); check that the folder can be written"
            ) from None
        if is_read_only_error(error):
            return _open_read_only(path, integrity)
        raise
    # A header that passed, over a damaged file (a damaged schema can garble SQLite's report).
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        raise damaged(path, str(error)) from None
    return Database(path, integrity)


def _open_read_only(path: Path, integrity: IntegrityCheck) -> Database:
    """The collection in a folder Keeper cannot write: read as it is, never migrated.

    SQLite reads a WAL database only beside its shared-memory file; where that cannot be
    made, the file is read as immutable, unless a write-ahead log holds changes it would miss.
    """
    log = path.with_name(path.name + "-wal")
    try:
        with closing(open_read_only(path)) as connection:
            version = schema_version(connection)
        immutable = False
    except sqlite3.OperationalError:
        if log.exists() and log.stat().st_size > 0:
            raise DatabaseError(
                f"cannot read {path}: its folder is read-only and {log.name} beside it holds "
                "changes not yet saved into it; make the folder writable, then run Keeper"
            ) from None
        with closing(open_read_only(path, immutable=True)) as connection:
            version = schema_version(connection)
        immutable = True
    if version != SCHEMA_VERSION:
        raise DatabaseError(
            f"{path} is from another version of Keeper (schema {version}, this one knows "
            f"{SCHEMA_VERSION}) and its folder is read-only, so it cannot be brought up to date"
        )
    return Database(path, integrity, read_only=True, immutable=immutable)
