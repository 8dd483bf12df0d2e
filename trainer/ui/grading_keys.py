"""What the study and rehearse screens share: the grade names and their keyboard shortcuts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from trainer.core.cards import Rating

RATING_LABELS = {
    Rating.AGAIN: "Again",
    Rating.HARD: "Hard",
    Rating.GOOD: "Good",
    Rating.EASY: "Easy",
}


def add_shortcut(
    widget: QWidget, key: QKeySequence | QKeySequence.StandardKey | str, slot: Callable[[], object]
) -> None:
    """A key that works anywhere inside `widget` (its children included)."""
    sequence = key if isinstance(key, QKeySequence) else QKeySequence(key)
    shortcut = QShortcut(sequence, widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)
