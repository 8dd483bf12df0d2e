"""The interview plan's deck table: predicted recall on the day, idle and with the plan."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from trainer.services.interview_planning import DeckForecast

Index = QModelIndex | QPersistentModelIndex
BELOW_TARGET = QColor("#d64545")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class PlanTableModel(QAbstractTableModel):
    # Two-line titles keep the table within a 640 px window (no sideways scroll).
    HEADERS = ("Deck", "Interview", "Cards", "Recall\nif idle", "With\nplan", "Reviews")

    def __init__(self) -> None:
        super().__init__()
        self._decks: list[DeckForecast] = []
        # Each row's texts and whether its recall falls short, made once: the table asks
        # for every cell at each paint.
        self._cells: list[tuple[str, str, int, str, str, int]] = []
        self._below: list[bool] = []

    def set_decks(self, decks: Sequence[DeckForecast], target: float) -> None:
        self.beginResetModel()
        self._decks = list(decks)
        self._cells = [
            (
                deck.name,
                f"{deck.interview:%a %d %b}",
                deck.cards,
                f"{deck.predicted_recall:.0%}",
                f"{deck.recall_with_plan:.0%}",
                deck.reviews,
            )
            for deck in self._decks
        ]
        self._below = [
            round(deck.predicted_recall * 100) < round(target * 100) for deck in self._decks
        ]
        self.endResetModel()

    def deck_at(self, row: int) -> DeckForecast | None:
        return self._decks[row] if 0 <= row < len(self._decks) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._decks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._decks):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return BELOW_TARGET if self._below[index.row()] else None
        if role == Qt.ItemDataRole.ToolTipRole and column in (3, 4):
            return (
                "Predicted recall on the interview day if you stop studying now"
                if column == 3
                else "Predicted recall on the day after the planned reviews (answered Good)"
            )
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
