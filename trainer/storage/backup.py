"""Consistent snapshots of the collection with SQLite's online backup API.

A file copy of a live WAL database can miss committed pages; `Connection.backup` cannot.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path


def snapshot(database: Path, backups_dir: Path, reason: str = "manual") -> Path:
    """Write a consistent copy of `database` into `backups_dir`; returns the new file."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir / f"keeper-{stamp}-{reason}.sqlite3"
    with (
        closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as source,
        closing(sqlite3.connect(target)) as destination,
    ):
        source.backup(destination)
    return target
