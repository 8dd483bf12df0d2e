"""Qt values and calls for the first screen, without the `Qt` namespace.

PySide6 builds the whole `Qt` namespace (93 Python enums, about 12 ms) the first time any
part of it is touched: a setter taking a `Qt` enum, or a getter returning one. The modules
that build the first screen (application, theme, main window, home view) set these values
through Qt properties and item data, which take numbers, so the window paints without that
cost; `Qt` is loaded when something later needs it. `tests/ui/test_lean_qt.py` checks
every number against its enum, and `tests/ui/test_startup.py` that the first paint does
without `Qt`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton, QWidget

WIDGET_SHORTCUT = 0  # Qt.ShortcutContext.WidgetShortcut
APPLICATION_SHORTCUT = 2  # Qt.ShortcutContext.ApplicationShortcut
WIDGET_WITH_CHILDREN = 3  # Qt.ShortcutContext.WidgetWithChildrenShortcut
CUSTOM_CONTEXT_MENU = 3  # Qt.ContextMenuPolicy.CustomContextMenu

DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
TOOLTIP_ROLE = 3  # Qt.ItemDataRole.ToolTipRole
TEXT_ALIGNMENT_ROLE = 7  # Qt.ItemDataRole.TextAlignmentRole

ALIGN_LEFT_MIDDLE = 0x81  # Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ALIGN_RIGHT_MIDDLE = 0x82  # Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def new_action(
    parent: QObject,
    text: str,
    key: str | None = None,
    slot: Callable[[], object] | None = None,
    *,
    app_wide: bool = False,
) -> QAction:
    """A QAction with its shortcut, set as text (`setShortcut` would load `Qt` to pick its
    overload, and QKeySequence's enums besides). The text is set after construction:
    `QAction(text, parent)` makes PySide weigh the overloads taking an icon, and so build
    QIcon's three enums (1 ms).

    `app_wide`: the shortcut works in any window of Keeper, dialogs included."""
    action = QAction(parent)
    action.setText(text)
    if key:
        action.setProperty("shortcut", key)  # Qt turns the text into a QKeySequence
    if app_wide:
        action.setProperty("shortcutContext", APPLICATION_SHORTCUT)
    if slot is not None:
        action.triggered.connect(slot)
    return action


def new_button(parent: QWidget, text: str) -> QPushButton:
    """A push button made in its parent, its text set after construction: as with
    `new_action`, `QPushButton(text, parent)` makes PySide weigh the icon overload and
    build QIcon with its enums (one of 151 members) before the first paint."""
    button = QPushButton(parent)
    button.setText(text)
    return button
