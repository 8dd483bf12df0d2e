"""The end of a session: cards studied, again-rate, time spent, when cards are due next."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from trainer.core.session import SessionSummary
from trainer.services.study_service import AHEAD, FORGOTTEN, MORE_NEW
from trainer.ui.wrap_row import WrapRow

# What a finished deck still offers (Anki's custom study): key, label, kind, how many.
EXTRA_STUDY = (
    ("A", "Study ahead: the next 3 days  (A)", AHEAD, 3),
    ("N", "10 more new cards  (N)", MORE_NEW, 10),
    ("F", "Cards forgotten today  (F)", FORGOTTEN, 0),
)


class SummaryView(QWidget):
    leave = Signal()
    extra_study = Signal(str, int)  # kind, count: see trainer.services.study_service

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryView")
        self.heading = QLabel("Session complete")
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
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
        layout.setContentsMargins(48, 24, 48, 16)  # fits the window's smallest size, 640x480
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        for label in lines:
            layout.addWidget(label)
        self.keep_going = QLabel("Keep going:")
        self.keep_going.setObjectName("subtle")
        self.extra_buttons: dict[str, QPushButton] = {}
        for key, text, kind, count in EXTRA_STUDY:
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=kind, c=count: self.extra_study.emit(k, c))
            self.extra_buttons[kind] = button
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(button.click)
        extra_row = WrapRow(list(self.extra_buttons.values()))  # whole at any width
        self.notice = QLabel()  # "nothing to study ahead", after a choice found nothing
        self.notice.setObjectName("subtle")

        layout.addSpacing(16)
        layout.addWidget(self.back_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(16)
        layout.addWidget(self.keep_going)
        layout.addWidget(extra_row)
        layout.addWidget(self.notice)
        layout.addStretch()

    def show_summary(
        self,
        summary: SessionSummary,
        next_due: datetime | None,
        deck_name: str | None = None,
        now: datetime | None = None,
    ) -> None:
        """`deck_name`: the deck studied (None: every deck); `now`: what "now" is."""
        where = f"in {deck_name}" if deck_name else "in your decks"
        self.heading.setText(
            "Session complete" if summary.studied else f"Nothing left to study today {where}"
        )
        self.notice.clear()
        for line in (self.studied, self.grades, self.again_rate, self.time_spent):
            line.setVisible(summary.studied > 0)  # nothing studied: only what comes next
        minutes, seconds = divmod(round(summary.seconds), 60)
        self.studied.setText(f"Cards studied: {summary.studied}")
        again, hard, good, easy = summary.by_rating
        self.grades.setText(f"Again {again} · Hard {hard} · Good {good} · Easy {easy}")
        self.again_rate.setText(f"Again-rate: {summary.again_rate:.0%}")
        self.time_spent.setText(f"Time spent: {minutes} min {seconds:02d} s")
        if next_due is None:
            self.next_due.setText(f"Next due {where}: nothing scheduled yet")
        elif now is not None and next_due <= now:  # left over: a limit, or the session ended
            self.next_due.setText(f"Next due {where}: now")
        else:
            local = next_due.astimezone()
            self.next_due.setText(f"Next due {where}: {local:%a %d %b, %H:%M}")
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def say(self, text: str) -> None:
        self.notice.setText(text)
