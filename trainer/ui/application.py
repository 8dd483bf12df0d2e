"""Starting the desktop app: the QApplication, the look, the collection and the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from trainer.resources import resource_path
from trainer.ui.theme import apply_theme


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


def run_app(data_dir: Path) -> int:
    from trainer.app import open_services
    from trainer.content.builtin_decks import ContentError
    from trainer.storage.database import DatabaseError
    from trainer.ui.main_window import MainWindow

    app = create_application()
    try:
        services = open_services(data_dir)
    except (DatabaseError, ContentError, OSError) as error:
        QMessageBox.critical(None, "Keeper cannot open your collection", str(error))
        print(f"keeper: error: {error}", file=sys.stderr)
        return 1
    try:
        window = MainWindow(services, data_dir)
        window.show()
        return app.exec()
    finally:
        services.close()
