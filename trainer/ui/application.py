"""Starting the desktop app: one instance per data folder, the look, the collection, backups."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from trainer.resources import resource_path
from trainer.ui.after_start import AfterFirstPaint
from trainer.ui.theme import apply_theme

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from trainer.services.services import Services
    from trainer.storage.data_lock import DataFolderLock
    from trainer.ui.main_window import MainWindow
    from trainer.ui.single_instance import InstanceServer

AUTO_BACKUP_MS = 30 * 60 * 1000  # every 30 minutes while open, when something changed
WINDOW_STARTING_S = 10.0  # how long a second launch waits for the first window to listen


def app_icon() -> QIcon:
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for png in sorted(resource_path("icons").glob("**/*.png")):
        icon.addFile(str(png))
    return icon


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        # Fusion is asked for on the command line Qt reads: `app.setStyle` would also make
        # PySide build its QStyle class and enums (8 ms) before the first paint.
        app = QApplication([*(argv or sys.argv[:1]), "-style", "fusion"])
    else:
        app.setStyle("Fusion")
    app.setApplicationName("Keeper")
    app.setApplicationDisplayName("Keeper")
    app.setDesktopFileName("io.github.keeper_trainer.Keeper")  # the icon comes once painted
    apply_theme(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def bring_to_front(window: QWidget) -> None:
    from PySide6.QtCore import Qt

    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def _refuse(title: str, message: str) -> int:
    from trainer.ui import messages

    print(f"keeper: error: {message}", file=sys.stderr)
    messages.critical(None, title, message)
    return 1


class OpenApp:
    """The app after start-up: its window shown, the collection open and locked."""

    def __init__(
        self, window: MainWindow, services: Services, lock: DataFolderLock, data_dir: Path
    ) -> None:
        self.window = window
        self.services = services
        self._lock = lock
        self._data_dir = data_dir
        self._server: InstanceServer | None = None
        self._backup_timer = QTimer(
            interval=AUTO_BACKUP_MS, timeout=lambda: services.backups.auto_backup()
        )
        self._backup_timer.start()
        # Once painted: the integrity check, the icon, the instance server, the rest loaded.
        self.after_paint = AfterFirstPaint(window, services, then=self._once_painted)

    def _once_painted(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setWindowIcon(app_icon())  # 3 ms of PNG files that the first paint can do without
        self.listen_for_launches()

    def listen_for_launches(self) -> None:
        """A later `keeper` on this folder raises this window instead of starting."""
        from trainer.ui.single_instance import InstanceServer

        if self._server is None:
            self._server = InstanceServer(self._data_dir, lambda: bring_to_front(self.window))

    def close(self) -> None:
        """After the event loop: a last backup, then the collection closed and unlocked."""
        try:
            self._backup_timer.stop()
            if self._server is not None:
                self._server.close()
            _backup_on_close(self.services)
            self.services.close()
        finally:
            self._lock.release()


def start_app(app: QApplication, data_dir: Path) -> OpenApp | int:
    """Everything `run_app` does before the event loop: the window is shown on return.

    Returns an exit status instead when Keeper should not start (already open, unreadable).
    The folder lock comes first: only when it is taken does Keeper ask the running instance
    to come to the front (and import what that takes).
    """
    from trainer.app import open_services
    from trainer.content.builtin_decks import ContentError
    from trainer.storage.data_lock import WAIT_FOR_COMMAND_S, WINDOW, DataFolderLock, FolderInUse
    from trainer.storage.database import DatabaseError
    from trainer.ui.main_window import MainWindow

    lock = DataFolderLock(data_dir, holder=WINDOW)
    try:
        lock.acquire(wait=WAIT_FOR_COMMAND_S)  # a moment for a command, none for a window
    except FolderInUse as error:
        from trainer.ui.single_instance import ask_running_instance_to_raise

        held_by_window = lock.owner()[1] == WINDOW  # a command is not asked to show a window
        if held_by_window and ask_running_instance_to_raise(data_dir, WINDOW_STARTING_S):
            print(f"Keeper is already open on {data_dir}; brought its window to the front.")
            return 0
        return _refuse("Keeper cannot open your collection now", str(error))
    except OSError as error:
        return _refuse("Keeper cannot lock your data folder", str(error))
    try:
        services = open_services(data_dir, defer_check=True)  # checked once painted
    except (DatabaseError, ContentError, OSError) as error:
        lock.release()
        return _refuse("Keeper cannot open your collection", str(error))
    except BaseException:
        lock.release()
        raise
    try:
        window = MainWindow(services, data_dir)
        opened = OpenApp(window, services, lock, data_dir)
        window.show()
    except BaseException:
        services.close()
        lock.release()
        raise
    return opened


def run_app(data_dir: Path) -> int:
    app = create_application()
    opened = start_app(app, data_dir)
    if isinstance(opened, int):
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
