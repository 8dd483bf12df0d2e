"""Automatic and manual backups of the open collection, thinned by the backup policy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from trainer.storage.backup import Backup, BackupError, list_backups, snapshot
from trainer.storage.backup_policy import backups_to_keep

# A backup and why one failed, as the ui names them: it reaches them through this service.
__all__ = ["AUTOMATIC", "Backup", "BackupError", "BackupService"]

# Snapshots taken for a reason other than the clock are thinned like the rest, but the
# newest one of each kind is always kept, so "before-import" can undo the last import.
AUTOMATIC = "auto"


class BackupService:
    def __init__(
        self,
        database_path: Path,
        backups_dir: Path,
        before_snapshot: Callable[[], None] | None = None,
        media_folder: Path | None = None,
    ) -> None:
        self.database_path = database_path
        self.backups_dir = backups_dir
        self.media_folder = media_folder  # the media store, shared with every backup
        self._before_snapshot = before_snapshot  # raises to refuse (a damaged file)

    def backups(self) -> list[Backup]:
        return list_backups(self.backups_dir)

    def create(self, reason: str = "manual") -> Backup:
        if self._before_snapshot is not None:
            self._before_snapshot()
        path = snapshot(
            self.database_path, self.backups_dir, reason=reason, media_folder=self.media_folder
        )
        self.thin()
        return next(backup for backup in self.backups() if backup.path == path)

    def changed_since_last_backup(self) -> bool:
        """True when the collection (or its write-ahead log) is newer than the newest backup."""
        backups = self.backups()
        if not backups:
            return True
        newest = backups[-1].path.stat().st_mtime
        files = [self.database_path, self.database_path.with_name(self.database_path.name + "-wal")]
        return any(path.exists() and path.stat().st_mtime > newest for path in files)

    def auto_backup(self) -> Backup | None:
        """A snapshot if anything changed since the last one (on close, every 30 minutes)."""
        return self.create(AUTOMATIC) if self.changed_since_last_backup() else None

    def thin(self) -> list[Path]:
        """Delete the backups the policy no longer keeps; returns the deleted files."""
        backups = self.backups()
        keep = backups_to_keep([backup.taken_at for backup in backups])
        newest_by_reason = {backup.reason: index for index, backup in enumerate(backups)}
        keep |= set(newest_by_reason.values())
        removed = []
        for index, backup in enumerate(backups):
            if index not in keep:
                backup.path.unlink(missing_ok=True)
                removed.append(backup.path)
        return removed
