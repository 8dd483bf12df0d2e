"""The home screen's table: one row per deck with its cards, new and due counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from trainer.core.queue import DeckOverview

Index = QModelIndex | QPersistentModelIndex


class DeckListModel(QAbstractTableModel):
    HEADERS = ("Deck", "Cards", "New", "Due")

    def __init__(self) -> None:
        super().__init__()
        self._decks: list[DeckOverview] = []

    def set_decks(self, decks: Sequence[DeckOverview]) -> None:
        self.beginResetModel()
        self._decks = list(decks)
        self.endResetModel()

    def deck_at(self, row: int) -> DeckOverview | None:
        return self._decks[row] if 0 <= row < len(self._decks) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._decks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._decks):
            return None
        deck = self._decks[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (deck.name, deck.cards, deck.new, deck.due)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{deck.new} new and {deck.due} due today"
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignRight if section > 0 else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        return None
