"""The end of a session takes an explicit key to leave: keys pressed out of habit after the
last card (Space, 1-4) neither start a new session nor grade anything."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trainer.services.services import Services
from trainer.ui.main_window import MainWindow


def press(qtbot: QtBot, key: Qt.Key) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    qtbot.keyClick(target, key)


def finish_the_checklist(qtbot: QtBot, services: Services, data_dir: Path) -> MainWindow:
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    checklist = next(i for i in range(4) if "checklist" in window.home.model.deck_at(i).name)
    window.home.table.selectRow(checklist)
    window.home.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    while window.rooms.currentWidget() is window.study:
        press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_4)
    assert window.rooms.currentWidget() is window.summary
    return window


def test_space_twice_and_digits_after_the_summary_start_nothing(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = finish_the_checklist(qtbot, services, data_dir)
    reviews = services.stats.collection_stats().reviews
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Space, Qt.Key.Key_3, Qt.Key.Key_1, Qt.Key.Key_Space):
        press(qtbot, key)
    assert window.rooms.currentWidget() is window.summary
    assert services.stats.collection_stats().reviews == reviews


def test_enter_or_escape_leaves_the_summary_for_the_decks(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = finish_the_checklist(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_Escape)
    assert window.rooms.currentWidget() is window.home


def test_the_summary_counts_each_grade(qtbot: QtBot, services: Services, data_dir: Path) -> None:
    window = finish_the_checklist(qtbot, services, data_dir)  # every card graded Easy
    studied = int(window.summary.studied.text().split(": ")[1])
    assert window.summary.grades.text() == f"Again 0 · Hard 0 · Good 0 · Easy {studied}"
