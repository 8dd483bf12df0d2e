"""The interview page: set the date (all decks or one), see recall on the day and the plan.

The page never reads the database: the room hands it the decks, the dates and the plan,
and it asks for changes through `date_changed` (deck id, or 0 for all; an empty date clears).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer.core.model import DeckId
from trainer.core.queue import DeckOverview
from trainer.services.interview_planning import PlanReport
from trainer.services.plan_service import Countdown, InterviewDates
from trainer.ui.safe_text import plain
from trainer.ui.statistics.chart_helpers import BLUE, bar_chart
from trainer.ui.statistics.plan_table_model import PlanTableModel
from trainer.ui.statistics.progress_page import Box, scrolled_content
from trainer.ui.today_panel import countdown_words
from trainer.ui.wrap_row import WrapRow

ALL_DECKS = 0


class PlanPage(QScrollArea):
    date_changed = Signal(int, object)  # deck id (0: all decks), datetime.date or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planPage")
        content = scrolled_content(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 12, 24, 24)
        layout.setSpacing(12)

        interview = Box("Your interview", content)
        # Wraps in a narrow window instead of making the page scroll sideways.
        form = interview.add(WrapRow(spacing=8, parent=interview))
        self.date_edit = QDateEdit(form)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.date_edit.setMinimumWidth(170)
        self.deck_choice = QComboBox(form)
        self.deck_choice.setMinimumWidth(200)
        self.set_button = QPushButton("Set date", form)
        self.set_button.setObjectName("primary")
        self.clear_button = QPushButton("Clear", form)
        self.set_button.clicked.connect(self._set)
        self.clear_button.clicked.connect(self._clear)
        self.deck_choice.currentIndexChanged.connect(lambda _i: self._show_chosen_date())
        form.hold(
            [QLabel("Interview on", form), self.date_edit, QLabel("for", form), self.deck_choice,
             self.set_button, self.clear_button],
        )  # fmt: skip
        self.dates_line = interview.add(plain(QLabel(interview)))  # deck names
        self.dates_line.setObjectName("subtle")
        self.dates_line.setWordWrap(True)
        layout.addWidget(interview)

        self.result = Box("Recall on the day", content)
        self.countdown = self.result.add(QLabel(self.result))
        self.countdown.setObjectName("tileValue")
        self.summary = self.result.add(QLabel(self.result))
        self.summary.setWordWrap(True)
        self.model = PlanTableModel()
        self.table = self.result.add(QTableView(self.result))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(PlanTableModel.HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(150)
        layout.addWidget(self.result)
        self.chart_holder = QVBoxLayout()
        self.chart_holder.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.chart_holder)
        self.chart: QWidget | None = None
        self._content = content
        self.note = QLabel(content)
        self.note.setObjectName("subtle")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        layout.addStretch()
        self._dates = InterviewDates()
        self._today = date.today()

    def show_dates(
        self, decks: Sequence[DeckOverview], dates: InterviewDates, today: date, max_days: int
    ) -> None:
        self._dates = dates
        self._today = today
        self.date_edit.setMinimumDate(_qdate(today))  # an interview today is planned too
        self.date_edit.setMaximumDate(_qdate(today + timedelta(days=max_days)))
        chosen = self.deck_choice.currentData()
        self.deck_choice.blockSignals(True)
        self.deck_choice.clear()
        self.deck_choice.addItem("All decks", ALL_DECKS)
        for deck in decks:
            self.deck_choice.addItem(deck.name, deck.deck_id)
        index = self.deck_choice.findData(chosen)
        self.deck_choice.setCurrentIndex(max(0, index))
        self.deck_choice.blockSignals(False)
        self._show_chosen_date()
        names = {deck.deck_id: deck.name for deck in decks}
        parts = []
        if dates.all_decks:
            parts.append(f"All decks: {dates.all_decks:%a %d %b %Y}")
        for deck_id, day in sorted(dates.by_deck.items(), key=lambda item: item[1]):
            if deck_id in names:
                parts.append(f"{names[deck_id]}: {day:%a %d %b %Y}")
        self.dates_line.setText(
            " · ".join(parts) if parts else "No date set. Pick the day of your interview."
        )

    def show_plan(self, report: PlanReport | None, countdown: Countdown | None) -> None:
        has_plan = report is not None and bool(report.decks)
        self.result.setVisible(has_plan)
        if self.chart is not None:
            self.chart_holder.removeWidget(self.chart)
            self.chart.hide()
            self.chart.deleteLater()
            self.chart = None
        if report is None or not has_plan:
            self.note.setText(
                "Set the date of your interview: Keeper predicts each deck's recall on that day "
                "and plans the reviews of the days before it, so that recall reaches 90% with "
                "the least work. Study sessions then follow the plan."
            )
            return
        if countdown is not None:
            days = countdown_words(countdown.days)
            self.countdown.setText(f"Interview {days} ({countdown.interview:%a %d %b})")
        total, normal = report.total_reviews, report.normal_reviews
        first = report.daily[0].reviews if report.daily else 0
        later = report.daily[1:]
        # Today holds new cards' first steps: an average over all days would hide it.
        pace = (
            f"{first} today, then about {(total - first) / len(later):.0f} a day after"
            if later
            else f"{first} today"
        )
        self.summary.setText(
            f"{total} reviews until then ({pace}) bring every deck to "
            f"{report.target:.0%} recall on the day. Studying every due card each day would "
            f"take {normal}."
        )
        self.model.set_decks(report.decks, report.target)
        # One date for every deck is said above; its column would only squeeze the names.
        self.table.setColumnHidden(1, len({deck.interview for deck in report.decks}) == 1)
        today = report.daily[0].reviews if report.daily else 0
        self.chart = bar_chart(
            "Planned reviews per day",
            [f"{day.day:%a %d}" for day in report.daily],
            [day.reviews for day in report.daily],
            BLUE,
            y_title="reviews",
            label_every=max(1, len(report.daily) // 10),
            parent=self._content,
        )
        self.chart.setObjectName("planChart")
        self.chart_holder.addWidget(self.chart)
        self.chart.show()  # now, not a turn later (a layout shows a new child queued)
        self.note.setText(
            f"Study now follows the plan: {today} reviews today, new cards' first steps "
            "included. The plan assumes you answer Good and is worked out again each time "
            "you study, so a miss is made up for on the following days."
        )

    def chosen_deck(self) -> int:
        return int(self.deck_choice.currentData() or ALL_DECKS)

    def _show_chosen_date(self) -> None:
        deck = self.chosen_deck()
        current = self._dates.all_decks if deck == ALL_DECKS else self._dates.for_deck(DeckId(deck))
        fallback = self._dates.all_decks or self._today + timedelta(days=21)
        self.date_edit.setDate(_qdate(current or fallback))

    def _set(self) -> None:
        self.date_changed.emit(self.chosen_deck(), self.date_edit.date().toPython())

    def _clear(self) -> None:
        self.date_changed.emit(self.chosen_deck(), None)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
