"""File > Backups: restoring a backup asks first, then puts the collection back as it was."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.keys import open_window
from trainer.services.services import Services
from trainer.services.settings_service import AppSettings
from trainer.ui.backups_dialog import BackupsDialog


def test_restore_asks_then_brings_the_backup_back(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = open_window(qtbot, services, data_dir)
    services.backups.create("manual")
    services.settings.save(AppSettings(theme="dark"))  # a change made after the backup
    asked: list[str] = []

    def answer_yes() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer_yes)
            return
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    dialog = BackupsDialog(services, window)
    qtbot.addWidget(dialog)
    QTimer.singleShot(0, answer_yes)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert asked and "Replace your collection" in asked[0]
    assert dialog.restored
    assert services.settings.load().theme != "dark", "the backup's settings are back"
