"""The card browser: search, a sortable table of cards and a side editor.

Every change goes through a service that records one undo step; Ctrl+Z (outside a text
field) takes back the newest one. The window hands what changed to `apply_changes`: only
those rows are re-read, and the search runs again only when the rows themselves may differ.
Edits are saved with Ctrl+S, and also when another card is selected or the browser is left,
so nothing typed is lost. Which row stays current as searches come and go, and the count:
ui/browser_rows.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from trainer.core.card_content import CardContentError, sentence
from trainer.core.cloze_cards import content_for_kind
from trainer.core.deck_options import OptionsError
from trainer.core.model import CardId, Deck, DeckId
from trainer.core.search import SearchError
from trainer.services.operations import Changes
from trainer.ui.browser_rows import BrowserRows
from trainer.ui.card_editor import CardEditor
from trainer.ui.card_table_model import CardTableModel
from trainer.ui.card_table_view import CardTableView
from trainer.ui.safe_text import plain
from trainer.ui.search_box import SearchBox
from trainer.ui.wrap_row import WrapRow

if TYPE_CHECKING:
    from trainer.services.services import Services

KEYS_HINT = (
    "Ctrl+N add · F2 edit · Ctrl+S save · Ctrl+J suspend · Ctrl+D move · Del delete · "
    "Ctrl+Shift+R reset · Ctrl+Z undo · Ctrl+F search · Esc back"
)


class BrowserView(QWidget):
    leave = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("browserView")
        self._services = services
        self._decks: list[Deck] = []

        # Made top-down, each widget in its final parent: a widget moved into another
        # restyles its whole subtree under the app's style sheet (the editor's, four times).
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        self.splitter = QSplitter(self)
        layout.addWidget(self.splitter)
        left = QWidget(self.splitter)
        # In a short window the form scrolls as a page: its fields keep lines enough to read
        # and edit instead of being squeezed to one line each.
        self.editor_page = QScrollArea(self.splitter)
        self.editor_page.setObjectName("editorPage")
        self.editor_page.setWidgetResizable(True)
        self.editor_page.setFrameShape(QFrame.Shape.NoFrame)
        self.editor_page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor_page)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.editor_page.setMinimumWidth(300)
        self._sized = False
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        left_layout.addLayout(top)

        self.search = SearchBox(left)
        self.search.paused.connect(self.run_search)
        self.search.submitted.connect(self._search_and_focus_table)
        self.count = QLabel(left)
        self.count.setObjectName("subtle")
        top.addWidget(self.search, stretch=1)
        top.addWidget(self.count)

        self.model = CardTableModel(services.browse)
        self.model.failed.connect(self._rest_failed)
        self.table = CardTableView(self.model, left)
        self.table.typed.connect(self._search_typed)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        left_layout.addWidget(self.table, stretch=1)

        self.editor = CardEditor(self.editor_page.viewport())
        self.editor_page.setWidget(self.editor)
        self.rows = BrowserRows(
            self.model, self.table, self.count, self._show_card, self._show_everything,
            in_editor=lambda: self.editor.card.id if self.editor.card else None,
            typing=self.editor.is_dirty,
        )  # fmt: skip
        self.editor.save_requested.connect(self.save)
        self.editor.new_deck_requested.connect(self._new_deck_for_card)

        self.buttons: dict[str, QPushButton] = {}
        for label, tip, slot in (
            ("Add", "Add a card (Ctrl+N)", self.start_new_card),
            ("Suspend", "Suspend or unsuspend the selected cards (Ctrl+J)", self.toggle_suspended),
            ("Move…", "Move the selected cards to another deck (Ctrl+D)", self.move_selected),
            ("Reset", "Make the selected cards new again (Ctrl+Shift+R)", self.reset_selected),
            ("Delete", "Delete the selected cards and their history (Del)", self.delete_selected),
            ("Decks…", "Create, rename, delete decks; deck options", self.manage_decks),
        ):
            button = QPushButton(label)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay in the table
            button.clicked.connect(slot)
            self.buttons[label.rstrip("…")] = button
        left_layout.addWidget(WrapRow(list(self.buttons.values())))
        self.message = plain(QLabel(KEYS_HINT, left))  # quotes the search
        self.message.setObjectName("subtle")
        self.message.setWordWrap(True)
        left_layout.addWidget(self.message)

        self._keys(QKeySequence.StandardKey.Undo, self.undo)
        self._keys("Ctrl+S", self.save)
        self._keys("Ctrl+Return", self.save)
        self._keys("Ctrl+J", self.toggle_suspended)
        self._keys("Ctrl+D", self.move_selected)
        self._keys("Ctrl+Shift+R", self.reset_selected)
        self._keys("Ctrl+F", self.focus_search)
        self._keys("Escape", self._escape)
        for key, slot in (("Delete", self.delete_selected), ("F2", self.edit_front)):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # Delete in a field edits it
            shortcut.activated.connect(slot)

    # Entering and searching --------------------------------------------------------------

    def enter(self) -> None:
        """Shown as the current room: decks and rows re-read, the search kept."""
        self._decks = self._services.decks.decks()
        self._reload(keep=self._current_id())
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _search_typed(self, text: str) -> None:
        """Typing in the table starts a new search with what was typed."""
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.search.setText(text)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def run_search(self) -> None:
        self.search.cancel_pending()
        self._commit_pending()
        try:
            self.rows.replace(lambda: self.model.set_query(self.search.text()))
        except SearchError as error:
            self._say(f"Search: {error}", error=True)
            return
        self._say("")
        self.rows.select(row=0)

    def _search_and_focus_table(self) -> None:
        self.run_search()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _sort(self, column: int, order: Qt.SortOrder) -> None:
        self._commit_pending()
        keep = self._current_id()
        self.rows.replace(lambda: self.model.sort(column, order))
        self.rows.select(keep=keep)

    # Actions -----------------------------------------------------------------------------

    def start_new_card(self) -> None:
        """A blank card in the editor, in the deck of the selected card; Ctrl+S adds it."""
        self._commit_pending()
        current = self.editor.card
        deck = current.deck_id if current else (self._decks[0].id if self._decks else None)
        self.editor.start_new(self._decks, deck)

    def save(self) -> bool:
        """Add the new card, or save the edited one. False when a field needs fixing."""
        front, back, tags, deck_id = self.editor.values()
        try:
            content = content_for_kind(self.editor.card_kind(), front, back, tags)
        except CardContentError as error:
            self.editor.show_error(sentence(error))
            field = {"front": self.editor.front, "back": self.editor.back}.get(error.field)
            (field or self.editor.tags).setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        if deck_id is None:
            self.editor.show_error("Choose a deck for this card.")
            return False
        if self.editor.is_new:
            card_id = self._services.card_edits.add(deck_id, content)
            self._after_add(card_id, deck_id)
            return True
        card = self.editor.card
        if card is not None and self._services.card_edits.edit(card.id, content, deck_id):
            self._say("Saved. Ctrl+Z to undo.")
        return True

    def toggle_suspended(self) -> None:
        rows = [self.model.summary(row) for row in self.rows.selected()]
        ids = [row.id for row in rows if row is not None]
        if ids:
            suspend = not all(row.suspended for row in rows if row is not None)
            self._act(lambda: self._services.card_edits.set_suspended(ids, suspend))

    def move_selected(self) -> None:
        ids = self.rows.selected_ids()
        if not ids or not self._decks:
            return
        names = [deck.name for deck in self._decks]
        current = self.editor.card.deck_id if self.editor.card else None
        start = next((i for i, deck in enumerate(self._decks) if deck.id == current), 0)
        count = "this card" if len(ids) == 1 else f"{len(ids)} cards"
        name, ok = QInputDialog.getItem(self, "Move", f"Move {count} to deck:", names, start, False)
        deck = next((d for d in self._decks if d.name == name), None)
        if ok and deck is not None:
            self._act(lambda: self._services.card_edits.move(ids, deck.id))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset_selected(self) -> None:
        ids = self.rows.selected_ids()
        if ids:
            self._act(lambda: self._services.card_edits.forget(ids))

    def delete_selected(self) -> None:
        rows = self.rows.selected()
        ids = [card_id for row in rows if (card_id := self.model.card_id(row)) is not None]
        if not ids:
            return
        self._commit_pending()
        self._services.card_edits.delete(ids)  # the rows went in apply_changes
        self._say(f"{self._services.undo.next_label}. Ctrl+Z to undo.")
        self.rows.select(row=min(rows))

    def undo(self) -> None:
        """Ctrl+Z: the newest step of the one undo queue, whichever room it came from."""
        self._commit_pending()
        try:
            undone = self._services.undo.undo_step()
        except Exception as error:  # noqa: BLE001 - any failure: the step stays, to retry
            self._say(f"Not undone ({' '.join(str(error).split())}).", error=True)
            return
        self._say(f"Undone: {undone.label}." if undone else "Nothing to undo.")

    def manage_decks(self) -> None:
        from trainer.ui.decks_dialog import DecksDialog

        self._commit_pending()
        DecksDialog(self._services, self).exec()  # its changes arrive in apply_changes

    # Refreshing --------------------------------------------------------------------------

    def apply_changes(self, changes: Changes) -> None:
        """What an action or an undo changed. Rows stay where they are and only the changed
        ones are re-read; the search runs again only when rows may come or go (cards added,
        deleted or brought back). Hidden, nothing: `enter` reads everything."""
        if not self.isVisible() or not changes:
            return
        if changes.deck_ids or changes.everything:
            self._decks = self._services.decks.decks()
        current = self._current_id()
        shown = [card_id for card_id in changes.card_ids if self.model.row_of(card_id) >= 0]
        rows_may_differ = changes.everything or len(shown) < len(changes.card_ids)
        if rows_may_differ or not self.model.update_rows(shown):  # False: one was deleted
            self._reload(keep=current, row=max(self.table.currentIndex().row(), 0))
            return
        if changes.deck_ids:
            self.model.reload_rows()  # deck names show in the rows
        if current is not None and (current in changes.card_ids or changes.deck_ids):
            self._show_card(current)

    def _act(self, action: Callable[[], Sequence[CardId]]) -> None:
        self._commit_pending()
        action()  # the rows are re-read in apply_changes
        self._say(f"{self._services.undo.next_label}. Ctrl+Z to undo.")

    def _after_add(self, card_id: CardId, deck_id: DeckId) -> None:
        if self.model.row_of(card_id) >= 0 or not self.model.complete:
            self.rows.select(keep=card_id, show_all_if_missing=True)  # apply_changes searched
        else:  # not in this search: show everything
            self._show_everything(card_id)
        deck = next((d.name for d in self._decks if d.id == deck_id), "")
        self._say(f"Added a card to {deck}. Ctrl+N adds another, Ctrl+Z takes it back.")
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _reload(self, keep: CardId | None = None, row: int = 0) -> None:
        self.rows.replace(self.model.refresh)
        self.rows.select(keep=keep, row=row)

    def _rest_failed(self, reason: str) -> None:
        self.rows.show_failed()
        self._say(f"Search: {reason}", error=True)

    def _show_everything(self, card_id: CardId) -> None:
        self.search.set_quietly("")
        self._reload(keep=card_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.rows.reloading:
            return
        self.rows.chose_row()
        self._commit_pending()
        self._show_card(self.model.card_id(current.row()) if current.isValid() else None)

    def _show_card(self, card_id: CardId | None) -> None:
        card = self._services.browse.card(card_id) if card_id is not None else None
        self.editor.show_card(card, self._decks)

    def _commit_pending(self) -> None:
        """Save what was typed in the editor before it shows something else."""
        if not self.editor.is_dirty():
            return
        if self.editor.is_new:
            front, back, _tags, _deck = self.editor.values()
            if not (front.strip() or back.strip()):
                return
        if not self.save():
            self._say("The card was not saved: " + self.editor.error.text(), error=True)

    # Helpers -----------------------------------------------------------------------------

    def _escape(self) -> None:
        """Esc steps back: out of a new card, the editor, the search, then the browser."""
        if self.editor.is_new:
            self._show_card(self._current_id())
        elif self.search.hasFocus() and self.search.text():
            self.search.clear()
            self.run_search()
            return
        elif not self.table.hasFocus():
            self._commit_pending()
        else:
            self._commit_pending()
            self.leave.emit()
            return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def edit_front(self) -> None:
        """F2: into the editor, at the end of the front."""
        if self.editor.card is not None:
            self.editor.front.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.editor.front.moveCursor(QTextCursor.MoveOperation.End)

    def _new_deck_for_card(self) -> None:
        name, ok = QInputDialog.getText(self, "New deck", "Name of the new deck:")
        deck_id: DeckId | None = None
        if ok:
            try:
                deck_id = self._services.decks.create(name).id
            except OptionsError as error:
                self.editor.show_error(sentence(error))
        self._decks = self._services.decks.decks()
        card = self.editor.card
        fallback = card.deck_id if card else (self._decks[0].id if self._decks else None)
        self.editor.set_decks(self._decks)
        self.editor.select_deck(int(deck_id or fallback or 0))

    def _current_id(self) -> CardId | None:
        return self.rows.current_id()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text or KEYS_HINT)
        self.message.setObjectName("formError" if error else "subtle")
        self.message.style().polish(self.message)

    def _keys(self, key: QKeySequence.StandardKey | str, slot: Callable[[], object]) -> None:
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._sized:  # the table gets 70% of the width, once laid out
            self._sized = True
            QTimer.singleShot(0, self._split)

    def _split(self) -> None:
        width = self.splitter.width()
        self.splitter.setSizes([width * 7 // 10, width - width * 7 // 10])

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self._commit_pending()
        super().hideEvent(event)
