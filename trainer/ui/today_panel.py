"""The home screen's "today" strip: reviews, time, streak, and the interview countdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

if TYPE_CHECKING:
    from trainer.core.today import TodayStats
    from trainer.services.plan_service import Countdown


class TodayPanel(QFrame):
    open_statistics = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayPanel")
        self.studied = QLabel()
        self.time = QLabel()
        self.streak = QLabel()
        self.countdown = QLabel()
        self.countdown.setObjectName("countdown")
        self.stats_button = QPushButton("Statistics")
        self.stats_button.setToolTip("Progress, the interview plan and the memory model (Ctrl+4)")
        self.stats_button.clicked.connect(self.open_statistics)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)
        for label in (self.studied, self.time, self.streak, self.countdown):
            layout.addWidget(label)
        layout.addStretch()
        layout.addWidget(self.stats_button)  # the figures come with the window's first refresh

    def show_today(self, today: TodayStats, countdown: Countdown | None) -> None:
        cards = "card" if today.cards == 1 else "cards"
        self.studied.setText(f"Studied today: <b>{today.cards}</b> {cards}")
        self.studied.setToolTip(f"{today.reviews} reviews, counting repeats of a card")
        minutes = round(today.seconds / 60)
        self.time.setText(f"Time: <b>{minutes}</b> min")
        days = "day" if today.streak == 1 else "days"
        self.streak.setText(f"Streak: <b>{today.streak}</b> {days}")
        if countdown is None:
            self.countdown.setText("No interview date set")
            self.countdown.setToolTip("Set it in Statistics > Interview plan")
            return
        when = "tomorrow" if countdown.days == 1 else f"in <b>{countdown.days}</b> days"
        self.countdown.setText(f"Interview {when} ({countdown.interview:%a %d %b})")
        self.countdown.setToolTip("Study now follows the plan for the day")
