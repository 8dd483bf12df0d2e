"""The report after a spoken attempt, and a story's trend over its attempts.

Both only show core values: `SpokenReport` and `SpokenAttempt` lists. The transcript marks
fillers and long pauses; user text is escaped, never read as HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QTextBrowser, QWidget

from trainer.core.spoken_report import Mark, SpokenAttempt, SpokenReport, marked_transcript
from trainer.ui.stories.findings_panel import rule_title
from trainer.ui.stories.story_editor import format_seconds

FILLER_STYLE = "background-color: rgba(230, 160, 40, 90); border-radius: 3px;"
PAUSE_STYLE = "color: rgb(200, 70, 70); font-weight: 600;"
TREND_COLUMNS = ("When", "Length", "Pace", "Fillers/min", "Longest pause", "I : we", "Findings")


def report_html(report: SpokenReport, show_points: bool = True) -> str:
    figures = report.delivery
    pieces = []
    for piece in marked_transcript(report):
        text = escape(piece.text)
        if piece.mark is Mark.FILLER:
            pieces.append(f"<span style='{FILLER_STYLE}'>{text}</span>")
        elif piece.mark is Mark.PAUSE:
            pieces.append(f"<span style='{PAUSE_STYLE}'>[pause {text}]</span>")
        else:
            pieces.append(text)
    length = format_seconds(round(figures.duration_seconds))
    if figures.target_seconds:
        length += f" of {format_seconds(figures.target_seconds)}"
    lines = [
        f"<p>{' '.join(pieces)}</p>",
        f"<p><b>{length}</b> · {figures.words_per_minute:.0f} words per minute · "
        f"{len(figures.fillers)} fillers ({figures.fillers_per_minute:.1f} per minute) · "
        f"longest pause {figures.longest_pause_seconds:.1f} s · "
        f"“I” {figures.i_count} : “we” {figures.we_count}</p>",
    ]
    if report.findings:
        items = "".join(
            f"<li><b>{escape(rule_title(f.rule))}</b>: “{escape(f.excerpt)}”. "
            f"Try: {escape(f.suggestion)}</li>"
            for f in report.findings
        )
        lines.append(f"<p>The coach on what you said:</p><ul>{items}</ul>")
    else:
        lines.append("<p>The coach has nothing to flag in what you said.</p>")
    for point in report.points if show_points else ():
        mark = "✓" if point.said else "✗"
        lines.append(f"<p>{mark} {escape(point.point)}</p>")
    return "".join(lines)


class SpokenReportView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spokenReport")
        self.setOpenLinks(False)
        self.report: SpokenReport | None = None
        self.show_points = True  # the rubric's points heard (a spoken card's checklist may)

    def show_report(self, report: SpokenReport | None) -> None:
        self.report = report
        self.setHtml(report_html(report, self.show_points) if report else "")


class AttemptTrend(QTableWidget):
    """One row per spoken attempt, oldest first: is the pace steadier, are fillers fewer?"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(TREND_COLUMNS), parent)
        self.setObjectName("attemptTrend")
        self.setHorizontalHeaderLabels(TREND_COLUMNS)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setMaximumHeight(160)

    def show_attempts(self, attempts: Sequence[SpokenAttempt]) -> None:
        self.setRowCount(len(attempts))
        for row, attempt in enumerate(attempts):
            figures = attempt.report.delivery
            cells = (
                attempt.recorded_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                format_seconds(round(figures.duration_seconds)),
                f"{figures.words_per_minute:.0f}",
                f"{figures.fillers_per_minute:.1f}",
                f"{figures.longest_pause_seconds:.1f} s",
                f"{figures.i_count} : {figures.we_count}",
                str(len(attempt.report.findings)),
            )
            for column, text in enumerate(cells):
                self.setItem(row, column, QTableWidgetItem(text))
        self.setVisible(bool(attempts))

    def cell_texts(self) -> list[list[str]]:
        return [
            [
                cell.text() if (cell := self.item(row, column)) else ""
                for column in range(self.columnCount())
            ]
            for row in range(self.rowCount())
        ]
