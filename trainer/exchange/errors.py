"""The one error every importer and exporter raises: a file and the reason, in one line."""

from __future__ import annotations

from pathlib import Path


class ExchangeError(Exception):
    """A file Keeper refuses to read or cannot write. `str()` is `<file>: <reason>`."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason
