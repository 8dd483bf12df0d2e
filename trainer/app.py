"""Wiring: where data lives, opening the collection, launching the window over it.

The only module that reads platformdirs. The window's start: this module takes the data
folder's lock and opens the services, then hands both to the ui (`trainer.ui.application`),
which never opens, locks or closes the collection itself.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.clock import Clock, system_clock

if TYPE_CHECKING:
    from datetime import tzinfo

    from trainer.services.services import Services
    from trainer.storage.data_lock import DataFolderLock
    from trainer.storage.migrations import MigrationProgress
    from trainer.ui.application import OpenWindow
    from trainer.ui.upgrade_progress import UpgradeProgress

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


def kept_code_dir() -> Path:
    """Where what PySide6 compiles at every start is kept compiled (`trainer.kept_code`)."""
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "code"


def open_services(
    data_dir: Path,
    clock: Clock = system_clock,
    *,
    fuzzing: bool = True,
    defer_check: bool = False,
    zone: tzinfo | None = None,
    may_write: bool = True,
    upgrading: MigrationProgress | None = None,
) -> Services:
    """The opened collection with the built-in decks installed or brought up to date.

    `defer_check`: the file's pages are checked later, not now (see `open_database`); the
    app and the command line defer it, so reading never waits for it, and writing always
    does.

    `may_write=False`: for a reader that does not hold the data folder's lock; opening
    raises NeedsSetUp rather than create or migrate the file, and leaves the built-in decks
    as they are.

    `upgrading` hears the steps of the upgrade of a file an older Keeper wrote
    (`storage.migrations.MigrationProgress`); nothing for a current file.
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
        upgrading=upgrading,
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


class OpenApp:
    """Keeper's window open over the locked, open collection; `close` undoes each part."""

    def __init__(self, opened: OpenWindow, services: Services, lock: DataFolderLock) -> None:
        self.opened = opened
        self.window = opened.window
        self.services = services
        self._lock = lock

    def close(self) -> None:
        """After the event loop: a last backup, then the collection closed and unlocked."""
        try:
            self.opened.close()
            _backup_on_close(self.services)
            self.services.close()
        finally:
            self._lock.release()


def start_app(data_dir: Path) -> OpenApp | int:
    """Everything `launch_app` does before the event loop (the QApplication exists): the
    data folder locked, the services open, the window shown on return.

    Returns an exit status instead when Keeper should not start (already open, unreadable).
    The folder lock comes first: only when it is taken does Keeper ask the running instance
    to come to the front (and import what that takes).
    """
    from trainer.content.builtin_decks import ContentError
    from trainer.storage.data_lock import WAIT_FOR_COMMAND_S, WINDOW, DataFolderLock, FolderInUse
    from trainer.storage.database import DatabaseError
    from trainer.ui.application import OpenWindow, raise_running_window, refuse

    lock = DataFolderLock(data_dir, holder=WINDOW)
    try:
        lock.acquire(wait=WAIT_FOR_COMMAND_S)  # a moment for a command, none for a window
    except FolderInUse as error:
        held_by_window = lock.owner()[1] == WINDOW  # a command is not asked to show a window
        if held_by_window and raise_running_window(data_dir):
            print(f"Keeper is already open on {data_dir}; brought its window to the front.")
            return 0
        return refuse("Keeper cannot open your collection now", str(error))
    except OSError as error:
        return refuse("Keeper cannot lock your data folder", str(error))
    upgrade = UpgradeWindow()
    try:
        # checked once painted
        services = open_services(data_dir, defer_check=True, upgrading=upgrade)
    except (DatabaseError, ContentError, OSError) as error:
        lock.release()
        return refuse("Keeper cannot open your collection", str(error))
    except BaseException:
        lock.release()
        raise
    finally:
        upgrade.close()
    try:
        return OpenApp(OpenWindow(services, data_dir), services, lock)
    except BaseException:
        services.close()
        lock.release()
        raise


class UpgradeWindow:
    """The window that counts the steps while a file an older Keeper wrote is upgraded; its
    Qt module is imported only for such a file (the first paint of a current one never
    waits for it)."""

    def __init__(self) -> None:
        self._window: UpgradeProgress | None = None

    def __call__(self, step: int, steps: int) -> None:
        if self._window is None:
            from trainer.ui.upgrade_progress import UpgradeProgress

            self._window = UpgradeProgress()
        self._window.show_step(step, steps)

    def close(self) -> None:
        if self._window is not None:
            self._window.close()
            self._window = None


def launch_app(data_dir: Path) -> int:
    """`keeper` with no command: the window, until it is closed."""
    reason = missing_display(os.environ, sys.platform)
    if reason is not None:
        print(f"keeper: error: {reason}", file=sys.stderr)
        return 2
    # No collector walks until the window has painted (AfterFirstPaint turns it back on):
    # start-up makes objects that live as long as Keeper, and walking them took 15-20 ms.
    gc.disable()
    from trainer.kept_code import keeping_compiled_code

    with keeping_compiled_code(kept_code_dir()):  # PySide6 compiles its support code here
        from trainer.ui.application import create_application

    app = create_application()
    opened = start_app(data_dir)
    if isinstance(opened, int):
        gc.enable()
        return opened
    try:
        return app.exec()
    finally:
        opened.close()


def _backup_on_close(services: Services) -> None:
    from trainer.storage.backup import BackupError
    from trainer.storage.integrity import DatabaseError

    if services.database.integrity.failure is not None:
        return  # a damaged file is never backed up (thinning could drop a good backup)
    try:
        services.backups.auto_backup()
    except (BackupError, DatabaseError) as error:
        print(f"keeper: warning: {error}", file=sys.stderr)
