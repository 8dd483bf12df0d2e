"""Message boxes that show their text as typed.

QMessageBox's static functions show text that starts with a tag as HTML, and then read
the files it names: a deck called `<img src="/dev/zero">` in a "Delete deck?" box, or an
import of a file named like HTML. These are the same calls with the text kept plain
(ui/safe_text.py says why). Qt is imported when a box is shown: the first window never
needs one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget


def information(parent: QWidget | None, title: str, text: str) -> None:
    _show(parent, "Information", title, text)


def warning(parent: QWidget | None, title: str, text: str) -> None:
    _show(parent, "Warning", title, text)


def critical(parent: QWidget | None, title: str, text: str) -> None:
    _show(parent, "Critical", title, text)


def question(
    parent: QWidget | None,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton,
    default: QMessageBox.StandardButton,
) -> QMessageBox.StandardButton:
    """The button chosen (Escape: the box's escape button, as QMessageBox.question)."""
    return _show(parent, "Question", title, text, buttons, default)


def _show(
    parent: QWidget | None,
    icon: str,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton | None = None,
    default: QMessageBox.StandardButton | None = None,
) -> QMessageBox.StandardButton:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon[icon])
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setStandardButtons(buttons or QMessageBox.StandardButton.Ok)
    if default is not None:
        box.setDefaultButton(default)
    return QMessageBox.StandardButton(box.exec())
