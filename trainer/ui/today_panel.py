"""The home screen's "today" strip: reviews, time, streak, and the interview countdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from trainer.ui.lean_qt import new_button

if TYPE_CHECKING:
    from trainer.core.today import TodayStats
    from trainer.services.plan_service import Countdown


class TodayPanel(QFrame):
    open_statistics = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayPanel")
        self.grid = QGridLayout(self)  # first, and each widget made in it: see HomeView
        self.studied = QLabel(self)
        self.time = QLabel(self)
        self.streak = QLabel(self)
        self.countdown = QLabel(self)
        self.countdown.setObjectName("countdown")
        self.stats_button = new_button(self, "Statistics")
        self.stats_button.setToolTip("Progress, the interview plan and the memory model (Ctrl+4)")
        self.stats_button.clicked.connect(self.open_statistics)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(6)
        for column, label in enumerate((self.studied, self.time, self.streak)):
            self.grid.addWidget(label, 0, column)
        self.grid.setColumnStretch(4, 1)
        self.grid.addWidget(self.stats_button, 0, 5)  # the figures come with the first refresh
        self._countdown_wide: bool | None = None
        self._place_countdown(wide=True)

    def _place_countdown(self, wide: bool) -> None:
        """Beside the figures when they all fit, else on a line of its own under them: a
        narrow window clips nothing."""
        if wide == self._countdown_wide:
            return
        self._countdown_wide = wide
        self.grid.removeWidget(self.countdown)
        if wide:
            self.grid.addWidget(self.countdown, 0, 3)
        else:
            self.grid.addWidget(self.countdown, 1, 0, 1, 5)

    def _width_in_one_line(self) -> int:
        labels = (self.studied, self.time, self.streak, self.countdown, self.stats_button)
        spacing = self.grid.horizontalSpacing() * (len(labels) - 1)
        return sum(widget.sizeHint().width() for widget in labels) + spacing

    def _fit_countdown(self) -> None:
        self._place_countdown(wide=self.width() >= self._width_in_one_line())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_countdown()

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
            self._fit_countdown()
            return
        when = countdown_words(countdown.days, bold=True)
        self.countdown.setText(f"Interview {when} ({countdown.interview:%a %d %b})")
        self.countdown.setToolTip("Study now follows the plan for the day")
        self._fit_countdown()


def countdown_words(days: int, bold: bool = False) -> str:
    """'today', 'tomorrow' or 'in N days' (the day or count in bold, for the home strip)."""
    if days <= 1:
        word = "today" if days <= 0 else "tomorrow"
        return f"<b>{word}</b>" if bold and days <= 0 else word
    return f"in <b>{days}</b> days" if bold else f"in {days} days"
