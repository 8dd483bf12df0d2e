"""Where Keeper's file dialogs open: the folder last used (for this run), else your home.

Without a folder Qt opens the one Keeper was started from, which for a desktop entry is
often `/` or the bundle's own folder.
"""

from __future__ import annotations

from pathlib import Path

_last_folder: list[Path] = []  # one entry once a file was chosen


def start_folder() -> str:
    """The folder a file dialog should open in."""
    if _last_folder and _last_folder[0].is_dir():
        return str(_last_folder[0])
    return str(Path.home())


def remember(chosen: str) -> None:
    """Note the folder of a file the user picked (nothing when the dialog was cancelled)."""
    if chosen:
        _last_folder[:] = [Path(chosen).parent]


def start_path(file_name: str) -> str:
    """A suggested file name inside the start folder, for save dialogs."""
    return str(Path(start_folder()) / file_name)
