"""Wiring: where data lives, opening the collection, launching the window.

The only module that reads platformdirs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.clock import Clock, system_clock

if TYPE_CHECKING:
    from datetime import tzinfo

    from trainer.services.services import Services

APP_NAME = "Keeper"
DATABASE_FILE = "collection.sqlite3"
BACKUPS_FOLDER = "backups"


def resolve_data_dir(option: str | None = None) -> Path:
    """--data-dir, else $KEEPER_DATA_DIR, else the platform's user data folder for Keeper."""
    chosen = option or os.environ.get("KEEPER_DATA_DIR")
    if chosen:
        return Path(chosen).expanduser().resolve()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def open_services(
    data_dir: Path,
    clock: Clock = system_clock,
    *,
    fuzzing: bool = True,
    defer_check: bool = False,
    zone: tzinfo | None = None,
    may_write: bool = True,
) -> Services:
    """The opened collection with the built-in decks installed or brought up to date.

    `defer_check`: the file's pages are checked later, not now (see `open_database`); the
    app and the command line defer it, so reading never waits for it, and writing always
    does.

    `may_write=False`: for a reader that does not hold the data folder's lock; opening
    raises NeedsSetUp rather than create or migrate the file, and leaves the built-in decks
    as they are.
    """
    from trainer.content.builtin_decks import fingerprint, load_builtin_decks
    from trainer.services.services import Services
    from trainer.storage.database import open_database

    backups_dir = data_dir / BACKUPS_FOLDER
    database = open_database(
        data_dir / DATABASE_FILE,
        backups_dir=backups_dir,
        defer_check=defer_check,
        may_write=may_write,
    )
    services = Services(database, clock, fuzzing=fuzzing, backups_dir=backups_dir, zone=zone)
    try:
        current = fingerprint()
        # A quick read; parse TOML only if not current. A reader beside the writer reads
        # the built-in decks as that writer installed them; a read-only folder as it is.
        writable = may_write and not database.read_only
        if writable and not services.content.is_current(current):
            services.content.install(load_builtin_decks(), current)
    except Exception:
        services.close()
        raise
    return services


def missing_display(environ: Mapping[str, str], platform: str) -> str | None:
    """Why the window cannot open here, or None; Qt itself aborts with a misleading hint.

    Only Linux needs a display server named in the environment; a platform chosen with
    QT_QPA_PLATFORM (offscreen, vnc, eglfs...) needs none.
    """
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "no display: the window needs an X11 or Wayland desktop (DISPLAY and WAYLAND_DISPLAY "
        "are unset); every other command works without one (keeper --help)"
    )


def launch_app(data_dir: Path) -> int:
    reason = missing_display(os.environ, sys.platform)
    if reason is not None:
        print(f"keeper: error: {reason}", file=sys.stderr)
        return 2
    from trainer.ui.application import run_app

    return run_app(data_dir)
