"""A row of widgets that wraps onto more lines when its width cannot hold them whole.

Qt's box layouts squeeze buttons into fragments in a narrow window; this keeps each widget
at its size hint and moves the ones that do not fit to the next line.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QWidget


class WrapRow(QWidget):
    """Given its widgets made, or made in it (`parent=row`) and then `hold`: a widget moved
    into another is styled again under the app's style sheet."""

    def __init__(
        self, widgets: Sequence[QWidget] = (), spacing: int = 6, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(spacing)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.hold(widgets)

    def hold(self, widgets: Sequence[QWidget]) -> None:
        self._widgets = list(widgets)
        self._columns = 0
        self._arrange(len(widgets))

    def columns_for(self, width: int) -> int:
        """The most widgets a line can hold whole at `width` (at least one)."""
        hints = [widget.sizeHint().width() for widget in self._widgets]
        spacing = self._grid.horizontalSpacing()
        for columns in range(len(hints), 1, -1):
            lines = [hints[start : start + columns] for start in range(0, len(hints), columns)]
            if all(sum(line) + spacing * (len(line) - 1) <= width for line in lines):
                return columns
        return 1

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        widest = max((widget.sizeHint().width() for widget in self._widgets), default=0)
        return QSize(widest, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange(self.columns_for(event.size().width()))

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for widget in self._widgets:
            self._grid.removeWidget(widget)
        for place, widget in enumerate(self._widgets):
            self._grid.addWidget(widget, place // columns, place % columns)
        for column in range(len(self._widgets) + 1):
            self._grid.setColumnStretch(column, 0)
        self._grid.setColumnStretch(columns, 1)  # the lines keep to the left
