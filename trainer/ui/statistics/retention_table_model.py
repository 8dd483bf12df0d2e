"""The per-deck true retention table: reviews of cards in the review state, and recalled."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from trainer.core.statistics import Retention

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RetentionTableModel(QAbstractTableModel):
    HEADERS = ("Deck", "Reviews", "Recalled", "Retention")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[str, Retention]] = []
        # Each row's texts, made once: the table asks for every cell at each paint.
        self._cells: list[tuple[str, int, int, str]] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_retention(self, by_deck: Mapping[int, Retention], names: Mapping[int, str]) -> None:
        self.beginResetModel()
        rows = [(names.get(deck, f"Deck {deck}"), value) for deck, value in by_deck.items()]
        self._rows = sorted(rows, key=lambda row: row[0].lower())
        if len(self._rows) > 1:
            total = sum((value for _name, value in self._rows), Retention())
            self._rows.append(("All decks", total))
        self._cells = [
            (name, value.total, value.recalled, _percent(value.rate)) for name, value in self._rows
        ]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and index.row() == len(self._rows) - 1 > 0:
            return self._bold
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if section > 0 else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        return None


def _percent(rate: float | None) -> str:
    return "-" if rate is None else f"{rate:.1%}"
