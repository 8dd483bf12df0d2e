"""The browser's table view: whole-row selection, fixed row heights, sorting by the header.

Rows have one fixed height so Qt never measures 100,000 of them; the header's sort
indicator asks the model to sort, which it does in SQL.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from trainer.ui.card_table_model import CardTableModel

# What each column should fit (the front takes the rest; all can be resized by hand).
SAMPLES = ("", "Culture princip", "faq interview", "Relearning", "17 Mar 2027", "10.5mo", "99")
FRONT_MIN = 200  # the front column's least width while the columns fit themselves
SQUEEZE = 0.75  # the most a narrow window takes from the other columns' natural widths
STEP_OUT = (6, 5, 2)  # lapses, interval, tags: the columns a narrow table does without


class CardTableView(QTableView):
    # Letters typed in the table: the browser puts them in its search box (Qt's own
    # keyboard search jumped to a row starting with them, which nobody meant).
    typed = Signal(str)

    def keyboardSearch(self, search: str) -> None:  # noqa: N802 - Qt override
        if search.strip():
            self.typed.emit(search)

    def __init__(self, model: CardTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardTable")
        self.setModel(model)
        self._cards = model
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
        self.ensurePolished()  # measure with the style sheet's fonts
        header.ensurePolished()
        text, bold = self.fontMetrics(), header.fontMetrics()
        titles = [str(model.headerData(n, Qt.Orientation.Horizontal)) for n in range(len(SAMPLES))]
        self._natural_widths = [  # + 32: cell padding and the sort arrow
            max(text.horizontalAdvance(sample), bold.horizontalAdvance(title)) + 32
            for title, sample in zip(titles[1:], SAMPLES[1:], strict=True)
        ]
        self._fitting = False
        self._sized_by_hand = False
        header.sectionResized.connect(self._section_resized)
        self._fit_columns()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)  # a click flips it; the browser then sorts
        header.setSectionsClickable(True)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        self._cards.seek_rest()  # a broad search's first rows are painted: now the rest

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The front takes the width the other columns leave at their natural widths. In a
        narrow window they first give up to a quarter of it each, and the front keeps at
        least FRONT_MIN; when even that does not fit, the least needed columns step out
        (lapses, then interval, then tags) rather than run off the edge behind a sideways
        scroll bar. Not once a column was resized by hand."""
        if self._sized_by_hand:
            return
        width = self.viewport().width()
        hidden = set()
        for column in STEP_OUT:
            shown = [n for c, n in enumerate(self._natural_widths, start=1) if c not in hidden]
            if FRONT_MIN + SQUEEZE * sum(shown) <= width:
                break
            hidden.add(column)
        naturals = {c: n for c, n in enumerate(self._natural_widths, start=1) if c not in hidden}
        scale = max(SQUEEZE, min(1.0, (width - FRONT_MIN) / sum(naturals.values())))
        others = {column: int(natural * scale) for column, natural in naturals.items()}
        header = self.horizontalHeader()
        self._fitting = True
        try:
            for column in range(1, len(SAMPLES)):
                header.setSectionHidden(column, column in hidden)
            header.resizeSection(0, max(FRONT_MIN, width - sum(others.values())))
            for column, size in others.items():
                header.resizeSection(column, size)
        finally:
            self._fitting = False

    def _section_resized(self, _column: int, _old: int, _new: int) -> None:
        if not self._fitting:
            self._sized_by_hand = True
