"""One writer per data folder: an OS file lock, released by the kernel when its process dies.

So a lock left by a killed Keeper (even `kill -9`) is never stale: the next writer simply
takes it. The lock is `flock` (POSIX) or `msvcrt.locking` (Windows) on `keeper.lock`; two
opens of the file conflict even within one process. `keeper.lock.owner` names the holder
(process id, then "window" or the command) so a refused writer can say who has the folder;
it is only ever read while the lock is held, so a left-over one misleads nobody.
"""

from __future__ import annotations

import os
import sys
import time
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

                try:
                    msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                except PermissionError:  # EACCES: another process holds the byte
                    os.close(fd)
                    return False
            else:
                import fcntl

                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:  # EWOULDBLOCK: another open file holds it
                    os.close(fd)
                    return False
        except OSError:  # no locking here at all (a network drive): not "in use"
            os.close(fd)
            raise
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
    """Another Keeper process holds this data folder (its window, or a command writing)."""


WINDOW = "window"
WAIT_FOR_COMMAND_S = 10.0  # how long a writer waits for a command (not a window) to finish
_POLL_S = 0.05


class DataFolderLock:
    """The data folder's one writer: the window for as long as it is open, or one command
    (`keeper add`, `import`, `backup restore`...) for as long as it runs.

    `holder` says who takes it ("window", or "keeper import"): a refused writer names it.
    """

    def __init__(self, data_dir: Path, holder: str) -> None:
        self.data_dir = data_dir
        self.holder = holder
        self._lock = _FileLock(data_dir / LOCK_FILE)

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, waiting up to `wait` seconds for a command that holds it (never
        for a window, which is not about to close); FolderInUse says who holds it."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + wait
        while not self._lock.acquire():
            pid, holder = self.owner()
            if holder == WINDOW or time.monotonic() >= deadline:
                raise FolderInUse(_refusal(self.data_dir, pid, holder)) from None
            time.sleep(_POLL_S)
        (self.data_dir / OWNER_FILE).write_text(f"{os.getpid()}\n{self.holder}\n")

    def release(self) -> None:
        if self._lock.is_locked:
            (self.data_dir / OWNER_FILE).unlink(missing_ok=True)
            self._lock.release()

    def owner(self) -> tuple[str, str]:
        """The process id and the holder written by whoever holds the lock ("" if unknown)."""
        try:
            lines = (self.data_dir / OWNER_FILE).read_text().split("\n")
        except OSError:
            return "", ""
        return lines[0].strip(), (lines[1].strip() if len(lines) > 1 else "")

    def __enter__(self) -> DataFolderLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _refusal(data_dir: Path, pid: str, holder: str) -> str:
    process = f" (process {pid})" if pid else ""
    if holder == WINDOW:
        return (
            f"the collection in {data_dir} is open in Keeper's window{process}; "
            "close it or try again"
        )
    if holder:
        return (
            f"the collection in {data_dir} is being changed by `{holder}`{process}; "
            "wait for it to finish or try again"
        )
    return (
        f"the collection in {data_dir} is in use by another Keeper{process}; close it or try again"
    )
