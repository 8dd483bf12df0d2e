"""What a command needs from the outside world, opened only when it asks for it.

One writer at a time (README, "One writer at a time"): a command that writes takes the data
folder's lock before it opens the collection and keeps it until it ends; if the window or
another writing command has the folder, it is refused with one line. A command that only
reads takes no lock and reads a consistent snapshot beside the writer, unless opening would
write (a new, older or out-of-date collection): then it needs the lock just for that.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from trainer.cli.errors import CliError
from trainer.core.clock import Clock, system_clock

if TYPE_CHECKING:
    from trainer.services.services import Services
    from trainer.storage.data_lock import DataFolderLock


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

    def hold_writer_lock(self) -> None:
        """Take the data folder's lock until the command ends, or refuse in one line."""
        if self._lock is None:
            self._lock = self._take_lock()

    def _take_lock(self) -> DataFolderLock:
        from trainer.storage.data_lock import WAIT_FOR_COMMAND_S, DataFolderLock, FolderInUse

        lock = DataFolderLock(self.data_dir(), holder=f"keeper {self._command}".strip())
        try:
            lock.acquire(wait=WAIT_FOR_COMMAND_S)
        except FolderInUse as error:
            raise CliError(str(error)) from None
        except OSError as error:
            raise CliError(f"cannot lock the data folder {self.data_dir()}: {error}") from None
        return lock

    def _open(self) -> Services:
        from trainer.app import open_services
        from trainer.content.builtin_decks import ContentError
        from trainer.storage.database import DatabaseError, NeedsSetUp

        try:
            # Pages are checked before the first write, not to read (docs/performance.md).
            if self._lock is not None:
                return open_services(self.data_dir(), self.clock, defer_check=True)
            try:
                return open_services(self.data_dir(), self.clock, defer_check=True, may_write=False)
            except NeedsSetUp:
                lock = self._take_lock()
                try:
                    return open_services(self.data_dir(), self.clock, defer_check=True)
                finally:
                    lock.release()
        except (DatabaseError, ContentError) as error:
            raise CliError(str(error)) from None
        except OSError as error:
            raise CliError(f"cannot open the data folder {self.data_dir()}: {error}") from None

    def close(self) -> None:
        try:
            if self._services is not None:
                self._services.close()
                self._services = None
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None
