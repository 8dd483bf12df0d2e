"""Editing the card being studied (E on the study screen, as in Anki): the browser's card
editor in a small dialog; Ctrl+S or its Save keeps the edit as one undo step, Esc leaves it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from trainer.core.card_content import CardContentError, sentence
from trainer.core.cards import Card
from trainer.core.cloze_cards import content_for_kind
from trainer.core.model import Deck
from trainer.services.card_edit_service import CardEditService
from trainer.ui.card_editor import CardEditor


class EditCardDialog(QDialog):
    def __init__(
        self, card: Card, decks: Sequence[Deck], edits: CardEditService, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit card")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._card = card
        self._edits = edits
        self.editor = CardEditor(self)
        self.editor.show_card(card, decks)
        self.editor.save_requested.connect(self.save)  # its own Save button, on once edited
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)  # type: ignore[arg-type]
        self.editor.front.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        """Keep the edit (the window shows it on the study screen); a field in need of a
        fix is named in the dialog and nothing is saved."""
        front, back, tags, deck_id = self.editor.values()
        try:
            content = content_for_kind(self.editor.card_kind(), front, back, tags)
        except CardContentError as error:
            self.editor.show_error(sentence(error))
            return
        self._edits.edit(self._card.id, content, deck_id)
        self.accept()
