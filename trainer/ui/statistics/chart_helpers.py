"""Small QtCharts builders in Keeper's colours: bars, a bar-and-line pair, lines, a pie.

Each builder returns a ready `QChartView`; callers keep no chart state. Colours follow the
application palette (set by `theme.apply_theme`), so light and dark both read well.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QWidget

BLUE = "#3b6ea8"
RED = "#d64545"
GREEN = "#2f9e44"
ORANGE = "#d9822b"
TEAL = "#0c8599"
PURPLE = "#7048e8"
STATE_COLORS = {"New": "#1c7ed6", "Learning": ORANGE, "Review": GREEN, "Relearning": RED}
CHART_HEIGHT = 250


def _palette() -> QPalette:
    return QApplication.palette()


def index_axis(labels: Sequence[str], every: int) -> QCategoryAxis:
    """An x axis over positions 0..n-1 labelled at every `every`-th position.

    Unlike a bar-category axis, it never elides a label to the width of one bar.
    """
    axis = QCategoryAxis()
    axis.setRange(-0.5, max(len(labels), 1) - 0.5)
    for index in range(0, len(labels), every):
        axis.append(labels[index], index)
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    style_axis(axis)
    return axis


def x_axis_for(labels: Sequence[str], every: int) -> QAbstractAxis:
    """Few labels: one per bar. Many: an index axis labelled every `every` bars."""
    if every <= 1:
        axis = QBarCategoryAxis()
        axis.append(list(labels))
        return style_axis(axis)
    return index_axis(labels, every)


def new_chart(title: str) -> QChart:
    palette = _palette()
    chart = QChart()
    chart.setTitle(title)
    title_font = QFont(chart.titleFont())
    title_font.setPointSizeF(11)
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    chart.setTitleBrush(palette.color(QPalette.ColorRole.WindowText))
    chart.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
    chart.setBackgroundRoundness(8)
    chart.setMargins(QMargins(6, 4, 6, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    legend = chart.legend()
    legend.setLabelColor(palette.color(QPalette.ColorRole.WindowText))
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def style_axis(axis: QAbstractAxis, title: str = "") -> QAbstractAxis:
    palette = _palette()
    subtle = palette.color(QPalette.ColorRole.PlaceholderText)
    axis.setLabelsBrush(subtle)
    font = QFont(axis.labelsFont())
    font.setPointSizeF(8.5)
    axis.setLabelsFont(font)
    axis.setTruncateLabels(False)
    grid = QColor(palette.color(QPalette.ColorRole.AlternateBase)).darker(108)
    axis.setGridLineColor(grid)
    axis.setLinePenColor(grid)
    if title:
        axis.setTitleText(title)
        axis.setTitleBrush(subtle)
        title_font = QFont(font)
        title_font.setPointSizeF(8.5)
        axis.setTitleFont(title_font)
    return axis


def view_of(chart: QChart, parent: QWidget | None, height: int = CHART_HEIGHT) -> QChartView:
    """The chart's view, made in its place (`parent`); the statistics room's style sheet
    makes its background transparent (a sheet of its own would style it a second time)."""
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(height)
    return view


def value_axis(maximum: float, title: str = "", *, percent: bool = False) -> QValueAxis:
    axis = QValueAxis()
    if percent:
        axis.setRange(0, 100)
        axis.setLabelFormat("%d%%")
    else:
        axis.setRange(0, nice_ceiling(maximum))
        axis.setLabelFormat("%d")
    axis.setTickCount(5)
    style_axis(axis, title)
    return axis


def nice_ceiling(value: float) -> int:
    """A round top for an axis, divisible by 4 so its five ticks land on whole numbers."""
    scale = 1
    while True:
        for tenths in (40, 60, 80, 100, 120, 160, 200, 300):
            top = tenths * scale // 10
            if top >= value and top % 4 == 0:
                return top
        scale *= 10


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    color: str,
    *,
    y_title: str = "",
    x_title: str = "",
    label_every: int = 1,
    series_name: str = "",
    parent: QWidget | None = None,
) -> QChartView:
    chart = new_chart(title)
    bars = QBarSet(series_name or title)
    bars.append([float(v) for v in values])
    bars.setColor(QColor(color))
    bars.setBorderColor(QColor(color))
    series = QBarSeries()
    series.append(bars)
    series.setBarWidth(0.8)
    chart.addSeries(series)
    x_axis = x_axis_for(labels, label_every)
    if x_title:
        style_axis(x_axis, x_title)
    y_axis = value_axis(max(values, default=0), y_title)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(x_axis)
    series.attachAxis(y_axis)
    chart.legend().setVisible(bool(series_name))
    return view_of(chart, parent)


def bars_with_rate(
    title: str,
    labels: Sequence[str],
    counts: Sequence[int],
    rates: Sequence[float | None],
    *,
    count_name: str,
    rate_name: str,
    label_every: int = 1,
    parent: QWidget | None = None,
) -> QChartView:
    """Counts as bars on the left axis, a percentage as a line on the right axis."""
    chart = new_chart(title)
    bars = QBarSet(count_name)
    bars.append([float(c) for c in counts])
    bars.setColor(QColor(BLUE))
    bars.setBorderColor(QColor(BLUE))
    bar_series = QBarSeries()
    bar_series.append(bars)
    bar_series.setBarWidth(0.8)
    line = QLineSeries()
    line.setName(rate_name)
    line.setPen(QPen(QColor(RED), 2))
    line.setPointsVisible(True)
    for index, rate in enumerate(rates):
        if rate is not None:
            line.append(QPointF(index, rate * 100))
    chart.addSeries(bar_series)
    chart.addSeries(line)
    x_axis = x_axis_for(labels, label_every)
    left = value_axis(max(counts, default=0), "reviews")
    right = value_axis(100, "again", percent=True)
    right.setGridLineVisible(False)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(left, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(right, Qt.AlignmentFlag.AlignRight)
    bar_series.attachAxis(x_axis)
    bar_series.attachAxis(left)
    line.attachAxis(x_axis)
    line.attachAxis(right)
    return view_of(chart, parent)


def percent_line(
    title: str,
    labels: Sequence[str],
    rates: Sequence[float | None],
    color: str,
    *,
    label_every: int = 1,
    floor: float = 50,
    parent: QWidget | None = None,
) -> QChartView:
    """A percentage over time; gaps (None) are skipped, the axis starts at `floor`%."""
    chart = new_chart(title)
    line = QLineSeries()
    line.setName(title)
    line.setPen(QPen(QColor(color), 2))
    line.setPointsVisible(True)
    known = [r * 100 for r in rates if r is not None]
    bottom = min([floor, *known]) // 10 * 10
    for index, rate in enumerate(rates):
        if rate is not None:
            line.append(QPointF(index, rate * 100))
    chart.addSeries(line)
    x_axis = index_axis(labels, label_every)
    y_axis = QValueAxis()
    y_axis.setRange(bottom, 100)
    y_axis.setLabelFormat("%d%%")
    y_axis.setTickCount(int((100 - bottom) // 10) + 1 if bottom >= 50 else 6)
    style_axis(y_axis)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    line.attachAxis(x_axis)
    line.attachAxis(y_axis)
    chart.legend().setVisible(False)
    return view_of(chart, parent)


def horizontal_bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    color: str,
    *,
    x_title: str = "",
    parent: QWidget | None = None,
) -> QChartView:
    """Bars running left to right, the first label on top: long labels stay readable."""
    chart = new_chart(title)
    bars = QBarSet(title)
    bars.append([float(v) for v in reversed(values)])
    bars.setColor(QColor(color))
    bars.setBorderColor(QColor(color))
    series = QHorizontalBarSeries()
    series.append(bars)
    series.setBarWidth(0.75)
    chart.addSeries(series)
    y_axis = QBarCategoryAxis()
    y_axis.append(list(reversed(labels)))
    style_axis(y_axis)
    x_axis = value_axis(max(values, default=0), x_title)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(y_axis)
    series.attachAxis(x_axis)
    chart.legend().setVisible(False)
    return view_of(chart, parent)


def pie_chart(
    title: str, slices: Sequence[tuple[str, int, str]], *, parent: QWidget | None = None
) -> QChartView:
    """A donut of (label, count, colour); empty slices are left out of the ring."""
    chart = new_chart(title)
    series = QPieSeries()
    series.setHoleSize(0.45)
    for label, count, color in slices:
        pie_slice = series.append(f"{label} {count}", max(count, 0))
        pie_slice.setColor(QColor(color))
        pie_slice.setBorderColor(_palette().color(QPalette.ColorRole.Base))
    chart.addSeries(series)
    legend = chart.legend()
    legend.setAlignment(Qt.AlignmentFlag.AlignRight)
    legend.setShowToolTips(True)
    font = QFont(legend.font())
    font.setPointSizeF(8.5)
    legend.setFont(font)
    return view_of(chart, parent)
