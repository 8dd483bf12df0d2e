"""Managing decks: create, rename, options, delete (asked first; Ctrl+Z brings it back)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer.core.card_content import sentence
from trainer.core.deck_options import OptionsError
from trainer.core.model import Deck, DeckId, DeckOptions
from trainer.ui import messages
from trainer.ui.deck_list_model import DeckListModel
from trainer.ui.deck_options_dialog import DeckOptionsDialog
from trainer.ui.safe_text import plain

if TYPE_CHECKING:
    from trainer.services.services import Services


class DecksDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Decks")
        self.resize(620, 440)
        self._services = services
        self.changed = False  # whether anything was changed (callers refresh if so)

        self.model = DeckListModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(DeckListModel.HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.edit_options())

        self.status = plain(QLabel("Ctrl+Z undoes the last change."))
        self.status.setObjectName("subtle")
        self.new_button = QPushButton("&New deck…")
        self.rename_button = QPushButton("&Rename…  (F2)")
        self.options_button = QPushButton("&Options…")
        self.delete_button = QPushButton("&Delete…  (Del)")
        close = QPushButton("Close")
        self.new_button.clicked.connect(self.new_deck)
        self.rename_button.clicked.connect(self.rename)
        self.options_button.clicked.connect(self.edit_options)
        self.delete_button.clicked.connect(self.delete)
        close.clicked.connect(self.accept)
        for key, slot in (("F2", self.rename), ("Delete", self.delete)):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        undo = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo.activated.connect(self.undo)

        buttons = QHBoxLayout()
        for button in (self.new_button, self.rename_button, self.options_button):
            buttons.addWidget(button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, stretch=1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.reload()

    def reload(self, select: DeckId | None = None) -> None:
        current = select if select is not None else self._selected()
        decks = self._services.study.overview()
        self.model.set_decks(decks)
        rows = [row for row, deck in enumerate(decks) if deck.deck_id == current]
        self.table.selectRow(rows[0] if rows else 0)
        has_deck = bool(decks)
        for button in (self.rename_button, self.options_button, self.delete_button):
            button.setEnabled(has_deck)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def new_deck(self) -> None:
        name, ok = QInputDialog.getText(self, "New deck", "Name of the new deck:")
        if ok:
            self._try(lambda: self._services.decks.create(name).id, "Created deck")

    def rename(self) -> None:
        deck = self._deck()
        if deck is None:
            return
        name, ok = QInputDialog.getText(
            self, "Rename deck", "New name:", QLineEdit.EchoMode.Normal, deck.name
        )
        if ok:
            self._try(lambda: self._services.decks.rename(deck.id, name).id, "Renamed deck")

    def edit_options(self, over: QWidget | None = None) -> None:
        """`over`: the window the options show over when this list is not shown itself."""
        deck = self._deck()
        if deck is None:
            return
        dialog = DeckOptionsDialog(deck, over or self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            options = dialog.options()
            self._try(lambda: self._set_options(deck.id, options), "Saved the options of")

    def delete(self) -> None:
        deck = self._deck()
        if deck is None:
            return
        count = self._services.decks.card_count(deck.id)
        answer = messages.question(
            self,
            "Delete deck",
            f"Delete the deck “{deck.name}” and its {count} cards, with their review "
            "history?\n\nCtrl+Z brings it all back until you quit Keeper.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._services.decks.delete(deck.id)
            self.changed = True
            self.status.setText(f"Deleted deck {deck.name} ({count} cards). Ctrl+Z to undo.")
            self.reload()

    def undo(self) -> None:
        label = self._services.undo.undo()
        self.status.setText(f"Undone: {label}." if label else "Nothing to undo.")
        if label:
            self.changed = True
            self.reload()

    def _set_options(self, deck_id: DeckId, options: DeckOptions) -> DeckId:
        self._services.decks.set_options(deck_id, options)
        return deck_id

    def _try(self, action: Callable[[], DeckId], done: str) -> None:
        try:
            deck_id = action()
        except OptionsError as error:
            messages.warning(self, "Decks", sentence(error))
            return
        self.changed = True
        name = next((d.name for d in self._services.decks.decks() if d.id == deck_id), "")
        self.status.setText(f"{done} {name}. Ctrl+Z to undo.")
        self.reload(select=deck_id)

    def _selected(self) -> DeckId | None:
        rows = self.table.selectionModel().selectedRows()
        overview = self.model.deck_at(rows[0].row()) if rows else None
        return DeckId(overview.deck_id) if overview else None

    def _deck(self) -> Deck | None:
        deck_id = self._selected()
        return next((d for d in self._services.decks.decks() if d.id == deck_id), None)
