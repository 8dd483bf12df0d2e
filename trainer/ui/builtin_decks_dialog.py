"""Built-in decks: a checkbox per deck Keeper ships; ticking an optional one adds it,
clearing it removes it (with its cards and their history; Ctrl+Z in the main window puts
it back). The decks every collection gets are shown ticked and cannot be cleared here:
Manage decks deletes those."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from trainer.ui.safe_text import plain

if TYPE_CHECKING:
    from trainer.services.content_service import BuiltinDeckChoice
    from trainer.services.services import Services


class BuiltinDecksDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Built-in decks")
        self._content = services.content
        self.changed = False
        self.boxes: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        intro = plain(QLabel("Tick a deck to add it to your collection, clear it to remove it."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        for choice in self._content.choices():
            box = QCheckBox(f"{choice.name}  ({choice.cards} cards)")
            box.setChecked(choice.installed)
            box.setEnabled(choice.optional or not choice.installed)
            box.setToolTip(choice.description)
            box.toggled.connect(lambda on, c=choice: self._toggle(c, on))
            self.boxes[choice.name] = box  # by deck name
            layout.addWidget(box)
            note = plain(QLabel(choice.description if choice.optional else "In every collection."))
            note.setObjectName("subtle")
            note.setWordWrap(True)
            note.setContentsMargins(24, 0, 0, 6)  # under its checkbox's text
            layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def _toggle(self, choice: BuiltinDeckChoice, on: bool) -> None:
        if not on and not self._removal_confirmed(choice):
            box = self.boxes[choice.name]
            box.blockSignals(True)
            box.setChecked(True)
            box.blockSignals(False)
            return
        try:
            if on:
                self._content.add_deck(choice.guid)
            else:
                self._content.remove_deck(choice.guid)
        except (LookupError, ValueError, OSError) as error:
            QMessageBox.warning(self, "Built-in decks", str(error))
            return
        self.changed = True
        if not choice.optional:  # a deleted standard deck, back: it stays
            self.boxes[choice.name].setEnabled(False)

    def _removal_confirmed(self, choice: BuiltinDeckChoice) -> bool:
        answer = QMessageBox.question(
            self,
            "Remove built-in deck",
            f"Remove {choice.name} with its cards and their review history?\n"
            "Undo (Ctrl+Z) in the main window brings it back.",
        )
        return answer == QMessageBox.StandardButton.Yes
