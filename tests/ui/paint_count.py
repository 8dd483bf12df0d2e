"""Counting a widget's paints, for tests that check work waits for the first one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class PaintCount(QObject):
    """An event filter: install it on a widget and read `count`."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        self.count += event.type() == QEvent.Type.Paint
        return False
