"""The browser's rows as searches come and go: which card is current, and the count.

A search, a sort or a refresh replaces the rows (CardTableModel); this keeps the card the
person had, or the row asked for, current and scrolled to, and fills the editor once (not
through the selection signal, which `reloading` silences meanwhile). When the card kept is
not among the first rows of a search still being completed, it is selected when the rest
lands, unless the person chose another row or typed in the editor since.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QLabel

from trainer.core.model import CardId
from trainer.ui.card_table_model import CardTableModel
from trainer.ui.card_table_view import CardTableView


@dataclass(frozen=True)
class _Wanted:
    """The row to select once a search is complete: the card `keep`, else row `row`; with
    `show_all_if_missing`, a card just added that this search does not find."""

    keep: CardId | None
    row: int
    show_all_if_missing: bool


class BrowserRows:
    def __init__(
        self,
        model: CardTableModel,
        table: CardTableView,
        count: QLabel,
        show_card: Callable[[CardId | None], None],
        show_everything: Callable[[CardId], None],
        in_editor: Callable[[], CardId | None],
        typing: Callable[[], bool],
    ) -> None:
        self._model = model
        self._table = table
        self._count = count
        self._show_card = show_card
        self._show_everything = show_everything
        self._in_editor = in_editor  # the card the editor shows
        self._typing = typing  # something typed in the editor, not saved yet
        self.reloading = False  # the rows are being replaced: selection changes are ours
        self._pending: _Wanted | None = None
        model.completed.connect(self._completed)
        model.headed.connect(self._headed)

    def replace(self, load: Callable[[], None]) -> None:
        """Run `load` (a search, a sort, a refresh), its selection changes silenced."""
        self.reloading = True
        try:
            load()
        finally:
            self.reloading = False

    def current_id(self) -> CardId | None:
        return self._model.card_id(self._table.currentIndex().row())

    def selected(self) -> list[int]:
        """The rows selected, or the current one."""
        rows = sorted(index.row() for index in self._table.selectionModel().selectedRows())
        current = self._table.currentIndex().row()
        return rows or ([current] if current >= 0 else [])

    def selected_ids(self) -> list[CardId]:
        return [i for row in self.selected() if (i := self._model.card_id(row)) is not None]

    def chose_row(self) -> None:
        """The person moved to a row: nothing moves the selection when the rest lands."""
        self._pending = None

    def select(
        self, keep: CardId | None = None, row: int = 0, show_all_if_missing: bool = False
    ) -> None:
        """After new rows: `keep` current if shown, else row `row` (or the last)."""
        found = self._model.row_of(keep) if keep is not None else -1
        missing = (keep is not None and found < 0) or row >= self._model.rowCount()
        incomplete = missing and not self._model.complete
        self._pending = _Wanted(keep, row, show_all_if_missing) if incomplete else None
        if found < 0:
            found = min(row, self._model.rowCount() - 1)
        if found >= 0:
            index = self._model.index(found, 0)
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            rows = QItemSelectionModel.SelectionFlag.Rows
            self.replace(lambda: self._table.selectionModel().setCurrentIndex(index, flags | rows))
            self._table.scrollTo(index)
        self._show_card(self._model.card_id(found) if found >= 0 else None)
        self.show_count()

    def show_count(self) -> None:
        total = self._model.rowCount()
        if not self._model.complete:  # no rows yet: found whole on the thread
            self._count.setText(f"{total:,}+ cards · counting…" if total else "Searching…")
            return
        plural = "" if total == 1 else "s"
        self._count.setText(f"{total:,} card{plural} · {self._model.search_ms:.0f} ms")

    def show_failed(self) -> None:
        """Finding the rest of the search failed: how many more there are is not known."""
        shown = self._model.rowCount()
        self._count.setText(f"{shown:,}+ cards" if shown else "Search failed")

    def _headed(self) -> None:
        """A search shown with no rows got its first ones: the card wanted, or the first."""
        wanted = self._pending
        if wanted is None or self._typing():
            self.show_count()
        else:
            self.select(wanted.keep, wanted.row, wanted.show_all_if_missing)

    def _completed(self, reset: bool) -> None:
        """The rest of the search landed: the count, and the card wanted if it was not
        among the first rows (or the one current, if the rows were reset)."""
        wanted, self._pending = self._pending, None
        if wanted is None and reset:
            wanted = _Wanted(self._in_editor(), 0, False)
        if wanted is None or self._typing():  # never replace what is being typed
            self.show_count()
        elif wanted.show_all_if_missing and wanted.keep and self._model.row_of(wanted.keep) < 0:
            self._show_everything(wanted.keep)
        else:
            self.select(keep=wanted.keep, row=wanted.row)
