"""The first screen's Qt numbers and actions (see trainer/ui/lean_qt.py) mean what they say."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from trainer.ui import lean_qt


def test_every_number_is_the_value_of_the_qt_enum_it_stands_for() -> None:
    assert Qt.ShortcutContext.WidgetShortcut.value == lean_qt.WIDGET_SHORTCUT
    assert Qt.ShortcutContext.ApplicationShortcut.value == lean_qt.APPLICATION_SHORTCUT
    assert Qt.ContextMenuPolicy.CustomContextMenu.value == lean_qt.CUSTOM_CONTEXT_MENU
    assert Qt.ItemDataRole.DisplayRole.value == lean_qt.DISPLAY_ROLE
    assert Qt.ItemDataRole.ToolTipRole.value == lean_qt.TOOLTIP_ROLE
    assert Qt.ItemDataRole.TextAlignmentRole.value == lean_qt.TEXT_ALIGNMENT_ROLE
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert (left.value, right.value) == (lean_qt.ALIGN_LEFT_MIDDLE, lean_qt.ALIGN_RIGHT_MIDDLE)


def test_an_action_gets_its_shortcut_its_context_and_its_slot(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    triggered: list[str] = []
    quit_action = lean_qt.new_action(
        window, "&Quit", "Ctrl+Q", lambda: triggered.append("quit"), app_wide=True
    )
    plain = lean_qt.new_action(window, "&Decks", "Ctrl+1")
    assert quit_action.shortcut().toString() == "Ctrl+Q"
    assert quit_action.shortcutContext() == Qt.ShortcutContext.ApplicationShortcut
    assert plain.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    quit_action.trigger()
    assert triggered == ["quit"]
