"""The menu bar reads in the order its shortcuts do."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.keys import open_window
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


def test_help_lists_every_menu_shortcut_and_the_room_keys(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from trainer.ui.help_dialogs import ShortcutSheet

    open_window(qtbot, services, data_dir)
    seen: list[list[tuple[str, str]]] = []
    headings: list[list[str]] = []

    def read_and_close() -> None:
        sheet = QApplication.activeModalWidget()
        assert isinstance(sheet, ShortcutSheet)
        table = sheet.table
        seen.append(
            [
                (table.item(r, 0).text(), table.item(r, 1).text())
                for r in range(table.rowCount())
                if table.columnSpan(r, 0) == 1
            ]
        )
        headings.append(
            [table.item(r, 0).text() for r in range(table.rowCount()) if table.columnSpan(r, 0) > 1]
        )
        sheet.reject()

    QTimer.singleShot(0, read_and_close)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Slash, ctrl)
    assert seen, "Ctrl+/ opened no shortcut sheet"
    keys = dict(seen[0])
    for key, does in [
        ("Ctrl+1", "Decks"),
        ("Ctrl+3", "Browse cards"),
        ("Ctrl+Q", "Quit"),
        ("Ctrl+E", "Export"),
        ("Ctrl+Shift+B", "Build cards from a guide"),
        ("1 / 2 / 3 / 4", "Again / Hard / Good / Easy"),
        ("Up / Down, X", "Pick a point of the rubric, tick it"),
    ]:
        assert keys.get(key) == does, (key, keys)
    # one heading per place, the rows of that place under it; no row repeats its place
    assert headings[0][0] == "Anywhere: File menu", headings
    assert {"Decks", "Study", "Spoken card", "Browser", "Stories"} <= set(headings[0])
    assert len(headings[0]) == len(set(headings[0]))
    assert not [cell for row in seen[0] for cell in row if "Anywhere" in cell]


def test_f1_opens_the_user_guide(qtbot: QtBot, services: Services, data_dir: Path) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from trainer.ui.help_dialogs import UserGuide

    open_window(qtbot, services, data_dir)
    texts: list[str] = []

    def read_and_close() -> None:
        guide = QApplication.activeModalWidget()
        assert isinstance(guide, UserGuide)
        texts.append(guide.text.toPlainText())
        guide.reject()

    QTimer.singleShot(0, read_and_close)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F1)
    assert texts and "Space shows the answer" in texts[0]
