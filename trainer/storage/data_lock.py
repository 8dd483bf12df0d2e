"""One writer per data folder: an OS file lock, released by the kernel when its process dies.

So a lock left by a killed Keeper is never stale: the next launch simply takes it.
"""

from __future__ import annotations

import os
from pathlib import Path

from filelock import FileLock, Timeout

LOCK_FILE = "keeper.lock"
OWNER_FILE = "keeper.lock.owner"


class FolderInUse(Exception):
    """Another Keeper process is writing to this data folder."""


class DataFolderLock:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._lock = FileLock(str(data_dir / LOCK_FILE), timeout=0)

    def acquire(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire()
        except Timeout:
            owner = self.owner()
            raise FolderInUse(
                f"Keeper is already open on {self.data_dir}"
                + (f" (process {owner})" if owner else "")
                + "; close it first"
            ) from None
        (self.data_dir / OWNER_FILE).write_text(str(os.getpid()))

    def release(self) -> None:
        if self._lock.is_locked:
            (self.data_dir / OWNER_FILE).unlink(missing_ok=True)
            self._lock.release()

    def owner(self) -> str:
        try:
            return (self.data_dir / OWNER_FILE).read_text().strip()
        except OSError:
            return ""

    def __enter__(self) -> DataFolderLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
