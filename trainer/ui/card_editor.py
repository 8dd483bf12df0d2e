"""The browser's side editor: deck, front, back (Markdown, with a live preview) and tags.

A passive form: it shows a card or a blank new one and says when the user asks to save;
the browser does the saving through the services.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.core.card_content import parse_tags
from trainer.core.cards import Card
from trainer.core.cloze_cards import cloze_preview, next_gap
from trainer.core.media import MediaRefused
from trainer.core.model import CardKind, Deck, DeckId
from trainer.ui.card_text_view import CardTextView
from trainer.ui.form_style import style_form
from trainer.ui.media_text_edit import MediaTextEdit, attach
from trainer.ui.safe_text import plain

NEW_DECK = -1  # the deck list's last entry: "New deck…"
# What the front and back hold, by the kind of card (placeholders).
FIELD_HINTS = {
    CardKind.BASIC: (
        "The question or prompt (Markdown)",
        "The answer (Markdown: **bold**, - lists, `code`)",
    ),
    CardKind.CLOZE: (
        "A text with gaps: select words and press Ctrl+Shift+C, or type {{c1::words}}",
        "An extra shown with the answer (optional)",
    ),
    CardKind.SPOKEN: (
        "The question to answer aloud, in under two minutes",
        "The rubric to grade the answer by: 3-5 points, one per line, each starting with -",
    ),
}
KIND_CHOICES = (("Basic", CardKind.BASIC), ("Cloze", CardKind.CLOZE), ("Spoken", CardKind.SPOKEN))
GAP_KEY = "Ctrl+Shift+C"  # Anki's key for "cloze deletion, next number"


class CardEditor(QWidget):
    save_requested = Signal()
    new_deck_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardEditor")
        style_form(self)
        self._card: Card | None = None
        self._new = False
        self._new_kind = CardKind.BASIC
        self._loaded: tuple[str, str, str, int] = ("", "", "", 0)
        # What the preview shows: showing a card changes its text and then its type, each
        # asking for the preview, and rendering Markdown is the editor's costly part.
        self._previewed = ""

        self.heading = QLabel(self)
        self.heading.setObjectName("editorHeading")
        self.deck = QComboBox(self)
        self.deck.setToolTip("The deck this card is in; choosing another one moves it")
        self.deck.activated.connect(self._deck_chosen)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Card type")
        self.kind.setToolTip(
            "Basic: a front and a back. Cloze: a text with gaps, one card per gap "
            "(Ctrl+Shift+C in the text hides the selection); the back is an optional extra. "
            "Spoken: a question you answer aloud, graded by the rubric on its back"
        )
        for label, kind in KIND_CHOICES:
            self.kind.addItem(label, str(kind))
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.front = _text_field(FIELD_HINTS[CardKind.BASIC][0], self)
        gap_key = QShortcut(QKeySequence(GAP_KEY), self.front)
        gap_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        gap_key.activated.connect(self.wrap_in_gap)
        self.front.setMaximumHeight(110)
        self.back = _text_field(FIELD_HINTS[CardKind.BASIC][1], self)
        self.preview = CardTextView(self)
        self.preview.setObjectName("cardPreview")
        # Lines enough to read and edit; in a short window the form scrolls instead.
        for field, lines in ((self.front, 3), (self.back, 4), (self.preview, 3)):
            field.setMinimumHeight(lines * field.fontMetrics().lineSpacing() + 20)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText("tags, separated by spaces")
        self.error = plain(QLabel(self))
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.save_button = QPushButton("Save  (Ctrl+S)", self)
        self.save_button.setObjectName("primary")
        self.save_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.save_button.clicked.connect(self.save_requested)
        self.attach_button = QPushButton("Sound…", self)  # short: the 640-pixel window fits it
        self.attach_button.setToolTip("Attach a sound file to the answer; R plays it again")
        self.attach_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.attach_button.clicked.connect(self._attach_sound)
        for field in (self.front, self.back):
            field.refused.connect(self.show_error)

        for field in (self.front, self.back):
            field.textChanged.connect(self._changed)
        self.tags.textChanged.connect(self._changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(_label("Deck", self.deck, self))
        # The type beside the deck, not on a row of its own: the smallest window keeps room
        # for the text fields.
        deck_row = QHBoxLayout()
        deck_row.addWidget(self.deck, stretch=3)
        deck_row.addWidget(self.kind, stretch=1)
        layout.addLayout(deck_row)
        self._front_label = _label("Front", self.front, self)
        layout.addWidget(self._front_label)
        layout.addWidget(self.front)
        self._back_label = _label("Back", self.back, self)
        layout.addWidget(self._back_label)
        layout.addWidget(self.back, stretch=2)
        layout.addWidget(_label("Preview", None, self))
        layout.addWidget(self.preview, stretch=2)
        layout.addWidget(_label("Tags", self.tags, self))
        layout.addWidget(self.tags)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(self.attach_button)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.show_card(None, [])

    # What is shown -----------------------------------------------------------------------

    @property
    def card(self) -> Card | None:
        return self._card

    @property
    def is_new(self) -> bool:
        return self._new

    def set_decks(self, decks: Sequence[Deck]) -> None:
        chosen = self.deck.currentData()
        self.deck.blockSignals(True)
        self.deck.clear()
        for deck in decks:
            self.deck.addItem(deck.name, int(deck.id))
        self.deck.addItem("New deck…", NEW_DECK)
        self.deck.blockSignals(False)
        self.select_deck(chosen)

    def select_deck(self, deck_id: int | None) -> None:
        index = self.deck.findData(deck_id) if deck_id is not None else -1
        self.deck.setCurrentIndex(max(0, index) if self.deck.count() > 1 else -1)

    def show_card(self, card: Card | None, decks: Sequence[Deck]) -> None:
        """Show `card` for editing (None: nothing selected)."""
        self._card, self._new = card, False
        self.set_decks(decks)
        if card is None:
            self.heading.setText("No card selected")
            self._fill("", "", "", None)
        else:
            mine = " · edited by you" if card.edited_by_user else ""
            origin = "built-in" if card.origin == "builtin" else str(card.origin)
            self.heading.setText(f"Card {card.id} · {origin}{mine}{_kind_text(card)}")
            self._fill(card.front, card.back, " ".join(card.tags), int(card.deck_id))
        self._show_kind(card.kind if card is not None else CardKind.BASIC)
        self._enable(card is not None)
        self._choose_kind(False)  # a card keeps its type (in the heading); a new one chooses

    def start_new(self, decks: Sequence[Deck], deck_id: DeckId | None, tags: str = "") -> None:
        """A blank card to add, in `deck_id`, with the cursor in the front."""
        self._card, self._new = None, True
        self.set_decks(decks)
        self.heading.setText("New card · Ctrl+S adds it, Esc cancels")
        self._fill("", "", tags, None if deck_id is None else int(deck_id))
        self._enable(True)
        self._choose_kind(True)
        self._show_kind(self._new_kind)  # the type last chosen for a new card, as Anki
        self.front.setFocus(Qt.FocusReason.OtherFocusReason)

    def values(self) -> tuple[str, str, tuple[str, ...], DeckId | None]:
        """Front, back, tags and deck as typed."""
        deck = self.deck.currentData()
        return (
            self.front.toPlainText(),
            self.back.toPlainText(),
            parse_tags(self.tags.text()),
            None if deck in (None, NEW_DECK) else DeckId(deck),
        )

    def card_kind(self) -> CardKind:
        """The type chosen (a card being edited keeps its own)."""
        return CardKind(self.kind.currentData() or CardKind.BASIC)

    def wrap_in_gap(self) -> None:
        """Ctrl+Shift+C: hide the selected words in the next gap, {{cN::words}}, as Anki
        does (with nothing selected, an empty gap with the cursor inside). A new card
        becomes a cloze card."""
        if not self.front.isEnabled():
            return
        if self.card_kind() is not CardKind.CLOZE and self.kind.isEnabled():
            self._show_kind(CardKind.CLOZE)
        cursor = self.front.textCursor()
        words = cursor.selectedText().replace("\u2029", "\n")
        number = next_gap(self.front.toPlainText())
        cursor.insertText(f"{{{{c{number}::{words}}}}}")
        if not words:
            cursor.movePosition(QTextCursor.MoveOperation.Left, n=2)
            self.front.setTextCursor(cursor)

    def is_dirty(self) -> bool:
        if self._card is None and not self._new:
            return False
        return self._current() != self._loaded

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    # Internals ---------------------------------------------------------------------------

    def _fill(self, front: str, back: str, tags: str, deck_id: int | None) -> None:
        for widget in (self.front, self.back, self.tags):
            widget.blockSignals(True)
        self.front.setPlainText(front)
        self.back.setPlainText(back)
        self.tags.setText(tags)
        for widget in (self.front, self.back, self.tags):
            widget.blockSignals(False)
        self.select_deck(deck_id)
        self._loaded = self._current()
        self.show_error("")
        self._changed()

    def _current(self) -> tuple[str, str, str, int]:
        deck = self.deck.currentData()
        return (
            self.front.toPlainText(),
            self.back.toPlainText(),
            " ".join(parse_tags(self.tags.text())),
            deck if isinstance(deck, int) else 0,
        )

    def _changed(self) -> None:
        front, back = self.front.toPlainText().strip(), self.back.toPlainText().strip()
        if self.card_kind() is CardKind.CLOZE:
            front, back = cloze_preview(front, back, self._card.cloze if self._card else 0)
        markdown = f"{front}\n\n---\n\n{back}" if front or back else ""
        if markdown != self._previewed:
            self._previewed = markdown
            self.preview.show_markdown(markdown)
        self.save_button.setEnabled(self.is_dirty())

    def _choose_kind(self, shown: bool) -> None:
        self.kind.setVisible(shown)
        self.kind.setEnabled(shown)

    def _show_kind(self, kind: CardKind) -> None:
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(kind))))
        self.kind.blockSignals(False)
        self._kind_chosen()

    def _kind_chosen(self, _index: int = 0) -> None:
        if self._new:
            self._new_kind = self.card_kind()
        cloze = self.card_kind() is CardKind.CLOZE
        self._front_label.setText("Text" if cloze else "Front")
        self._back_label.setText("Back Extra (optional)" if cloze else "Back")
        front, back = FIELD_HINTS[self.card_kind()]
        self.front.setPlaceholderText(front)
        self.back.setPlaceholderText(back)
        self._changed()

    def _deck_chosen(self, _index: int) -> None:
        if self.deck.currentData() == NEW_DECK:
            self.new_deck_requested.emit()
        self._changed()

    def _attach_sound(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from trainer.core.media import SOUND_TYPES

        wanted = " ".join(f"*.{kind}" for kind in SOUND_TYPES)
        chosen, _ = QFileDialog.getOpenFileName(self, "Attach sound", "", f"Sounds ({wanted})")
        if chosen:
            self.attach_file(Path(chosen), self.back)

    def attach_file(self, path: Path, field: QPlainTextEdit) -> None:
        """Keep the file and type its reference at the field's cursor; a refusal is shown."""
        try:
            reference = attach(path.read_bytes(), path.name)
        except (MediaRefused, OSError) as why:
            self.show_error(f"Not added: {why}")
            return
        field.insertPlainText(reference)

    def _enable(self, enabled: bool) -> None:
        self.attach_button.setEnabled(enabled)
        for widget in (self.deck, self.front, self.back, self.tags):
            widget.setEnabled(enabled)


def _kind_text(card: Card) -> str:
    if card.kind is CardKind.CLOZE:
        return f" · cloze c{card.cloze}"
    return "" if card.kind is CardKind.BASIC else f" · {card.kind}"


def _text_field(placeholder: str, parent: QWidget) -> MediaTextEdit:
    field = MediaTextEdit(parent)  # takes pasted and dropped pictures and sounds
    field.setPlaceholderText(placeholder)
    field.setTabChangesFocus(True)  # Tab moves on to the next field, as in a form
    return field


def _label(text: str, buddy: QWidget | None, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("fieldLabel")
    if buddy is not None:
        label.setBuddy(buddy)
    return label
