"""A plain-text field that grows with its text, for forms that scroll as a whole."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QSizePolicy, QWidget


class FieldEdit(QPlainTextEdit):
    """Plain text only, Tab moves on, height follows the wrapped lines (at least `min_lines`).

    Qt's own undo and redo (Ctrl+Z, Ctrl+Shift+Z) work per field.
    """

    def __init__(self, placeholder: str = "", min_lines: int = 2, parent: QWidget | None = None):
        super().__init__(parent)
        self._min_lines = min_lines
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def visual_lines(self) -> int:
        """Lines as wrapped on screen (QPlainTextEdit's layout counts lines, not pixels)."""
        return int(self.document().documentLayout().documentSize().height())

    def _fit(self, *_: object) -> None:
        lines = max(self._min_lines, self.visual_lines())
        chrome = self.height() - self.viewport().height()  # frame, padding, margins
        height = (
            lines * self.fontMetrics().lineSpacing()
            + 2 * self.document().documentMargin()
            + max(chrome, 2 * self.frameWidth())
            + 2
        )
        if self.height() != height:
            self.setFixedHeight(int(height))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(super().sizeHint().width(), self.height())
