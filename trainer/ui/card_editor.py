"""The browser's side editor: deck, front, back (Markdown, with a live preview) and tags.

A passive form: it shows a card or a blank new one and says when the user asks to save;
the browser does the saving through the services.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
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
    CardKind.SPOKEN: (
        "The question to answer aloud, in under two minutes",
        "The rubric to grade the answer by: 3-5 points, one per line, each starting with -",
    ),
}


class CardEditor(QWidget):
    save_requested = Signal()
    new_deck_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardEditor")
        style_form(self)
        self._card: Card | None = None
        self._new = False
        self._loaded: tuple[str, str, str, int] = ("", "", "", 0)

        self.heading = QLabel()
        self.heading.setObjectName("editorHeading")
        self.deck = QComboBox()
        self.deck.setToolTip("The deck this card is in; choosing another one moves it")
        self.deck.activated.connect(self._deck_chosen)
        self.kind_choice = QComboBox()  # a new card's type; a saved card keeps its own
        self.kind_choice.setToolTip("Spoken: a question you answer aloud, graded by a rubric")
        for kind in (CardKind.BASIC, CardKind.SPOKEN):
            self.kind_choice.addItem(kind.value.capitalize(), kind)
        self.kind_choice.currentIndexChanged.connect(lambda _index: self._show_kind())
        self.front = _text_field(FIELD_HINTS[CardKind.BASIC][0])
        self.front.setMaximumHeight(110)
        self.back = _text_field(FIELD_HINTS[CardKind.BASIC][1])
        self.preview = CardTextView()
        self.preview.setObjectName("cardPreview")
        # Lines enough to read and edit; in a short window the form scrolls instead.
        for field, lines in ((self.front, 3), (self.back, 4), (self.preview, 3)):
            field.setMinimumHeight(lines * field.fontMetrics().lineSpacing() + 20)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("tags, separated by spaces")
        self.error = plain(QLabel())
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.save_button = QPushButton("Save  (Ctrl+S)")
        self.save_button.setObjectName("primary")
        self.save_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.save_button.clicked.connect(self.save_requested)
        self.attach_button = QPushButton("Sound…")  # short: the 640-pixel window fits it
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
        layout.addWidget(_label("Deck", self.deck))
        layout.addWidget(self.deck)
        layout.addWidget(_label("Type", self.kind_choice))
        layout.addWidget(self.kind_choice)
        layout.addWidget(_label("Front", self.front))
        layout.addWidget(self.front)
        layout.addWidget(_label("Back", self.back))
        layout.addWidget(self.back, stretch=2)
        layout.addWidget(_label("Preview", None))
        layout.addWidget(self.preview, stretch=2)
        layout.addWidget(_label("Tags", self.tags))
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
            kind = f" · {card.kind}" if card.kind is not CardKind.BASIC else ""
            self.heading.setText(f"Card {card.id} · {origin}{kind}{mine}")
            self._fill(card.front, card.back, " ".join(card.tags), int(card.deck_id))
        self._enable(card is not None)
        self._show_kind(card.kind if card is not None else CardKind.BASIC)

    def start_new(self, decks: Sequence[Deck], deck_id: DeckId | None, tags: str = "") -> None:
        """A blank card to add, in `deck_id`, with the cursor in the front."""
        self._card, self._new = None, True
        self.set_decks(decks)
        self.heading.setText("New card · Ctrl+S adds it, Esc cancels")
        self._fill("", "", tags, None if deck_id is None else int(deck_id))
        self._enable(True)
        self._show_kind()
        self.front.setFocus(Qt.FocusReason.OtherFocusReason)

    def kind(self) -> CardKind:
        """The type a new card is added as (the type choice)."""
        return CardKind(self.kind_choice.currentData())

    def values(self) -> tuple[str, str, tuple[str, ...], DeckId | None]:
        """Front, back, tags and deck as typed."""
        deck = self.deck.currentData()
        return (
            self.front.toPlainText(),
            self.back.toPlainText(),
            parse_tags(self.tags.text()),
            None if deck in (None, NEW_DECK) else DeckId(deck),
        )

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
        self.preview.show_markdown(f"{front}\n\n---\n\n{back}" if front or back else "")
        self.save_button.setEnabled(self.is_dirty())

    def _deck_chosen(self, _index: int) -> None:
        if self.deck.currentData() == NEW_DECK:
            self.new_deck_requested.emit()
        self._changed()

    def _show_kind(self, saved: CardKind | None = None) -> None:
        """The fields' hints for the type: the choice a new card makes, or the saved card's
        own type (shown, not changeable)."""
        kind = self.kind() if saved is None else saved
        self.kind_choice.setEnabled(self._new)
        if saved is not None and kind in FIELD_HINTS:
            self.kind_choice.blockSignals(True)
            self.kind_choice.setCurrentIndex(self.kind_choice.findData(kind))
            self.kind_choice.blockSignals(False)
        front, back = FIELD_HINTS.get(kind, FIELD_HINTS[CardKind.BASIC])
        self.front.setPlaceholderText(front)
        self.back.setPlaceholderText(back)

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


def _text_field(placeholder: str) -> MediaTextEdit:
    field = MediaTextEdit()  # takes pasted and dropped pictures and sounds
    field.setPlaceholderText(placeholder)
    field.setTabChangesFocus(True)  # Tab moves on to the next field, as in a form
    return field


def _label(text: str, buddy: QWidget | None) -> QLabel:
    label = QLabel(text)
    label.setObjectName("fieldLabel")
    if buddy is not None:
        label.setBuddy(buddy)
    return label
