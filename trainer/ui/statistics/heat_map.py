"""A calendar heat map of the last year: one square per day, darker for more reviews."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from trainer.core.statistics import DayCount

CELL = 12  # the usual square; it follows the width between MIN_CELL and MAX_CELL
MIN_CELL = 8
MAX_CELL = 16
GAP = 3
MIN_WEEKS = 26  # the fewest weeks shown, the newest, when the window is narrow
LEFT = 34  # room for weekday names
TOP = 20  # room for month names
SHADES = ("#c6e6cf", "#8fd0a1", "#4fae6b", "#2b7a44")  # few reviews .. many, on light
DARK_SHADES = ("#1f4d2c", "#2b7a44", "#3fa35e", "#74d492")  # the same, brighter is more


class HeatMap(QWidget):
    """Columns are weeks (Monday on top), the newest week on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatMap")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._days: list[DayCount] = []
        self._first_monday = date.today()
        self._thresholds: tuple[int, ...] = (1, 2, 3, 4)
        self._cell = CELL
        self._hidden_weeks = 0  # the oldest weeks a narrow window leaves out
        # What was last drawn, and for what: the page's layout repaints the map each time a
        # chart arrives, and drawing its 365 squares in Python took 10-20 ms a time.
        self._drawn: QPixmap | None = None
        self._drawn_for: tuple[object, ...] = ()
        # Each day's colour, for the palette it was worked out in: a new size (each chart
        # arriving can move the map) draws again, with the same colours.
        self._colours: list[QColor] = []
        self._colours_for: int | None = None
        self.setFixedHeight(self._height())

    def set_days(self, days: Sequence[DayCount]) -> None:
        self._days = list(days)
        self._drawn = None
        self._colours_for = None
        self.update()
        if self._days:
            first = self._days[0].day
            self._first_monday = first - timedelta(days=first.weekday())
        counts = sorted(d.reviews for d in self._days if d.reviews)
        if counts:  # quartiles of the days with reviews, so one busy day does not wash out
            self._thresholds = tuple(
                counts[min(len(counts) - 1, len(counts) * q // 4)] for q in range(4)
            )
        self.updateGeometry()
        self.update()

    def weeks(self) -> int:
        if not self._days:
            return 53
        return (self._days[-1].day - self._first_monday).days // 7 + 1

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(LEFT + self.weeks() * (CELL + GAP) + 8, self._height())

    def _height(self) -> int:
        return TOP + 7 * (self._cell + GAP) + 4

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        fitting = (self.width() - LEFT - 8) // self.weeks() - GAP
        cell = max(MIN_CELL, min(MAX_CELL, fitting))
        room = max(MIN_WEEKS, (self.width() - LEFT - 8) // (MIN_CELL + GAP))
        hidden = max(0, self.weeks() - room)
        if (cell, hidden) != (self._cell, self._hidden_weeks):
            self._cell, self._hidden_weeks = cell, hidden
            self.setFixedHeight(self._height())
            self.update()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Half a year: a narrower window shows the newest weeks, not a sideways scroll."""
        weeks = min(self.weeks(), MIN_WEEKS)
        return QSize(LEFT + weeks * (MIN_CELL + GAP) + 8, self._height())

    def shade(self, reviews: int) -> QColor:
        if reviews <= 0:
            return self.palette().color(QPalette.ColorRole.AlternateBase).darker(104)
        level = sum(1 for threshold in self._thresholds[1:] if reviews >= threshold)
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        return QColor((DARK_SHADES if dark else SHADES)[level])

    def cell_rect(self, day: date) -> QRect:
        offset = (day - self._first_monday).days
        week, weekday = divmod(offset, 7)
        week -= self._hidden_weeks  # negative: left out, drawn off the widget
        step = self._cell + GAP
        return QRect(LEFT + week * step, TOP + weekday * step, self._cell, self._cell)

    def day_at(self, point: QPoint) -> DayCount | None:
        for day in self._days:
            if self.cell_rect(day.day).contains(point):
                return day
        return None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        ratio = self.devicePixelRatioF()
        drawn_for = (self.size(), ratio, self.palette().cacheKey(), self.font().key())
        if self._drawn is None or drawn_for != self._drawn_for:
            self._drawn = QPixmap(self.size() * ratio)
            self._drawn.setDevicePixelRatio(ratio)
            self._drawn.fill(Qt.GlobalColor.transparent)
            self._draw(QPainter(self._drawn))
            self._drawn_for = drawn_for
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._drawn)
        painter.end()

    def _day_colours(self) -> list[QColor]:
        palette = self.palette().cacheKey()
        if self._colours_for != palette:
            self._colours = [self.shade(day.reviews) for day in self._days]
            self._colours_for = palette
        return self._colours

    def _draw(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        for day, colour in zip(self._days, self._day_colours(), strict=True):
            cell = self.cell_rect(day.day)
            if cell.left() < LEFT:
                continue  # a week left out
            painter.setBrush(colour)
            painter.drawRoundedRect(cell, 2, 2)
        font = QFont(self.font())
        font.setPointSizeF(8)
        painter.setFont(font)
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
            painter.drawText(
                QRect(0, TOP + row * (self._cell + GAP) - 2, LEFT - 6, self._cell + 4),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
        last_month = None
        for day in self._days:
            if self.cell_rect(day.day).left() < LEFT:
                continue  # a week left out
            if day.day.day <= 7 and day.day.month != last_month and day.day.weekday() == 0:
                last_month = day.day.month
                x = self.cell_rect(day.day).left()
                label = f"{day.day:%b}"
                painter.drawText(QRect(x, 0, 40, TOP - 4), Qt.AlignmentFlag.AlignLeft, label)
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        day = self.day_at(event.position().toPoint())
        if day is None:
            QToolTip.hideText()
            return
        noun = "review" if day.reviews == 1 else "reviews"
        QToolTip.showText(
            event.globalPosition().toPoint(), f"{day.day:%a %d %b %Y}: {day.reviews} {noun}", self
        )
