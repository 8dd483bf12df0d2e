"""A spoken card on the study screen: answer aloud against the clock, then grade by the
rubric's points.

Before Space: "Answer aloud" and a clock counting against the two-minute target (it says
so once over); R records with the rehearse screen's voice panel. After Space: the rubric as
a checklist (Up/Down pick a point, X ticks it, or click it), pre-ticked with the points a
recording's transcript said, and the grade the ticks suggest, which Enter confirms. The
study screen owns the grading; this panel only says which grade it suggests.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer.core.cards import Card, Rating
from trainer.core.spoken_report import SpokenReport
from trainer.core.spoken_rubric import (
    SPOKEN_TARGET_SECONDS,
    PointHeard,
    rubric_points,
    suggested_grade,
)
from trainer.services.voice_service import VoiceService
from trainer.ui.grading_keys import RATING_LABELS
from trainer.ui.safe_text import plain
from trainer.ui.scroll_page import scroll_page
from trainer.ui.stories.story_editor import format_seconds
from trainer.ui.stories.voice_panel import Answering, VoicePanel

TICK_MS = 250
STORY_TAG = "story"  # a built-in spoken card one of the user's own stories answers
ASKING = "Answer aloud, as you would to the panel: aim for under two minutes."
NO_RUBRIC = "This card has no rubric points to tick: grade yourself with 1-4 (E edits it)."
TICK_HINT = "Tick what you said: Up/Down pick a point, X ticks it (or click)."


def has_story(card: Card) -> bool:
    return any(tag.casefold() == STORY_TAG for tag in card.tags)


class SpokenCardPanel(QWidget):
    suggestion_changed = Signal()
    open_story = Signal(str)  # the question: open (or start) the story that answers it

    def __init__(self, voice: VoiceService | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spokenCard")
        self._elapsed = QElapsedTimer()
        self._elapsed.start()
        self.clock_ms: Callable[[], int] = self._elapsed.elapsed  # tests set another clock
        self._card: Card | None = None
        self._started_ms = 0
        self._spoken_ms: int | None = None  # frozen when the answer is shown
        self._report: SpokenReport | None = None

        self.asking = QLabel(ASKING)
        self.asking.setObjectName("subtle")
        self.asking.setWordWrap(True)
        self.clock = QLabel()
        self.clock.setObjectName("timer")
        self.over = QLabel()  # "0:15 over the 2:00 target"
        self.over.setObjectName("problem")
        self.story_button = QPushButton("My story for this  (S)")
        self.story_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.story_button.clicked.connect(self._ask_for_story)
        clock_row = QHBoxLayout()
        clock_row.addWidget(self.clock)
        clock_row.addWidget(self.over, stretch=1)
        clock_row.addWidget(self.story_button)
        self.voice = VoicePanel(voice) if voice is not None else None
        if self.voice is not None:
            self.voice.reported.connect(self._heard)
            self.voice.report_view.show_points = False  # the checklist shows them
        self.checklist = QListWidget()
        self.checklist.setObjectName("rubricChecklist")
        self.checklist.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys come from the shortcuts
        self.checklist.setWordWrap(True)
        self.checklist.itemChanged.connect(lambda _item: self._suggest())
        self.hint = plain(QLabel())
        self.hint.setObjectName("subtle")
        self.hint.setWordWrap(True)
        self.suggestion = QLabel()
        self.suggestion.setObjectName("suggestedGrade")

        # In a short window the parts scroll as one page, each keeping lines to read.
        self.page, layout = scroll_page("spokenCardPage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.page)
        # grows by the study screen's stretch only: asking, the question comes first
        self.page.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.asking)
        layout.addLayout(clock_row)
        if self.voice is not None:
            layout.addWidget(self.voice)
        layout.addWidget(self.hint)
        layout.addWidget(self.checklist, stretch=2)
        layout.addWidget(self.suggestion)
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.show_clock)
        self._answer_keys: list[QShortcut] = []
        self._card_keys: list[QShortcut] = []

    def install_keys(self, view: QWidget) -> None:
        """The panel's keys on the study screen, live only while a spoken card is on it
        (Up/Down scroll a basic card's text, S means nothing there; R is the study
        screen's: it records here, replays sounds elsewhere)."""

        def key(sequence: str, slot: Callable[[], object], keys: list[QShortcut]) -> None:
            shortcut = QShortcut(QKeySequence(sequence), view)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            shortcut.setEnabled(False)
            keys.append(shortcut)

        key("Up", lambda: self._move(-1), self._answer_keys)
        key("Down", lambda: self._move(1), self._answer_keys)
        key("X", self.tick_current, self._answer_keys)
        key("S", self._ask_for_story, self._card_keys)

    # What the study screen asks -----------------------------------------------------------

    @property
    def revealed(self) -> bool:
        return self._spoken_ms is not None

    @property
    def spoken_seconds(self) -> int:
        ms = self._spoken_ms if self._spoken_ms is not None else self.clock_ms() - self._started_ms
        return max(0, ms) // 1000

    @property
    def points(self) -> tuple[PointHeard, ...]:
        items = [self.checklist.item(row) for row in range(self.checklist.count())]
        return tuple(
            PointHeard(item.text(), item.checkState() == Qt.CheckState.Checked) for item in items
        )

    @property
    def suggested(self) -> Rating:
        findings = len(self._report.findings) if self._report is not None else 0
        return suggested_grade(self.points, findings)

    def show_card(self, card: Card | None, revealed: bool) -> None:
        """The spoken card on screen (None: a card of another kind, or none)."""
        self.setVisible(card is not None)
        if card is None:
            self.stop()
            self._card = None
        else:
            before = self._card
            if before is None or before.id != card.id or (self.revealed and not revealed):
                self._ask(card)
            elif card.back != before.back:  # edited while studied (E), or undone
                self._card = card
                self._fill(rubric_points(card.back))
            if revealed and not self.revealed:
                self._reveal()
        self._enable_keys(card is not None)
        self.show_clock()

    def stop(self) -> None:
        """Graded or left: the clock stops, a recording or transcription ends unkept."""
        self.ticker.stop()
        if self.voice is not None:
            self.voice.shutdown()

    def record(self) -> None:
        """R: start or stop recording the answer (its report comes after it stops)."""
        if self.voice is not None and self._card is not None:
            self.voice.toggle()

    def tick_current(self) -> None:
        item = self.checklist.currentItem()
        if item is not None:
            ticked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked)

    def show_clock(self) -> None:
        if self._card is None:
            return
        seconds = self.spoken_seconds
        self.clock.setText(f"{format_seconds(seconds)} / {format_seconds(SPOKEN_TARGET_SECONDS)}")
        over = seconds > SPOKEN_TARGET_SECONDS
        late = format_seconds(seconds - SPOKEN_TARGET_SECONDS)
        self.over.setText(f"{late} over the two-minute target" if over else "")
        if self.clock.property("over") != over:
            self.clock.setProperty("over", over)
            self.clock.style().unpolish(self.clock)
            self.clock.style().polish(self.clock)

    # Inside -----------------------------------------------------------------------------

    def _ask(self, card: Card) -> None:
        self._card = card
        self._report = None
        self._spoken_ms = None
        self._started_ms = self.clock_ms()
        self.checklist.clear()  # no tick carries over from the card before
        points = rubric_points(card.back)
        self._fill(points)
        if self.voice is not None:
            self.voice.answer(Answering(None, SPOKEN_TARGET_SECONDS, points))
        self.story_button.setVisible(has_story(card))
        self.ticker.start()
        self._show_phase()

    def _reveal(self) -> None:
        self._spoken_ms = self.clock_ms() - self._started_ms
        self.ticker.stop()
        if self.voice is not None and self.voice.recorder.recording:
            self.voice.finish()  # the answer is over: its transcript ticks what it said
        self._show_phase()

    def _show_phase(self) -> None:
        revealed = self.revealed
        empty = self.checklist.count() == 0
        self.asking.setText(ASKING if not revealed else "Your answer is over: grade it.")
        self.checklist.setVisible(revealed and not empty)
        self.hint.setVisible(revealed)
        self.hint.setText(NO_RUBRIC if empty else TICK_HINT)
        self.suggestion.setVisible(revealed)
        for shortcut in self._answer_keys:
            shortcut.setEnabled(revealed and not empty)
        self._suggest()
        if revealed:  # a short window: the checklist and the suggestion in view, once laid out
            QTimer.singleShot(0, self._show_the_grading)
        else:
            self.page.verticalScrollBar().setValue(0)

    def _show_the_grading(self) -> None:
        self.page.ensureWidgetVisible(self.checklist, 0, 0)
        self.page.ensureWidgetVisible(self.suggestion, 0, 4)

    def _fill(self, points: tuple[str, ...]) -> None:
        ticked = {point.point for point in self.points if point.said}
        self.checklist.blockSignals(True)
        self.checklist.clear()
        for point in points:
            item = QListWidgetItem(point)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            said = point in ticked
            item.setCheckState(Qt.CheckState.Checked if said else Qt.CheckState.Unchecked)
            self.checklist.addItem(item)
        self.checklist.setCurrentRow(0 if points else -1)
        rows = min(len(points), 4)  # in a short window the list scrolls past four points
        self.checklist.setMinimumHeight(rows * self.checklist.sizeHintForRow(0) + 6 if rows else 0)
        self.checklist.blockSignals(False)
        self._show_phase()

    def _heard(self, report: SpokenReport) -> None:
        """A transcript came back: tick what it said (the user's own ticks stay)."""
        self._report = report
        said = {point.point for point in report.points if point.said}
        for row in range(self.checklist.count()):
            item = self.checklist.item(row)
            if item.text() in said:
                item.setCheckState(Qt.CheckState.Checked)
        self._suggest()

    def _suggest(self) -> None:
        grade = self.suggested
        self.suggestion.setText(
            f"Suggested grade: {RATING_LABELS[grade]} ({int(grade)}). "
            "Enter confirms it; 1-4 choose another."
        )
        self.suggestion_changed.emit()

    def _move(self, step: int) -> None:
        row = self.checklist.currentRow() + step
        if 0 <= row < self.checklist.count():
            self.checklist.setCurrentRow(row)

    def _ask_for_story(self) -> None:
        if self._card is not None and has_story(self._card):
            self.open_story.emit(self._card.front)

    def _enable_keys(self, on: bool) -> None:
        for shortcut in self._card_keys:
            shortcut.setEnabled(on)
        if not on:
            for shortcut in self._answer_keys:
                shortcut.setEnabled(False)
