"""What a command needs from the outside world, opened only when it asks for it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from trainer.cli.errors import CliError
from trainer.core.clock import Clock, system_clock

if TYPE_CHECKING:
    from trainer.services.services import Services
    from trainer.storage.integrity import DatabaseError


class CliContext:
    def __init__(self, data_dir_option: str | None, clock: Clock = system_clock) -> None:
        self._data_dir_option = data_dir_option
        self.clock = clock
        self._services: Services | None = None

    def data_dir(self) -> Path:
        from trainer.app import resolve_data_dir

        return resolve_data_dir(self._data_dir_option)

    def services(self) -> Services:
        """The opened collection (built-in decks installed); opened once per command."""
        if self._services is None:
            from trainer.app import open_services
            from trainer.content.builtin_decks import ContentError
            from trainer.storage.database import DatabaseError

            try:
                # Pages are checked before the first write, not to read (docs/performance.md).
                self._services = open_services(self.data_dir(), self.clock, defer_check=True)
            except (DatabaseError, ContentError) as error:
                raise CliError(str(error)) from None
            except OSError as error:
                raise CliError(f"cannot open the data folder {self.data_dir()}: {error}") from None
        return self._services

    def damage(self) -> DatabaseError | None:
        """Why the opened collection fails its integrity check (run now if it has not run);
        None when it passes or no collection was opened."""
        from trainer.storage.integrity import DamagedDatabase

        found = self._services.database.integrity.wait() if self._services else None
        return found if isinstance(found, DamagedDatabase) else None

    def close(self) -> None:
        if self._services is not None:
            self._services.close()
            self._services = None
