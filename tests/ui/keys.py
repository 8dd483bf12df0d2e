"""The main window opened as a person meets it, and keys sent to whatever has focus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trainer.services.services import Services
from trainer.ui.main_window import MainWindow


def open_window(qtbot: QtBot, services: Services, data_dir: Path) -> MainWindow:
    """The window shown, active, with the keyboard focus where it starts."""
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """Send a key to whatever has focus, as a person typing would."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    qtbot.keyClick(target, key, modifier)
