"""The Statistics room: progress, the interview plan and the memory model, in three tabs.

The room reads through the services when it is entered (or a date changes) and hands
plain values to its pages. Reading, planning and fitting run off the GUI thread (a big
collection takes seconds). Entering does not wait for the read: the room shows at once and
says it is reading; when the read lands it draws the tab shown one piece per turn of the
event loop (the numbers first, then each chart), so keys, tabs and leaving work throughout;
a tab not shown is built and drawn when it is first shown. Setting a
date or fitting the model waits behind a progress dialog (it changes what the room shows).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar, cast

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.core.model import DeckId
from trainer.core.optimizer import NotEnoughHistory
from trainer.core.queue import DeckOverview
from trainer.core.statistics import StatisticsReport
from trainer.services.interview_planning import PlanReport
from trainer.services.plan_service import MAX_DAYS_AHEAD, Countdown, InterviewDates
from trainer.services.services import Services
from trainer.ui import messages
from trainer.ui.background_read import BackgroundRead
from trainer.ui.statistics.optimizer_page import OptimizerPage
from trainer.ui.statistics.plan_page import ALL_DECKS, PlanPage
from trainer.ui.statistics.progress_page import ProgressPage

PROGRESS, PLAN, MODEL = range(3)
T = TypeVar("T")


@dataclass(frozen=True)
class _PlanData:
    today: date
    dates: InterviewDates
    decks: list[DeckOverview]
    report: PlanReport | None
    countdown: Countdown | None


class _PageHolder(QWidget):
    """A tab's place for a page built when first needed; focus goes to the page."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def hold(self, page: QWidget) -> None:
        self._layout.addWidget(page)
        page.show()  # now, not a turn later (a layout shows a new child queued)
        # Styled now, in the turn that builds it: a page in a hidden tab was otherwise
        # polished at its tab's first showing (90 ms at a loaded machine).
        page.ensurePolished()
        self.setFocusProxy(page)


_Everything = tuple[StatisticsReport, _PlanData, tuple[float, ...] | None]


class StatisticsView(QWidget):
    leave = Signal()
    changed = Signal()  # something the home screen shows changed (a date, the parameters)
    drawn = Signal()  # what was read on entering is on screen, for the tab shown

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statisticsView")
        self.services = services
        # Styled first and each widget made in its place: a style sheet set afterwards, or a
        # widget moved into another, restyles every widget below it again.
        self._restyling = False
        self._style()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 8)
        layout.setSpacing(8)
        top = QHBoxLayout()
        layout.addLayout(top)
        self.heading = QLabel("Statistics", self)
        self.heading.setObjectName("heading")
        self.reading = QLabel("Reading your statistics...", self)
        self.reading.setObjectName("subtle")
        self.reading.hide()
        self._read = BackgroundRead(self)
        self._read.landed.connect(self._read_landed)
        self._pieces: deque[Callable[[], None]] = deque()
        # What a read landed brought for the tabs not shown: drawn when each is first shown.
        self._waiting: dict[int, list[Callable[[], None]]] = {}
        self._next_piece = QTimer(self)
        self._next_piece.setSingleShot(True)
        self._next_piece.setInterval(0)  # after the events (paints, keys) queued meanwhile
        self._next_piece.timeout.connect(self._draw_next_piece)
        self.back_button = QPushButton("Back to decks", self)
        self.back_button.setToolTip("Back to your decks (Esc)")
        self.back_button.clicked.connect(self.leave)
        escape = QShortcut(QKeySequence("Escape"), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.leave)

        top.addWidget(self.heading)
        top.addSpacing(16)
        top.addWidget(self.reading)
        top.addStretch()
        top.addWidget(self.back_button)

        self._plan: PlanPage | None = None  # the hidden pages: built when first needed
        self._model: OptimizerPage | None = None
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, stretch=1)
        pages = self.tabs.findChild(QStackedWidget)  # where a tab's page lives
        assert pages is not None
        self.progress = ProgressPage(pages)
        self.tabs.addTab(self.progress, "Progress")
        self.tabs.addTab(_PageHolder(pages), "Interview plan")
        self.tabs.addTab(_PageHolder(pages), "Memory model")
        self.tabs.currentChanged.connect(self._build_page)

    @property
    def plan(self) -> PlanPage:
        """The interview plan page, built on first use (its tab shown): the room's opening
        on another tab does not wait for it."""
        if self._plan is None:
            self._plan = PlanPage(self._holder(PLAN))
            self._plan.date_changed.connect(self._change_date)
            self._holder(PLAN).hold(self._plan)
        return self._plan

    @property
    def model(self) -> OptimizerPage:
        """The memory model page, built on first use like the plan page."""
        if self._model is None:
            self._model = OptimizerPage(self._holder(MODEL))
            self._model.optimize_requested.connect(self.optimize)
            self._model.reset_requested.connect(self._reset_parameters)
            self._holder(MODEL).hold(self._model)
        return self._model

    def _holder(self, tab: int) -> _PageHolder:
        holder = self.tabs.widget(tab)
        assert isinstance(holder, _PageHolder)
        return holder

    def _build_page(self, tab: int) -> None:
        if tab == PLAN:
            self.plan  # noqa: B018 - builds it
        elif tab == MODEL:
            self.model  # noqa: B018 - builds it
        self._draw_tab(tab)

    def enter(self, tab: int | None = None) -> None:
        """Re-read everything and show the room (optionally on one tab)."""
        self.refresh()
        if tab is not None:
            self.tabs.setCurrentIndex(tab)
        self.tabs.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def drawing(self) -> bool:
        """True from a refresh until what it read for the tab shown is on screen (the
        other tabs' part is drawn when each is shown)."""
        return self._read.running or bool(self._pieces)

    def refresh(self) -> None:
        """Read the report, the plan and the parameters off the GUI thread; they are drawn
        when the read lands. A read or drawing under way is dropped for the new one."""
        self._pieces.clear()
        self._waiting.clear()
        self._next_piece.stop()
        self.reading.show()
        self._read.start(self._read_everything)

    def _read_landed(self, value: object, error: object) -> None:
        self.reading.hide()
        if error is not None:
            messages.warning(self, "Keeper", str(error))
            return
        report, plan, parameters = cast(_Everything, value)
        # A date set or a model fitted meanwhile changed the settings: the window then
        # refreshed the room, and this read's result never lands.
        self._waiting = {
            PROGRESS: self.progress.report_pieces(report),
            PLAN: [lambda: self._show_plan(plan)],
            MODEL: [lambda: self.model.show_in_use(parameters)],
        }
        self._draw_tab(self.tabs.currentIndex())

    def _draw_tab(self, tab: int) -> None:
        """Draws what waits for `tab`, one piece per turn: ahead of another tab's pieces
        still drawing, and the first one now if none are."""
        waiting = self._waiting.pop(tab, [])
        if not waiting:
            return
        drawing = bool(self._pieces)
        self._pieces.extendleft(reversed(waiting))
        if not drawing:
            self._draw_next_piece()

    def _draw_next_piece(self) -> None:
        if not self._pieces:
            return
        self._pieces.popleft()()
        if self._pieces:
            self._next_piece.start()
        else:
            self.drawn.emit()

    def refresh_plan(self) -> None:
        plan = self._in_background("Planning the days to your interview...", self._read_plan)
        if plan is not None:
            self._show_plan(plan)

    def _read_everything(self) -> _Everything:
        return (
            self.services.stats.report(),
            self._read_plan(),
            self.services.optimizer.current_parameters(),
        )

    def _read_plan(self) -> _PlanData:
        plan_service = self.services.plan
        today = self._today()
        dates = plan_service.interview_dates()
        decks = [deck for deck in self.services.study.overview() if deck.cards]
        report = plan_service.plan() if dates.upcoming(today) else None
        return _PlanData(today, dates, decks, report, plan_service.countdown())

    def _show_plan(self, plan: _PlanData) -> None:
        self.plan.show_dates(plan.decks, plan.dates, plan.today, MAX_DAYS_AHEAD)
        self.plan.show_plan(plan.report, plan.countdown)

    def _in_background(self, label: str, read: Callable[[], T]) -> T | None:
        from trainer.ui.background import run_in_background

        outcome = run_in_background(self, label, lambda _p, _c: read(), cancellable=False)
        if outcome.error:
            messages.warning(self, "Keeper", outcome.error)
            return None
        return outcome.value

    def optimize(self) -> None:
        from trainer.ui.background import run_in_background

        def job(_progress: Callable[[int, int], None], _cancel: Callable[[], bool]) -> object:
            try:
                return self.services.optimizer.optimize()
            except NotEnoughHistory as error:
                return error

        outcome = run_in_background(self, "Fitting FSRS to your reviews...", job, cancellable=False)
        if outcome.error:
            messages.warning(self, "Keeper", outcome.error)
        elif isinstance(outcome.value, NotEnoughHistory):
            error = outcome.value
            self.model.show_message(
                f"<b>Not enough history yet.</b> {error.usable} usable reviews; "
                f"{error.missing} more reviews needed (a usable review is one done on a later "
                "day than the card's previous review)."
            )
        else:
            self.model.show_outcome(outcome.value)
            self.model.show_in_use(self.services.optimizer.current_parameters())
            self.changed.emit()

    def _reset_parameters(self) -> None:
        self.services.optimizer.reset()
        self.model.show_in_use(None)
        self.changed.emit()

    def _change_date(self, deck: int, day: date | None) -> None:
        deck_id = None if deck == ALL_DECKS else DeckId(deck)
        try:
            self.services.plan.set_interview_date(day, deck_id)
        except ValueError as error:
            messages.warning(self, "Keeper", str(error))
            return
        self.refresh_plan()
        self.changed.emit()

    def _today(self) -> date:
        from trainer.core.study_days import study_date

        return study_date(self.services.clock(), self.services.plan.zone)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """A theme switched while Keeper runs: the panels' colours are baked into the style
        sheet and the charts', so both are made again from the new palette."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._restyling:
            self._restyling = True  # setStyleSheet below sends a PaletteChange of its own
            try:
                # Also sent when the room joins the window and is first shown, with the
                # same colours: then nothing is styled or read again.
                if self._style() and self.isVisible():  # else `enter` reads and draws
                    self.refresh()
            finally:
                self._restyling = False

    def _style(self) -> bool:
        """Style the panels from the palette; False if they already were."""
        palette = QApplication.palette()
        base = palette.color(QPalette.ColorRole.Base).name()
        border = palette.color(QPalette.ColorRole.AlternateBase).darker(112).name()
        sheet = (
            f"QFrame#statBox {{ background: {base}; border: 1px solid {border};"
            " border-radius: 8px; }"
            "QFrame#statBox QLabel { background: transparent; border: none; }"
            "QLabel#statTitle { font-weight: 600; font-size: 11pt; }"
            "QLabel#tileValue { font-size: 18pt; font-weight: 600; }"
            "QWidget#statsContent { background: transparent; }"
            "QChartView { background: transparent; }"
        )
        if sheet == self.styleSheet():
            return False
        self.setStyleSheet(sheet)
        return True
