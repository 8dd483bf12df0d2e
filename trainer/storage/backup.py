"""Consistent snapshots of the collection with SQLite's online backup API, and restoring them.

A file copy of a live WAL database can miss committed pages; `Connection.backup` cannot.
Snapshots are named `keeper-YYYYmmdd-HHMMSS-ffffff-REASON.sqlite3`, so names sort by time.

Media: the store only grows and its files are named by their content, so every backup
shares one folder, `backups/media/`, holding each store file once (a hard link where the
file system allows, else a copy). A backup adds only the files new since the last one;
restoring puts back the files the restored cards name (storage/media_backup.py).
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from trainer.storage.integrity import one_line
from trainer.storage.media_backup import restore_media, share_media
from trainer.storage.migrations import SCHEMA_VERSION, migrate, schema_version
from trainer.storage.sqlite_files import open_read_only

_NAME = re.compile(r"^keeper-(\d{8}-\d{6}-\d{6})-([a-z0-9-]+)\.sqlite3$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str

    @property
    def name(self) -> str:
        return self.path.name


class BackupError(Exception):
    """A backup could not be made, found or restored; the message says which and why."""


def snapshot(
    database: Path,
    backups_dir: Path,
    reason: str = "manual",
    now: datetime | None = None,
    media_folder: Path | None = None,
) -> Path:
    """Write a consistent copy of `database` into `backups_dir`, and share the media store's
    new files with the backups; returns the new file."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir / f"keeper-{stamp}-{reason}.sqlite3"
    partial = target.with_suffix(".partial")
    try:
        backups_dir.mkdir(parents=True, exist_ok=True)
        with (
            closing(open_read_only(database)) as source,
            closing(sqlite3.connect(partial)) as destination,
        ):
            source.backup(destination)
            # One self-contained file: read anywhere (even read-only) with nothing beside it.
            destination.execute("PRAGMA journal_mode = DELETE")
        if media_folder is not None:  # first: a backup never names a file not yet kept
            share_media(media_folder, backups_dir)
        partial.replace(target)  # a half-written snapshot never looks like a backup
    except (sqlite3.Error, OSError) as error:
        with suppress(OSError):  # the folder may be a file, or not writable
            partial.unlink(missing_ok=True)
        raise BackupError(f"could not back up {database} into {backups_dir}: {error}") from None
    return target


def list_backups(backups_dir: Path) -> list[Backup]:
    """The backups in the folder, oldest first."""
    found = []
    for path in backups_dir.glob("keeper-*.sqlite3") if backups_dir.is_dir() else ():
        match = _NAME.match(path.name)
        if match:
            taken = datetime.strptime(match[1], "%Y%m%d-%H%M%S-%f").replace(tzinfo=UTC)
            found.append(Backup(path, taken, match[2]))
    return sorted(found, key=lambda backup: backup.taken_at)


def find_backup(backups_dir: Path, name: str) -> Backup:
    """A backup by file name (with or without the extension), or 'latest'."""
    backups = list_backups(backups_dir)
    if not backups:
        raise BackupError(f"there are no backups in {backups_dir}")
    if name == "latest":
        return backups[-1]
    for backup in backups:
        if name in (backup.name, backup.path.stem):
            return backup
    raise BackupError(f"no backup named {name!r} in {backups_dir} (see `keeper backup list`)")


def restore(
    backup: Backup, database: Path, backups_dir: Path, media_folder: Path | None = None
) -> Path | None:
    """Make `database` a copy of `backup`, with the media its cards name put back into
    `media_folder`. The current file is kept first.

    A readable current file is snapshotted like any backup; an unreadable one is moved aside
    whole (never overwritten), so either way nothing is lost. Returns where it was kept.
    """
    _check_backup(backup)
    kept: Path | None = None
    if database.exists():
        try:
            kept = snapshot(database, backups_dir, "before-restore", media_folder=media_folder)
        except BackupError:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            kept = database.with_name(f"{database.name}.damaged-{stamp}")
            database.replace(kept)
            for suffix in ("-wal", "-shm"):
                side = database.with_name(database.name + suffix)
                if side.exists():
                    side.replace(kept.with_name(kept.name + suffix))
    with (
        closing(open_read_only(backup.path)) as source,
        closing(sqlite3.connect(database)) as destination,
    ):
        source.backup(destination)
        migrate(destination)  # a backup from before a schema change: the schema this one uses
        if media_folder is not None:
            restore_media(destination, backups_dir, media_folder)
    return kept


def _check_backup(backup: Backup) -> None:
    try:
        with closing(open_read_only(backup.path)) as connection:
            result = connection.execute("PRAGMA quick_check").fetchone()[0]
            version = schema_version(connection)
    except sqlite3.Error as error:
        raise BackupError(f"backup {backup.name} cannot be read ({error})") from None
    if result != "ok":
        raise BackupError(f"backup {backup.name} is damaged ({one_line(result)}); pick another one")
    if version > SCHEMA_VERSION:
        raise BackupError(
            f"backup {backup.name} was written by a newer Keeper (schema {version}, this one"
            f" knows {SCHEMA_VERSION}); update Keeper to restore it"
        )
