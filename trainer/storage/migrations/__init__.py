"""Numbered schema migrations. Each step is frozen SQL: never edit a released one, add a new one.

The schema version lives in SQLite's `PRAGMA user_version`; 0 means an empty file. The
steps live in one module per group of versions; this module runs them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from trainer.storage.migrations.card_kinds import to_v7, to_v8, to_v9, to_v10
from trainer.storage.migrations.first_release import has_fts5, to_v1, to_v2
from trainer.storage.migrations.logs_and_ids import (
    LOCAL_STUDY_DAY,
    STUDY_DAY_TRIGGER,
    STUDY_DAY_TRIGGER_NAME,
    to_v3,
    to_v4,
    to_v5,
    to_v6,
)
from trainer.storage.migrations.pending_index import to_v11
from trainer.storage.migrations.prefix_index import to_v12

__all__ = [
    "LOCAL_STUDY_DAY", "MIGRATIONS", "SCHEMA_VERSION", "STUDY_DAY_TRIGGER",
    "STUDY_DAY_TRIGGER_NAME", "has_fts5", "migrate", "schema_version",
]  # fmt: skip

MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    to_v1,
    to_v2,
    to_v3,
    to_v4,
    to_v5,
    to_v6,
    to_v7,
    to_v8,
    to_v9,
    to_v10,
    to_v11,
    to_v12,
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


# (step, steps): step 1..steps is about to run, or is running (called again every
# PROGRESS_EVERY SQLite instructions, so a window can repaint during a long step); 0 while
# the file is checked and backed up first. Only an existing file's upgrade reports it.
MigrationProgress = Callable[[int, int], None]
PROGRESS_EVERY = 2_000_000  # SQLite virtual machine instructions: a few milliseconds


def migrate(connection: sqlite3.Connection, progress: MigrationProgress | None = None) -> list[int]:
    """Bring the file to SCHEMA_VERSION, one transaction per step. Returns the steps run.

    A step interrupted (a crash, a kill) is rolled back by SQLite when the file is next
    opened, and runs again from the version committed before it.

    Foreign keys are off meanwhile: a table rebuilt by dropping it must not cascade the
    drop to the rows that point at it (the rebuild keeps every id, so they still match)."""
    ran = []
    first = schema_version(connection)
    enforced = connection.execute("PRAGMA foreign_keys").fetchone()[0]
    connection.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction
    try:
        for version in range(first, SCHEMA_VERSION):
            if progress is not None:
                _report(connection, progress, version - first + 1, SCHEMA_VERSION - first)
            with connection:  # commits the step and its version number together
                connection.execute("BEGIN IMMEDIATE")
                MIGRATIONS[version](connection)
                connection.execute(f"PRAGMA user_version = {version + 1}")
            ran.append(version + 1)
    finally:
        connection.set_progress_handler(None, 0)
        connection.execute(f"PRAGMA foreign_keys = {int(enforced)}")
    return ran


def _report(
    connection: sqlite3.Connection, progress: MigrationProgress, step: int, steps: int
) -> None:
    """Say the step now, and again while SQLite works through it."""

    def during() -> int:
        progress(step, steps)
        return 0  # go on

    progress(step, steps)
    connection.set_progress_handler(during, PROGRESS_EVERY)
