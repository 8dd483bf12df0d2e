"""The home screen: decks with their new and due counts, and "Study now"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer.core.queue import DeckOverview
from trainer.ui.deck_list_model import DeckListModel
from trainer.ui.lean_qt import CUSTOM_CONTEXT_MENU, WIDGET_SHORTCUT, new_button
from trainer.ui.today_panel import TodayPanel


class HomeView(QWidget):
    study_all = Signal()
    study_deck = Signal(int)  # deck id
    deck_options = Signal(int)  # deck id
    manage_decks = Signal()
    open_stories = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homeView")
        # Made in place, top-down (each widget in its final parent, the layouts first): a
        # subtree moved into another widget is restyled again under the app's style sheet.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        self.heading = QLabel("Your decks", self)
        self.heading.setObjectName("heading")
        self.summary = QLabel(self)
        self.summary.setObjectName("subtle")
        self.clock_notice = QLabel(self)  # shown while the clock reads before the newest review
        self.clock_notice.setWordWrap(True)
        self.clock_notice.hide()
        self.today = TodayPanel(self)  # studied, time, streak, interview countdown
        for widget in (self.heading, self.summary, self.clock_notice, self.today):
            layout.addWidget(widget)

        self.model = DeckListModel()
        self.table = QTableView(self)
        layout.addWidget(self.table, stretch=1)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(DeckListModel.HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda index: self._study_row(index.row()))
        self.table.setProperty("contextMenuPolicy", CUSTOM_CONTEXT_MENU)  # right-click, Menu key
        self.table.customContextMenuRequested.connect(self._deck_menu)

        buttons = QHBoxLayout()
        layout.addLayout(buttons)
        self.study_now = new_button(self, "Study now")
        self.study_now.setObjectName("primary")
        self.study_now.setAutoDefault(True)  # Enter on the focused button starts studying
        self.study_now.setToolTip("Study every deck's due cards (Enter)")
        self.study_now.clicked.connect(self.study_all)
        self.study_selected = new_button(self, "Study selected deck")
        self.study_selected.setAutoDefault(True)
        self.study_selected.clicked.connect(lambda: self._study_row(self._selected_row()))
        for key in ("Return", "Enter"):
            shortcut = QShortcut(self.table)
            shortcut.setProperty("key", key)  # as text: see lean_qt
            shortcut.setProperty("context", WIDGET_SHORTCUT)  # only while the table has focus
            shortcut.activated.connect(lambda: self._study_row(self._selected_row()))

        buttons.addWidget(self.study_now)
        buttons.addWidget(self.study_selected)
        buttons.addStretch()
        self.stories_button = new_button(self, "My stories")
        self.stories_button.setToolTip("Write and rehearse your failure stories (Ctrl+2)")
        self.stories_button.clicked.connect(self.open_stories)
        buttons.addWidget(self.stories_button)

    def show_decks(self, decks: Sequence[DeckOverview]) -> None:
        self.model.set_decks(decks)
        new = sum(deck.new for deck in decks)
        due = sum(deck.due for deck in decks)  # learning and reviews due now
        learning = sum(deck.learning for deck in decks)
        reviews = sum(deck.reviews for deck in decks)
        if new + due:
            self.summary.setText(
                f"Today: {new} new, {learning} learning and {reviews} due"
                f" across {len(decks)} decks."
            )
        elif learning:
            cards = "card comes" if learning == 1 else "cards come"
            self.summary.setText(
                f"Nothing due right now: {learning} learning {cards} back later today."
            )
        else:
            self.summary.setText("All done for today. Come back tomorrow, or add cards.")
        self.study_now.setEnabled(new + due > 0)
        self.study_selected.setEnabled(bool(decks))

    def show_planning(self) -> None:
        """Said while today's interview plan is being made: the counts shown are as due."""
        self.summary.setText(
            "Planning today's reviews for your interview… the counts below are as due."
        )

    def show_planning_failed(self, error: str) -> None:
        """Said when today's interview plan could not be read: the counts shown are as due."""
        self.summary.setText(
            f"Today's reviews for your interview could not be planned ({error});"
            " the counts below are as due."
        )

    def show_clock_behind(self, newest_review: datetime | None) -> None:
        """One line while the computer's clock reads earlier than the newest review."""
        if newest_review is None:
            self.clock_notice.hide()
            return
        self.clock_notice.setText(
            f"Your computer's clock reads earlier than your last review"
            f" ({newest_review.astimezone():%a %d %b %Y, %H:%M}). Today's figures count"
            " only what you study today; check the date and time."
        )
        self.clock_notice.show()

    def focus_study_now(self) -> None:
        self.study_now.setFocus()  # Qt's OtherFocusReason

    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _deck_menu(self, position: QPoint) -> None:
        from PySide6.QtWidgets import QMenu  # built on first use, not at start-up

        index = self.table.indexAt(position)
        row = index.row() if index.isValid() else self._selected_row()
        deck = self.model.deck_at(row)
        menu = QMenu(self)
        if deck is not None:
            self.table.selectRow(row)
            menu.addAction("&Study this deck", lambda: self.study_deck.emit(deck.deck_id))
            menu.addAction("&Options…", lambda: self.deck_options.emit(deck.deck_id))
            menu.addSeparator()
        menu.addAction("&Manage decks…", self.manage_decks.emit)
        menu.exec(self.table.viewport().mapToGlobal(position))

    def _study_row(self, row: int) -> None:
        deck = self.model.deck_at(row)
        if deck is not None:
            self.study_deck.emit(deck.deck_id)
