"""One writer per data folder: an OS file lock, released by the kernel when its process dies.

So a lock left by a killed Keeper is never stale: the next launch simply takes it. The lock
is `flock` (POSIX) or `msvcrt.locking` (Windows) on `keeper.lock`, taken without waiting;
two opens of the file conflict even within one process.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

LOCK_FILE = "keeper.lock"
OWNER_FILE = "keeper.lock.owner"


class _FileLock:
    """An exclusive, non-blocking lock on one file (the few lines of `filelock` Keeper used,
    without its import cost at every start)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock; False when another open file holds it."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            if sys.platform == "win32":
                import msvcrt

                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


class FolderInUse(Exception):
    """Another Keeper process is writing to this data folder."""


class DataFolderLock:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._lock = _FileLock(data_dir / LOCK_FILE)

    def acquire(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if not self._lock.acquire():
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
