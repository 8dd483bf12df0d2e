"""Deleting a story: the question, and what to do with the cards made from it."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from trainer.core.stories import Story
from trainer.core.story_cards import display_title


class DeleteChoice(Enum):
    KEEP_CARDS = "keep"
    DELETE_CARDS = "delete"


def ask_delete_story(parent: QWidget, story: Story, card_count: int) -> DeleteChoice | None:
    """Confirm a deletion; with cards, ask whether they go too. None: cancelled."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Delete story")
    box.setTextFormat(Qt.TextFormat.PlainText)  # the title as typed, never HTML
    box.setText(f"Delete “{display_title(story)}”?")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    if card_count:
        box.setInformativeText(
            f"It has {card_count} card(s) in “My stories”. Keep them as ordinary cards "
            "with their review history, or delete them too? Ctrl+Z in the list undoes."
        )
        keep = box.addButton("Delete story, keep cards", QMessageBox.ButtonRole.AcceptRole)
        both = box.addButton("Delete story and cards", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
    else:
        box.setInformativeText("Ctrl+Z in the list undoes.")
        keep = both = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is both:
        return DeleteChoice.DELETE_CARDS
    if clicked is keep:
        return DeleteChoice.KEEP_CARDS
    return None
