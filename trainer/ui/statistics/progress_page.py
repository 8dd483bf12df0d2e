"""The statistics room's first page: tiles, reviews per day, forecast, heat map, retention,
cards by state, stability and difficulty. A passive view of one `StatisticsReport`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from trainer.core.model import CardState
from trainer.core.statistics import StatisticsReport
from trainer.ui.statistics.chart_helpers import (
    BLUE,
    GREEN,
    PURPLE,
    STATE_COLORS,
    TEAL,
    bar_chart,
    bars_with_rate,
    horizontal_bar_chart,
    percent_line,
    pie_chart,
)
from trainer.ui.statistics.heat_map import HeatMap
from trainer.ui.statistics.retention_table_model import RetentionTableModel
from trainer.ui.wrap_row import WrapRow

W = TypeVar("W", bound=QWidget)
RECENT_DAYS = 30
GRID_COLUMNS = 6
NARROW = 760  # below this page width the boxes stack one a line: no sideways scrolling
RETENTION_WEEKS = 26
STABILITY_NAMES = {
    "<1d": "under a day",
    "1-3d": "1-3 days",
    "3-7d": "3-7 days",
    "1-2w": "1-2 weeks",
    "2-4w": "2-4 weeks",
    "1-3mo": "1-3 months",
    "3-6mo": "3-6 months",
    "6-12mo": "6-12 months",
    "1y+": "a year or more",
}


class Box(QFrame):
    """A framed panel with a bold title, like the charts' own frames. Its widgets are made
    in it (`QLabel(text, box)`) and then added: made apart and moved in, each would be
    styled again under the app's style sheet."""

    def __init__(self, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("statBox")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(14, 10, 14, 12)
        heading = QLabel(title, self)
        heading.setObjectName("statTitle")
        self._layout.addWidget(heading)

    def add(self, widget: W) -> W:
        self._layout.addWidget(widget)
        return widget


class Tile(QFrame):
    """One number with a caption, for the row at the top."""

    def __init__(self, caption: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("statBox")
        self.value = QLabel("-", self)
        self.value.setObjectName("tileValue")
        self.caption = QLabel(caption, self)
        self.caption.setObjectName("subtle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 10)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)


def scrolled_content(page: QScrollArea) -> QWidget:
    """The page's scrolled widget, made in its place (the page's viewport)."""
    page.setWidgetResizable(True)
    page.setFrameShape(QFrame.Shape.NoFrame)
    content = QWidget(page.viewport())
    content.setObjectName("statsContent")
    page.setWidget(content)
    return content


class ProgressPage(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressPage")
        content = scrolled_content(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 12, 24, 24)
        layout.setSpacing(12)

        tiles = WrapRow(spacing=12, parent=content)
        self.tiles = {
            key: Tile(caption, tiles)
            for key, caption in (
                ("today", "reviews today"),
                ("time", "minutes today"),
                ("streak", "day streak"),
                ("retention", "true retention, past year"),
                ("due", "due tomorrow"),
            )
        }
        tiles.hold(list(self.tiles.values()))
        layout.addWidget(tiles)
        self.empty = QLabel(
            "No reviews yet. Study a few cards and your progress shows here.", content
        )
        self.empty.setObjectName("subtle")
        self.empty.hide()  # until a report says so: not while the first one is read
        layout.addWidget(self.empty)
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        layout.addLayout(self.grid)
        layout.addStretch()
        # Each box's place (row, column, span) in the wide grid; a narrow page stacks them.
        self._cells: dict[str, tuple[QWidget, int, int, int]] = {}
        self._narrow = False
        self._content = content

        heat = Box("Reviews in the past year", content)
        self.heat_map = heat.add(HeatMap(heat))
        self.heat_caption = heat.add(QLabel(heat))
        self.heat_caption.setObjectName("subtle")
        self._put("heat", heat, 1, 0, GRID_COLUMNS)

        retention = Box("True retention by deck, past year", content)
        self.retention_model = RetentionTableModel()
        self.retention_table = retention.add(QTableView(retention))
        self.retention_table.setModel(self.retention_model)
        self.retention_table.verticalHeader().hide()
        self.retention_table.setShowGrid(False)
        self.retention_table.setAlternatingRowColors(True)
        self.retention_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.retention_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.retention_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(RetentionTableModel.HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.retention_empty = retention.add(
            QLabel(
                "No data yet: true retention counts reviews of cards that have left learning.",
                retention,
            )
        )
        self.retention_empty.setObjectName("subtle")
        self.retention_empty.setWordWrap(True)
        self.retention_table.hide()  # neither an empty table nor "no data" before the read
        self.retention_empty.hide()
        self._put("retention table", retention, 2, 3, 3)
        self.charts: dict[str, QWidget] = {}

    def show_report(self, report: StatisticsReport) -> None:
        """Show the whole report at once."""
        for piece in self.report_pieces(report):
            piece()

    def report_pieces(self, report: StatisticsReport) -> list[Callable[[], None]]:
        """The report's drawing in pieces, in the order a person reads the page: the
        numbers first, then each chart, the heat map and the retention table. The room
        draws one piece per turn of the event loop, so a big report never freezes it."""
        recent = report.days[-RECENT_DAYS:]
        start = report.today
        weeks = report.retention_by_week[-RETENTION_WEEKS:]
        states = report.cards_by_state
        return [
            lambda: self._show_numbers(report),
            lambda: self._place(
                "reviews",
                0,
                0,
                3,
                bars_with_rate(
                    f"Reviews per day, last {len(recent)} days",
                    [f"{d.day:%d %b}" for d in recent],
                    [d.reviews for d in recent],
                    [d.again_rate if d.reviews else None for d in recent],
                    count_name="reviews",
                    rate_name="again-rate",
                    label_every=7,
                    parent=self._content,
                ),
            ),
            lambda: self._place(
                "forecast",
                0,
                3,
                3,
                bar_chart(
                    f"Due in the next {len(report.forecast)} days",
                    [f"{start + timedelta(days=n):%d %b}" for n in range(len(report.forecast))],
                    report.forecast,
                    BLUE,
                    y_title="cards",
                    label_every=7,
                    parent=self._content,
                ),
            ),
            lambda: self._show_heat_map(report),
            lambda: self._show_retention_table(report),
            lambda: self._place(
                "retention",
                2,
                0,
                3,
                percent_line(
                    "True retention per week",
                    [f"{start:%d %b}" for start, _value in weeks],
                    [value.rate for _start, value in weeks],
                    GREEN,
                    label_every=6,
                    parent=self._content,
                ),
            ),
            lambda: self._place(
                "states",
                3,
                0,
                2,
                pie_chart(
                    "Cards by state",
                    [
                        (state.name.title(), states.get(state, 0), STATE_COLORS[state.name.title()])
                        for state in CardState
                    ],
                    parent=self._content,
                ),
            ),
            lambda: self._place(
                "stability",
                3,
                2,
                2,
                horizontal_bar_chart(
                    "Stability: time until recall falls to 90%",
                    [STABILITY_NAMES.get(b.label, b.label) for b in report.stability],
                    [b.count for b in report.stability],
                    TEAL,
                    x_title="cards",
                    parent=self._content,
                ),
            ),
            lambda: self._place(
                "difficulty",
                3,
                4,
                2,
                bar_chart(
                    "Difficulty",
                    [f"{b.low:g}" for b in report.difficulty],
                    [b.count for b in report.difficulty],
                    PURPLE,
                    y_title="cards",
                    x_title="1 easy  ...  10 hard",
                    parent=self._content,
                ),
            ),
        ]

    def _show_numbers(self, report: StatisticsReport) -> None:
        today = report.today_stats
        self.tiles["today"].value.setText(str(today.reviews))
        self.tiles["time"].value.setText(str(round(today.seconds / 60)))
        self.tiles["streak"].value.setText(str(today.streak))
        rate = report.retention.rate
        self.tiles["retention"].value.setText("-" if rate is None else f"{rate:.0%}")
        self.tiles["due"].value.setText(str(report.forecast[1] if len(report.forecast) > 1 else 0))
        self.empty.setVisible(not any(day.reviews for day in report.days))

    def _show_heat_map(self, report: StatisticsReport) -> None:
        self.heat_map.set_days(report.days)
        active = sum(1 for d in report.days if d.reviews)
        total = sum(d.reviews for d in report.days)
        self.heat_caption.setText(f"{total} reviews on {active} of {len(report.days)} days.")

    def _show_retention_table(self, report: StatisticsReport) -> None:
        self.retention_model.set_retention(report.retention_by_deck, report.deck_names)
        rows = self.retention_model.rowCount()
        self.retention_table.setHidden(rows == 0)
        self.retention_empty.setHidden(rows > 0)
        self.retention_table.setFixedHeight(
            self.retention_table.horizontalHeader().sizeHint().height()
            + rows * self.retention_table.verticalHeader().defaultSectionSize()
            + 4
        )

    def _place(self, key: str, row: int, column: int, span: int, chart: QWidget) -> None:
        old = self.charts.pop(key, None)
        if old is not None:
            self.grid.removeWidget(old)
            old.hide()
            old.deleteLater()
        chart.setObjectName(f"{key}Chart")
        self.charts[key] = chart
        self._put(key, chart, row, column, span)
        chart.show()  # in the turn that drew it, not a turn later (a layout shows it queued)

    def _put(self, key: str, widget: QWidget, row: int, column: int, span: int) -> None:
        self._cells[key] = (widget, row, column, span)
        if self._narrow:  # a box arriving later moves the ones below it down a line
            self._lay_out()
        else:
            self._add_to_grid(widget, row, column, span)

    def _add_to_grid(self, widget: QWidget, row: int, column: int, span: int) -> None:
        if self._narrow:  # one box a line, in the wide grid's reading order
            order = sorted(self._cells.values(), key=lambda cell: (cell[1], cell[2]))
            row, column, span = [cell[0] for cell in order].index(widget), 0, GRID_COLUMNS
        self.grid.addWidget(widget, row, column, 1, span)
        self.grid.setAlignment(widget, Qt.AlignmentFlag.AlignTop)

    def _lay_out(self) -> None:
        for widget, _row, _column, _span in self._cells.values():
            self.grid.removeWidget(widget)
        for widget, row, column, span in self._cells.values():
            self._add_to_grid(widget, row, column, span)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        narrow = self.viewport().width() < NARROW
        if narrow != self._narrow:
            self._narrow = narrow
            self._lay_out()
