"""What a command needs from the outside world, opened only when it asks for it.

One writer at a time (README, "One writer at a time"): a command that writes takes the data
folder's lock before it opens the collection and keeps it until it ends; if the window or
another writing command has the folder, it is refused with one line. A command that only
reads holds the lock only while it opens the collection (which may create, migrate or
bring the built-in decks up to date); if another holds it, it opens without writing and
reads a consistent snapshot beside the writer (refused only if the file needs migrating).
"""

from __future__ import annotations

import errno
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.cli.errors import CliError
from trainer.core.clock import Clock, system_clock

if TYPE_CHECKING:
    from trainer.services.services import Services
    from trainer.storage.data_lock import DataFolderLock
    from trainer.storage.integrity import DatabaseError


class CliContext:
    def __init__(
        self, data_dir_option: str | None, clock: Clock = system_clock, command: str = ""
    ) -> None:
        self._data_dir_option = data_dir_option
        self.clock = clock
        self._command = command
        self._services: Services | None = None
        self._lock: DataFolderLock | None = None

    def data_dir(self) -> Path:
        from trainer.app import resolve_data_dir

        return resolve_data_dir(self._data_dir_option)

    def services(self, *, write: bool = False) -> Services:
        """The opened collection (built-in decks installed); opened once per command.

        `write`: the command changes the collection, so it holds the folder's lock first.
        """
        if write:
            self.hold_writer_lock()
        if self._services is None:
            self._services = self._open()
        return self._services

    def hold_writer_lock(self, doing: str = "") -> None:
        """Take the data folder's lock until the command ends, or refuse in one line.

        `doing`: how a writer refused meanwhile names this one ("backup restore"), if not
        by the command's name."""
        from trainer.storage.data_lock import WAIT_FOR_COMMAND_S, FolderInUse

        if self._lock is None:
            lock = self._folder_lock(doing)
            try:
                lock.acquire(wait=WAIT_FOR_COMMAND_S)
            except FolderInUse as error:
                raise CliError(str(error)) from None
            except OSError as error:
                if _cannot_write(error):
                    raise CliError(
                        f"the collection in {self.data_dir()} is read-only (its folder or "
                        "file cannot be written): nothing was saved"
                    ) from None
                raise CliError(f"cannot lock the data folder {self.data_dir()}: {error}") from None
            self._lock = lock

    def _folder_lock(self, doing: str = "") -> DataFolderLock:
        from trainer.storage.data_lock import DataFolderLock

        return DataFolderLock(self.data_dir(), f"keeper {doing or self._command}".strip())

    def _open(self) -> Services:
        """Opened by the lock's holder; or, if another holds it, read-only as it is."""
        from trainer.storage.data_lock import FolderInUse
        from trainer.storage.database import NeedsSetUp

        try:
            if self._lock is not None:
                services = self._open_services(may_write=True)
                services.search_index.catch_up_if_left(alone=True)
                return services
            setting_up = self._folder_lock()  # held only while opening, for what that writes
            try:
                setting_up.acquire()
            except (FolderInUse, OSError) as busy:  # held by another, or a read-only folder
                try:
                    return self._open_services(may_write=False)
                except NeedsSetUp:
                    if isinstance(busy, FolderInUse):
                        raise CliError(str(busy)) from None
                    if _cannot_write(busy):  # trying to make it says why in one line
                        return self._open_services(may_write=True)
                    raise busy from None
            try:
                services = self._open_services(may_write=True)
            finally:
                setting_up.release()
            # After letting go: a writer started meanwhile is not refused for the catch-up.
            services.search_index.catch_up_if_left(alone=False)
            return services
        except OSError as error:
            raise CliError(f"cannot open the data folder {self.data_dir()}: {error}") from None

    def _open_services(self, *, may_write: bool) -> Services:
        from trainer.app import open_services
        from trainer.content.builtin_decks import ContentError
        from trainer.storage.database import DatabaseError

        try:
            # Pages are checked before the first write, not to read (docs/performance.md).
            services = open_services(
                self.data_dir(),
                self.clock,
                defer_check=True,
                may_write=may_write,
                upgrading=_say_upgrading,
            )
        except (DatabaseError, ContentError) as error:
            raise CliError(str(error)) from None
        return services

    def damage(self) -> DatabaseError | None:
        """Why the opened collection fails its integrity check (run now if it has not run);
        None when it passes or no collection was opened."""
        from trainer.storage.integrity import DamagedDatabase

        found = self._services.database.integrity.wait() if self._services else None
        return found if isinstance(found, DamagedDatabase) else None

    def close(self) -> None:
        try:
            if self._services is not None:
                self._services.close()
                self._services = None
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None


def _say_upgrading(step: int, steps: int) -> None:
    """One line before a file an older Keeper wrote is upgraded (it may take a minute)."""
    if step == 0:
        print(
            f"keeper: upgrading the collection for this version of Keeper ({steps} steps, "
            "done once; a large collection takes a minute)...",
            file=sys.stderr,
            flush=True,
        )


def _cannot_write(error: OSError) -> bool:
    """The folder refuses writes (permissions, a read-only mount), not a failing lock."""
    return isinstance(error, PermissionError) or error.errno == errno.EROFS
