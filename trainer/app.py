"""Wiring: where data lives, opening the collection, launching the window.

The only module that reads platformdirs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.clock import Clock, system_clock

if TYPE_CHECKING:
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
) -> Services:
    """The opened collection with the built-in decks installed or brought up to date.

    `defer_check`: the file's pages are checked later, not now (see `open_database`); the
    app and the command line defer it, so reading never waits for it, and writing always
    does.
    """
    from trainer.content.builtin_decks import fingerprint, load_builtin_decks
    from trainer.services.services import Services
    from trainer.storage.database import open_database

    backups_dir = data_dir / BACKUPS_FOLDER
    database = open_database(
        data_dir / DATABASE_FILE, backups_dir=backups_dir, defer_check=defer_check
    )
    services = Services(database, clock, fuzzing=fuzzing, backups_dir=backups_dir)
    try:
        current = fingerprint()
        # A quick read; parse TOML only if not. A read-only folder is read as it is.
        if not database.read_only and not services.content.is_current(current):
            services.content.install(load_builtin_decks(), current)
    except Exception:
        services.close()
        raise
    return services


def launch_app(data_dir: Path) -> int:
    from trainer.ui.application import run_app

    return run_app(data_dir)
