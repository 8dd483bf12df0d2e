"""The browser's table view: whole-row selection, fixed row heights, sorting by the header.

Rows have one fixed height so Qt never measures 100,000 of them; the header's sort
indicator asks the model to sort, which it does in SQL.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from trainer.ui.card_table_model import CardTableModel

# What each column should fit at first (the front takes the rest; all can be resized).
SAMPLES = ("", "Culture princip", "faq interview", "Relearning", "17 Mar 2027", "10.5mo", "99")


class CardTableView(QTableView):
    def __init__(self, model: CardTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab goes on to the editor
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measure 100k rows
        rows.setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.ensurePolished()  # measure with the style sheet's fonts
        header.ensurePolished()
        text, bold = self.fontMetrics(), header.fontMetrics()
        for column, sample in enumerate(SAMPLES[1:], start=1):
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            width = max(text.horizontalAdvance(sample), bold.horizontalAdvance(title))
            header.resizeSection(column, width + 32)  # cell padding and the sort arrow
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)  # a click flips it; the browser then sorts
        header.setSectionsClickable(True)
