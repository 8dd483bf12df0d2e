"""The end of a session: cards studied, again-rate, time spent, when cards are due next."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from trainer.core.session import SessionSummary


class SummaryView(QWidget):
    leave = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryView")
        self.heading = QLabel("Session complete")
        self.heading.setObjectName("heading")
        self.studied = QLabel()
        self.again_rate = QLabel()
        self.grades = QLabel()  # how many of each grade
        self.time_spent = QLabel()
        self.next_due = QLabel()
        lines = (self.studied, self.grades, self.again_rate, self.time_spent, self.next_due)
        for label in lines:
            label.setObjectName("summaryLine")
        self.back_button = QPushButton("Back to decks  (Enter)")
        self.back_button.setObjectName("primary")
        # Not focusable: Space, the key that ends every card, must not press it out of habit.
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_button.clicked.connect(self.leave)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the room holds the focus itself
        for key in ("Escape", "Return", "Enter"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.leave)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        for label in lines:
            layout.addWidget(label)
        layout.addSpacing(16)
        layout.addWidget(self.back_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()

    def show_summary(self, summary: SessionSummary, next_due: datetime | None) -> None:
        minutes, seconds = divmod(round(summary.seconds), 60)
        self.studied.setText(f"Cards studied: {summary.studied}")
        again, hard, good, easy = summary.by_rating
        self.grades.setText(f"Again {again} · Hard {hard} · Good {good} · Easy {easy}")
        self.again_rate.setText(f"Again-rate: {summary.again_rate:.0%}")
        self.time_spent.setText(f"Time spent: {minutes} min {seconds:02d} s")
        if next_due is None:
            self.next_due.setText("Next due: nothing scheduled yet")
        else:
            local = next_due.astimezone()
            self.next_due.setText(f"Next due: {local:%a %d %b, %H:%M}")
        self.setFocus(Qt.FocusReason.OtherFocusReason)
