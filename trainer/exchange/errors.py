"""The one error every importer and exporter raises: a file and the reason, in one line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


class ExchangeError(Exception):
    """A file Keeper refuses to read or cannot write. `str()` is `<file>: <reason>`."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


Cancel = Callable[[], bool]  # asked between chunks of work; True stops the reading


class ImportCancelled(Exception):
    """The user cancelled; nothing was changed (a transaction under way is rolled back)."""


def check_cancel(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise ImportCancelled("import cancelled; nothing was changed")
