"""Starting the desktop app: one instance per data folder, the look, the collection, backups."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from trainer.resources import resource_path
from trainer.services.services import Services
from trainer.ui.theme import apply_theme

AUTO_BACKUP_MS = 30 * 60 * 1000  # every 30 minutes while open, when something changed


def app_icon() -> QIcon:
    icon = QIcon()
    for png in sorted(resource_path("icons").glob("**/*.png")):
        icon.addFile(str(png))
    return icon


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Keeper")
    app.setApplicationDisplayName("Keeper")
    app.setDesktopFileName("io.github.keeper_trainer.Keeper")
    app.setWindowIcon(app_icon())
    apply_theme(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def bring_to_front(window: QWidget) -> None:
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def _refuse(title: str, message: str) -> int:
    print(f"keeper: error: {message}", file=sys.stderr)
    QMessageBox.critical(None, title, message)
    return 1


def run_app(data_dir: Path) -> int:
    from trainer.app import open_services
    from trainer.content.builtin_decks import ContentError
    from trainer.storage.data_lock import DataFolderLock, FolderInUse
    from trainer.storage.database import DatabaseError
    from trainer.ui.main_window import MainWindow
    from trainer.ui.single_instance import InstanceServer, ask_running_instance_to_raise

    app = create_application()
    if ask_running_instance_to_raise(data_dir):
        print(f"Keeper is already open on {data_dir}; brought its window to the front.")
        return 0
    lock = DataFolderLock(data_dir)
    try:
        lock.acquire()
    except (FolderInUse, OSError) as error:
        return _refuse("Keeper is already open", str(error))
    try:
        try:
            services = open_services(data_dir)
        except (DatabaseError, ContentError, OSError) as error:
            return _refuse("Keeper cannot open your collection", str(error))
        window = MainWindow(services, data_dir)
        server = InstanceServer(data_dir, lambda: bring_to_front(window))
        backup_timer = QTimer(interval=AUTO_BACKUP_MS, timeout=services.backups.auto_backup)
        backup_timer.start()
        window.show()
        try:
            return app.exec()
        finally:
            backup_timer.stop()
            server.close()
            _backup_on_close(services)
            services.close()
    finally:
        lock.release()


def _backup_on_close(services: Services) -> None:
    from trainer.storage.backup import BackupError

    try:
        services.backups.auto_backup()
    except BackupError as error:
        print(f"keeper: warning: {error}", file=sys.stderr)
