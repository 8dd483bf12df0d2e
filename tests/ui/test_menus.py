"""The menu bar reads in the order its shortcuts do."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from trainer.services.services import Services


def test_the_go_menu_lists_ctrl_1_to_4_in_order(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    from trainer.ui.main_window import MainWindow

    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    rooms = [
        (action.text().replace("&", ""), action.shortcut().toString())
        for action in window.go_menu.actions()
    ]
    assert rooms == [
        ("Decks", "Ctrl+1"),
        ("My stories", "Ctrl+2"),
        ("Browse cards", "Ctrl+3"),
        ("Statistics", "Ctrl+4"),
    ]
