"""The desktop app's Qt side: the QApplication and its look, the window once the collection
is open, the automatic backups while it is open, and the hand-over to a running window.

`trainer/app.py` takes the data folder's lock and opens the services, then hands both here
(`OpenWindow`); nothing here opens, locks or closes the collection.
"""

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
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
        app.setStyle("Fusion")
    else:
        # Fusion is asked for on the command line Qt reads: `app.setStyle` would also make
        # PySide build its QStyle class and enums (8 ms) before the first paint.
        app = QApplication([*(argv or sys.argv[:1]), "-style", "fusion"])
    app.setApplicationName("Keeper")
    app.setApplicationDisplayName("Keeper")
    app.setDesktopFileName("io.github.keeper_trainer.Keeper")  # the icon comes once painted
    apply_theme(app)
    return app


def bring_to_front(window: QWidget) -> None:
    from PySide6.QtCore import Qt

    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def raise_running_window(data_dir: Path) -> bool:
    """True when a Keeper window already open on `data_dir` was asked to come forward."""
    from trainer.ui.single_instance import ask_running_instance_to_raise

    return ask_running_instance_to_raise(data_dir, WINDOW_STARTING_S)


def refuse(title: str, message: str) -> int:
    """Keeper cannot start: say why on stderr and in a dialog; the exit status."""
    from trainer.ui import messages

    print(f"keeper: error: {message}", file=sys.stderr)
    messages.critical(None, title, message)
    return 1


class OpenWindow:
    """The main window over open services, shown, with what runs while it is open."""

    def __init__(self, services: Services, data_dir: Path) -> None:
        from trainer.ui.main_window import MainWindow

        self.window: MainWindow = MainWindow(services, data_dir)
        self._data_dir = data_dir
        self._server: InstanceServer | None = None
        self._backup_timer = QTimer()
        self._backup_timer.setInterval(AUTO_BACKUP_MS)
        self._backup_timer.timeout.connect(lambda: services.backups.auto_backup())
        self._backup_timer.start()
        # Once painted: the integrity check, the icon, the instance server, the rest loaded.
        self.after_paint = AfterFirstPaint(self.window, services, then=self._once_painted)
        self.window.show()

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
        """After the event loop: no more automatic backups, no more hand-overs."""
        self._backup_timer.stop()
        if self._server is not None:
            self._server.close()
