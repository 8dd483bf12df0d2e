"""The decks table (home screen, decks dialog): one row per deck with its cards, new, due.

A `QStandardItemModel` filled once per refresh: the view reads the cells in C++, with no
Python call per cell (sizing four columns to their contents asks for each cell many times),
and no `Qt` enum is needed to fill it (see `lean_qt`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QStandardItem, QStandardItemModel

from trainer.core.queue import DeckOverview
from trainer.ui.lean_qt import (
    ALIGN_LEFT_MIDDLE,
    ALIGN_RIGHT_MIDDLE,
    DISPLAY_ROLE,
    TEXT_ALIGNMENT_ROLE,
    TOOLTIP_ROLE,
)


class DeckListModel(QStandardItemModel):
    HEADERS = ("Deck", "Cards", "New", "Learning", "Due")  # Due: review cards, as in Anki

    def __init__(self) -> None:
        super().__init__(0, len(self.HEADERS))
        for column, title in enumerate(self.HEADERS):
            self.setHorizontalHeaderItem(column, _cell(title, right=column > 0))
        self._decks: list[DeckOverview] = []

    def set_decks(self, decks: Sequence[DeckOverview]) -> None:
        self._decks = list(decks)
        self.setRowCount(0)
        for deck in self._decks:
            name = _cell(deck.name, right=False)
            name.setData(
                f"{deck.new} new, {deck.learning} learning and {deck.reviews} reviews due today",
                TOOLTIP_ROLE,
            )
            counts = [
                _cell(value, right=True)
                for value in (deck.cards, deck.new, deck.learning, deck.reviews)
            ]
            self.appendRow([name, *counts])

    def deck_at(self, row: int) -> DeckOverview | None:
        return self._decks[row] if 0 <= row < len(self._decks) else None


def _cell(value: str | int, *, right: bool) -> QStandardItem:
    item = QStandardItem()
    item.setData(value, DISPLAY_ROLE)  # a count stays a number
    item.setData(ALIGN_RIGHT_MIDDLE if right else ALIGN_LEFT_MIDDLE, TEXT_ALIGNMENT_ROLE)
    item.setEditable(False)
    return item
