"""The browser's table: the cards a search found, read from the collection a page at a time.

The model holds only the ids of the found cards, in the order SQL sorted them; rows are
read in pages of PAGE_SIZE when the view first paints them and kept in a small LRU cache.
So 100,000 cards open, sort and scroll without the table ever being loaded whole.

A search paints what it has first (`BrowseService.first_rows`): a search finding few cards
comes whole at once; a broad one shows its first FIRST_ROWS ids and its whole list is found
on a thread (ui/background_search.py), its rows added below when it lands (`completed`), or
the rows reset if the order moved meanwhile. One whose first rows would cost sorting more
cards than the GUI thread may (a big one sorting late, or sorted by a column other than the
front) shows no rows until the thread has found its first rows (`headed`), then the rest
as a broad one. Until its whole list lands `complete` is false and the count is not known
(docs/performance.md, "Search at 100,000 cards", fifth, seventh and eighth passes).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from trainer.core.browse import FIRST_ROWS, CardSummary, FirstRows, SortColumn
from trainer.core.model import CardId, CardState
from trainer.core.scheduling import format_interval
from trainer.ui.background_search import BackgroundSearch, Found
from trainer.ui.safe_text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex

COLUMNS = tuple(SortColumn)
HEADERS = {
    SortColumn.FRONT: "Front",
    SortColumn.DECK: "Deck",
    SortColumn.TAGS: "Tags",
    SortColumn.STATE: "State",
    SortColumn.DUE: "Due",
    SortColumn.INTERVAL: "Interval",
    SortColumn.LAPSES: "Lapses",
}
CARD_ID_ROLE = Qt.ItemDataRole.UserRole


class CardSource(Protocol):
    """What the model reads from: the browse service, or a stand-in in tests."""

    def search(self, query: str, sort: SortColumn, descending: bool) -> list[CardId]: ...

    def top(self, query: str, sort: SortColumn, descending: bool, rows: int) -> list[CardId]: ...

    def first_rows(
        self, query: str, sort: SortColumn, descending: bool, rows: int = FIRST_ROWS
    ) -> FirstRows: ...

    def rows(self, ids: Sequence[CardId]) -> list[CardSummary]: ...


class CardTableModel(QAbstractTableModel):
    PAGE_SIZE = 100
    MAX_PAGES = 40  # pages kept; a page is re-read when it falls out
    FIRST_ROWS = FIRST_ROWS  # read at once (core/browse.py)
    REST_UNPAINTED_MS = 100  # a broad search no view paints seeks its rest after this
    # Every row of the search is in (True: the order moved, so the rows were reset), or
    # finding the rest failed (`failed`, with the reason).
    completed = Signal(bool)
    failed = Signal(str)
    headed = Signal()  # a search shown with no rows got its first rows (still counting)

    def __init__(self, source: CardSource) -> None:
        super().__init__()
        self._source = source
        self.background = BackgroundSearch(self._search_all, self._top, self)  # the rest
        self.background.landed.connect(self._rest_landed)
        self._rest: tuple[str, SortColumn, bool, int] | None = None  # to seek once painted
        self._rest_timer = QTimer(self)
        self._rest_timer.setSingleShot(True)
        self._rest_timer.setInterval(self.REST_UNPAINTED_MS)
        self._rest_timer.timeout.connect(self.seek_rest)
        self.complete = True  # every row of the search is in: the count is known
        self._query = ""
        self._sort = SortColumn.FRONT
        self._descending = False
        self._ids: list[CardId] = []
        self._rows: dict[int, int] | None = None  # card id -> row, for row_of
        self._pages: OrderedDict[int, dict[int, CardSummary]] = OrderedDict()
        self.search_ms = 0.0  # how long the last search took, for the status line

    # Searching ---------------------------------------------------------------------------

    @property
    def query(self) -> str:
        return self._query

    @property
    def sort_column(self) -> SortColumn:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    def set_query(self, query: str) -> None:
        """Show what `query` finds. Raises SearchError and keeps the old rows if it is bad."""
        self._load(query, self._sort, self._descending)

    def refresh(self) -> None:
        """Search again (after an edit, a delete, an undo)."""
        self._load(self._query, self._sort, self._descending)

    def reload_rows(self) -> None:
        """Re-read the rows shown (after an edit), keeping the same cards in the same order."""
        self._pages.clear()
        if self._ids:
            last = self.index(len(self._ids) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def update_rows(self, ids: Sequence[CardId]) -> bool:
        """Re-read the rows of `ids` shown here, in place; False when one of them is gone
        (deleted), so the rows themselves must be searched again."""
        rows = {row: card_id for card_id in ids if (row := self.row_of(card_id)) >= 0}
        if not rows:
            return True
        fresh = {int(summary.id): summary for summary in self._source.rows(list(rows.values()))}
        if len(fresh) < len(rows):
            return False
        for row, card_id in rows.items():
            page = self._pages.get(row // self.PAGE_SIZE)
            if page is not None:
                page[int(card_id)] = fresh[int(card_id)]
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self._load(self._query, COLUMNS[column], order == Qt.SortOrder.DescendingOrder)

    def _load(self, query: str, sort: SortColumn, descending: bool) -> None:
        started = time.perf_counter()
        first = self._source.first_rows(query, sort, descending, self.FIRST_ROWS)
        self.search_ms = (time.perf_counter() - started) * 1000
        self.background.cancel()  # an older search's rest, if still coming: not these rows
        self._rest = None
        self.beginResetModel()
        self._query, self._sort, self._descending = query, sort, descending
        self._ids = first.ids
        self._rows = None
        self._pages.clear()
        self.complete = first.complete
        self.endResetModel()
        if not self.complete:  # no rows yet: the thread finds the first ones first
            self._rest = (query, sort, descending, 0 if self._ids else self.FIRST_ROWS)
            self._rest_timer.start()

    def seek_rest(self) -> None:
        """Find the rest of a broad search on the thread, once its first rows are painted
        (the table calls this after each paint) or a moment later if nothing paints them:
        the thread holds Python's lock for most of its work, and started before the paint
        it made the first rows wait for it (10-30 ms at 100,000 cards)."""
        if self._rest is None:
            return
        rest, self._rest = self._rest, None
        self._rest_timer.stop()
        self.background.start(*rest)

    def _search_all(self, query: str, sort: SortColumn, descending: bool) -> list[CardId]:
        return self._source.search(query, sort, descending)

    def _top(self, query: str, sort: SortColumn, descending: bool, rows: int) -> list[CardId]:
        return self._source.top(query, sort, descending, rows)

    def _rest_landed(self, found: Found) -> None:
        if not self.background.is_current(found):
            return  # a newer search (or a refresh) was asked for since
        if found.head:
            if not self._ids and found.ids:
                self._show_afresh(found.ids)
                self.headed.emit()
            return
        if found.error is not None:
            self.complete = True  # what is shown is all there will be
            self.failed.emit(found.error)
            return
        shown = len(self._ids)
        reset = found.ids[:shown] != self._ids
        if reset:  # something moved between the two reads: show the whole list afresh
            self.complete = True
            self._show_afresh(found.ids)
        elif len(found.ids) > shown:  # rows added below: the selection and scroll stay
            self.beginInsertRows(QModelIndex(), shown, len(found.ids) - 1)
            self._ids, self._rows = found.ids, None
            self.complete = True
            self.endInsertRows()
        self.complete = True
        self.search_ms += found.ms
        self.completed.emit(reset)

    def _show_afresh(self, ids: list[CardId]) -> None:
        """Rows `ids` in place of those shown: the views read them again."""
        self.beginResetModel()
        self._ids, self._rows = ids, None
        self._pages.clear()
        self.endResetModel()

    # Rows --------------------------------------------------------------------------------

    def card_id(self, row: int) -> CardId | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, card_id: CardId) -> int:
        """The row showing `card_id`, or -1."""
        if self._rows is None:  # built on first use after each search: row_of is O(1)
            self._rows = {int(card_id): row for row, card_id in enumerate(self._ids)}
        return self._rows.get(int(card_id), -1)

    def summary(self, row: int) -> CardSummary | None:
        card_id = self.card_id(row)
        if card_id is None:
            return None
        return self._page(row // self.PAGE_SIZE).get(int(card_id))

    def _page(self, number: int) -> dict[int, CardSummary]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        start = number * self.PAGE_SIZE
        ids = self._ids[start : start + self.PAGE_SIZE]
        page = {int(row.id): row for row in self._source.rows(ids)}
        self._pages[number] = page
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    # Qt ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == CARD_ID_ROLE:
            return int(self._ids[index.row()])
        if role not in _ROLES:
            return None
        row = self.summary(index.row())
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is SortColumn.LAPSES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.suspended:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.BackgroundRole and row.suspended:
            return SUSPENDED_TINT
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[COLUMNS[section]]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = (
                Qt.AlignmentFlag.AlignRight
                if COLUMNS[section] is SortColumn.LAPSES
                else (Qt.AlignmentFlag.AlignLeft)
            )
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        return None


_ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.BackgroundRole,
)
# Anki marks suspended cards yellow; a translucent amber reads on light and dark rows alike.
SUSPENDED_TINT = QColor(240, 180, 0, 60)


def display(row: CardSummary, column: SortColumn) -> str:
    if column is SortColumn.FRONT:
        return row.front
    if column is SortColumn.DECK:
        return row.deck
    if column is SortColumn.TAGS:
        return " ".join(row.tags)
    if column is SortColumn.STATE:
        return row.state_label
    if column is SortColumn.DUE:
        if row.due is None or row.state is CardState.NEW:
            return "—"
        return due_text(row.due, learning=row.state in (CardState.LEARNING, CardState.RELEARNING))
    if column is SortColumn.INTERVAL:
        interval = row.interval
        return "—" if interval is None else format_interval(interval)
    return str(row.lapses)


def due_text(due: datetime, *, learning: bool, today: date | None = None) -> str:
    """'14:30' for a learning card due today, '17 Mar' this year, '17 Mar 2027' later."""
    local = due.astimezone()
    today = today or datetime.now().astimezone().date()
    if learning and local.date() == today:
        return f"{local:%H:%M}"
    day = f"{local.day} {local:%b}"
    return day if local.year == today.year else f"{day} {local.year}"


def tooltip(row: CardSummary, column: SortColumn) -> str | None:
    if column is SortColumn.FRONT:
        return plain_tooltip(row.front)
    if column is SortColumn.DUE and row.due is not None:
        return f"{row.due.astimezone():%A %d %B %Y, %H:%M}"
    if column is SortColumn.DECK:
        return plain_tooltip(row.deck)
    if column is SortColumn.TAGS and row.tags:
        return plain_tooltip(", ".join(row.tags))
    if column is SortColumn.STATE and row.suspended:
        state = row.state.name.lower()
        return f"A suspended {state} card: never studied until unsuspended (Ctrl+J)"
    return None
