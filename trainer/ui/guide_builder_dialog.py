"""File > Build cards from a guide: paste or open a guide, review the proposed cards, add.

The guide's text is on the left; the proposals, grouped by kind, on the right. Selecting a
proposal highlights the lines it came from and puts its front and back in fields below the
list for editing; each check box keeps or drops a card. The cards go to an existing deck or
to a new one typed into the deck box, through `services.card_edits.add_cards`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from trainer.core.guide_cards import drafts_for
from trainer.core.guide_reader import propose_cards
from trainer.resources import resource_path
from trainer.services.services import Services
from trainer.ui import file_folders, messages
from trainer.ui.proposal_tree_model import KIND_NOUNS, ProposalTreeModel
from trainer.ui.safe_text import plain

PASTED_SOURCE = "pasted guide"
# The app's look (resources/styles/keeper.qss) gives primary buttons no disabled state and
# combo boxes a bordered frame without a styled arrow; this dialog has both.
_LOCAL_STYLE = """
QPushButton#primary:disabled {
    background: palette(button); color: palette(placeholder-text); border: 1px dashed palette(mid);
}
QComboBox::drop-down { border: none; width: 26px; }
QComboBox::down-arrow { image: url("@chevron"); width: 12px; height: 12px; }
QTreeView::item { padding: 1px 2px; }
"""
FILE_FILTER = "Guides (*.txt *.md *.markdown);;All files (*)"


class GuideReadError(Exception):
    """The file cannot be used as a guide; the message names the file and the reason."""


def read_guide_file(path: Path) -> str:
    """The file's text (UTF-8, with or without a BOM)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GuideReadError(f"{path.name} is not UTF-8 text. Save it as UTF-8.") from None
    except OSError as error:
        raise GuideReadError(f"{path.name} cannot be read: {error.strerror or error}") from None
    if not text.strip():
        raise GuideReadError(f"{path.name} is empty.")
    return text


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionLabel")
    label.setStyleSheet("font-weight: 600;")
    return label


class GuideBuilderDialog(QDialog):
    cards_added = Signal(int, int)  # added, skipped

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.source_name = PASTED_SOURCE
        self._loading_fields = False
        self.setWindowTitle("Build cards from a guide")
        chevron = resource_path("styles", "chevron-down.svg").as_posix()
        self.setStyleSheet(_LOCAL_STYLE.replace("@chevron", chevron))
        self.resize(1180, 760)

        intro = QLabel(
            "Paste a prep guide (plain text or Markdown) or open a file, then propose cards. "
            "Keep, edit or drop each one, choose a deck, and add them."
        )
        intro.setObjectName("subtle")
        intro.setWordWrap(True)
        self.open_button = QPushButton("Open file…")
        self.open_button.clicked.connect(self._choose_file)
        self.propose_button = QPushButton("Propose cards")
        self.propose_button.setObjectName("primary")
        self.propose_button.setToolTip("Read the guide and propose cards (Ctrl+Enter)")
        self.propose_button.clicked.connect(self.propose)
        self.edit_button = QPushButton("Edit the guide")
        self.edit_button.setToolTip("Change the guide's text; the proposals are cleared")
        self.edit_button.clicked.connect(self.edit_guide)
        self.edit_button.hide()
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(key), self).activated.connect(self.propose)

        # A QTextEdit, not a QPlainTextEdit: it lays out the whole guide at once, so scrolling
        # to a proposal's lines lands exactly even when long lines wrap.
        self.source = QTextEdit()
        self.source.setAcceptRichText(False)
        self.source.setPlaceholderText("Paste the guide here…")
        self.source.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)

        self.model = ProposalTreeModel()
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)

        self.front = QPlainTextEdit()
        self.back = QPlainTextEdit()
        for field in (self.front, self.back):
            field.setTabChangesFocus(True)
            field.setMinimumHeight(56)
            field.setMaximumHeight(96)
            field.setEnabled(False)
            field.textChanged.connect(self._field_edited)
        self.front.setPlaceholderText("Select a card to edit its front")
        self.back.setPlaceholderText("…and its back")

        self.deck = QComboBox()
        self.deck.setEditable(True)
        self.deck.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.deck.setMinimumWidth(180)
        self._fill_decks()
        self.deck.editTextChanged.connect(lambda _: self._update_add_button())
        self.status = plain(QLabel())
        self.status.setObjectName("subtle")
        self.status.setWordWrap(True)
        self.add_button = QPushButton("Add cards")
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self.add)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        for button in (self.open_button, self.propose_button, self.edit_button, close):
            button.setAutoDefault(False)
        self.add_button.setAutoDefault(False)
        self.model.changed.connect(self._update_add_button)

        self._lay_out(intro, close)
        self._update_add_button()
        self.source.setFocus(Qt.FocusReason.OtherFocusReason)

    def _lay_out(self, intro: QLabel, close: QPushButton) -> None:
        actions = QHBoxLayout()
        for button in (self.open_button, self.propose_button, self.edit_button):
            actions.addWidget(button)
        actions.addStretch()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(_label("Guide"))
        left_layout.addWidget(self.source, stretch=1)

        fields = QFormLayout()
        fields.setContentsMargins(0, 4, 0, 0)
        fields.addRow("Front", self.front)
        fields.addRow("Back", self.back)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(_label("Proposed cards"))
        right_layout.addWidget(self.tree, stretch=1)
        right_layout.addLayout(fields)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([460, 700])

        # The status gets a line of its own: beside the deck it made the dialog 700 px wide.
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel("Deck"))
        bottom.addWidget(self.deck, stretch=1)
        bottom.addWidget(self.add_button)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(actions)
        layout.addWidget(splitter, stretch=1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)

    # --- the guide ---

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Open a guide", file_folders.start_folder(), FILE_FILTER
        )
        file_folders.remember(name)
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> bool:
        """Show the file's text and propose its cards; False (after saying why) if unreadable."""
        try:
            text = read_guide_file(path)
        except GuideReadError as error:
            messages.warning(self, "Cannot open the guide", str(error))
            return False
        self.edit_guide()
        self.source.setPlainText(text)
        self.source_name = path.name
        self.propose()
        return True

    def edit_guide(self) -> None:
        """Back to editing the text: the proposals no longer match it, so they go."""
        self.model.set_drafts([])
        self.source.setReadOnly(False)
        self.source.setExtraSelections([])
        self.edit_button.hide()
        self.propose_button.show()
        self._show_fields(None)
        self.status.clear()

    def propose(self) -> None:
        if self.source.isReadOnly():  # already proposed: keep the user's review
            return
        text = self.source.toPlainText()
        if not text.strip():
            self.status.setText("Paste a guide or open a file first.")
            return
        lines = text.splitlines()  # the reader's line numbers are the pane's block numbers
        if "\n".join(lines) != text.rstrip("\n"):
            self.source.setPlainText("\n".join(lines))
        drafts = drafts_for(propose_cards("\n".join(lines)), self.source_name)
        self.model.set_drafts(drafts)
        self.source.setReadOnly(True)
        self.propose_button.hide()
        self.edit_button.show()
        self.tree.expandAll()
        if not drafts:
            self.status.setText(
                "No cards found. Cards come from questions, list items, Q:/A: blocks, "
                'rewrites (BAD/GOOD, Don\'t/Do, "rather than") and named values.'
            )
            return
        counts = []
        for kind in self.model.kinds():
            count = sum(draft.proposal.kind == kind for draft in drafts)
            counts.append(f"{count} {KIND_NOUNS[kind][count != 1]}")
        cards = "card" if len(drafts) == 1 else "cards"
        self.status.setText(f"{len(drafts)} {cards} proposed ({', '.join(counts)}).")
        first = self.model.index(0, 0, self.model.index(0, 0))
        self.tree.setCurrentIndex(first)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- reviewing one proposal ---

    def _selection_changed(self, selected: QItemSelection, _: QItemSelection) -> None:
        indexes = selected.indexes()
        self._show_fields(indexes[0].siblingAtColumn(0) if indexes else None)

    def _show_fields(self, index: QModelIndex | None) -> None:
        draft = self.model.draft_at(index) if index is not None else None
        self._loading_fields = True
        self.front.setPlainText(draft.card.front if draft else "")
        self.back.setPlainText(draft.card.back if draft else "")
        self._loading_fields = False
        for field in (self.front, self.back):
            field.setEnabled(draft is not None)
        self._highlight(draft.proposal.source_lines if draft else None)

    def _field_edited(self) -> None:
        index = self.tree.currentIndex().siblingAtColumn(0)
        if not self._loading_fields and self.model.draft_at(index) is not None:
            self.model.set_text(index, self.front.toPlainText(), self.back.toPlainText())

    def _highlight(self, lines: tuple[int, int] | None) -> None:
        """Shade the guide's lines `first..last` (1-based) and scroll them into view."""
        if lines is None:
            self.source.setExtraSelections([])
            return
        document = self.source.document()
        first = document.findBlockByNumber(lines[0] - 1)
        last = document.findBlockByNumber(lines[1] - 1)
        if not first.isValid() or not last.isValid():
            return
        cursor = QTextCursor(first)
        end = last.position() + last.length()  # past the line's end, so it shades full width
        cursor.setPosition(min(end, document.characterCount() - 1), QTextCursor.MoveMode.KeepAnchor)
        shade = QTextEdit.ExtraSelection()
        shade.cursor = cursor
        color = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        shade.format.setBackground(color)
        shade.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        self.source.setExtraSelections([shade])
        self.source.setTextCursor(QTextCursor(first))
        # The line above the range at the top of the pane, the range right under it.
        above = first.previous() if first.previous().isValid() else first
        top = document.documentLayout().blockBoundingRect(above).top()
        self.source.verticalScrollBar().setValue(int(top))

    # --- adding ---

    def _fill_decks(self) -> None:
        typed = self.deck.currentText()
        self.deck.clear()
        self.deck.addItems([deck.name for deck in self.services.decks.decks()])
        self.deck.setCurrentIndex(-1)
        self.deck.setEditText(typed)
        line_edit = self.deck.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText("Choose a deck or type a name")

    def _update_add_button(self) -> None:
        count = len(self.model.accepted_cards())
        self.add_button.setText(f"Add {count} card" + ("" if count == 1 else "s"))
        self.add_button.setEnabled(count > 0 and bool(self.deck.currentText().strip()))

    def add(self) -> None:
        deck = self.deck.currentText().strip()
        cards = self.model.accepted_cards()
        if not deck or not cards:
            return
        try:
            result = self.services.card_edits.add_cards(deck, cards)
        except Exception as error:  # noqa: BLE001 - shown to the user, the dialog stays usable
            messages.critical(self, "The cards were not added", str(error))
            return
        message = f"Added {result.added} card{'' if result.added == 1 else 's'} to “{deck}”."
        if result.skipped:
            message += f" Skipped {result.skipped} already in your collection."
        self.status.setText(message)
        self._fill_decks()
        self.cards_added.emit(result.added, result.skipped)


def open_guide_builder(
    parent: QWidget, services: Services, on_added: Callable[[], None]
) -> GuideBuilderDialog:
    """Open the dialog (window-modal, not blocking); `on_added` runs after each add."""
    dialog = GuideBuilderDialog(services, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.cards_added.connect(lambda *_: on_added())
    dialog.open()
    return dialog
