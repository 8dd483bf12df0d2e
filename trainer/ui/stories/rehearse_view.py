"""Rehearse a story aloud: the question, a clock against the target, then notes and a grade.

A passive view of core's `Rehearsal` state machine. The grade is an ordinary FSRS review of
the story's question card, kept by the study service, so rehearsals and study sessions share
one schedule; Ctrl+Z takes it back through the one undo queue.
"""

from __future__ import annotations

import math
from functools import partial

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.core.cards import Rating, Review
from trainer.core.rehearsal import Rehearsal, RehearsalPhase
from trainer.core.scheduling import format_interval
from trainer.core.stories import SPOKEN_FIELDS, Story, coach_story
from trainer.core.story_cards import display_title, main_question, question_lines
from trainer.services.operations import Changes
from trainer.services.services import Services
from trainer.ui.card_text_view import CardTextView
from trainer.ui.grading_keys import RATING_LABELS, add_shortcut
from trainer.ui.safe_text import plain
from trainer.ui.scroll_page import scroll_page
from trainer.ui.stories.findings_panel import FindingsPanel
from trainer.ui.stories.story_editor import SPOKEN_LABELS, format_seconds
from trainer.ui.stories.voice_panel import VoicePanel

TICK_MS = 250
NOTES_LINES = 4  # the notes always show this many lines; the page scrolls for the rest
ROOMY_HEIGHT = 600  # below it (the 640x480 minimum window) margins and spacing tighten


def notes_markdown(story: Story) -> str:
    parts = [
        f"**{SPOKEN_LABELS[name][0]}:** {getattr(story, name).strip()}"
        for name in SPOKEN_FIELDS
        if getattr(story, name).strip()
    ]
    return "\n\n".join(parts) or "*This story has no notes yet.*"


class RehearseView(QWidget):
    leave = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rehearseView")
        self._services = services
        self._rehearsal: Rehearsal | None = None
        self._elapsed = QElapsedTimer()
        self._elapsed.start()  # the rehearsal's clock: milliseconds, monotonic

        self.caption = plain(QLabel())  # the story's title
        self.caption.setObjectName("subtle")
        hint = QLabel("R records · Space shows your notes · 1-4 grade · Esc returns to the editor")
        hint.setObjectName("subtle")
        hint.setWordWrap(True)  # a narrow window wraps the line, never cuts it
        self.caption.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.caption, stretch=1)
        top.addWidget(hint, stretch=1)

        self.question = CardTextView()
        self.clock = QLabel()
        self.clock.setObjectName("timer")
        self.progress = QProgressBar()
        self.progress.setObjectName("rehearseClock")
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        clock_row = QHBoxLayout()
        clock_row.addWidget(self.clock)
        clock_row.addWidget(self.progress, stretch=1)

        self.voice = VoicePanel(services.voice)  # R records; the report of the spoken answer

        self.notes = CardTextView()
        self.notes.setObjectName("notes")
        self.findings = FindingsPanel()
        self.findings.set_empty_text("The coach has nothing to flag in this story.")
        self.notes_row = QWidget()
        notes_layout = QHBoxLayout(self.notes_row)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.addWidget(self.notes, stretch=3)
        notes_layout.addWidget(self.findings, stretch=2)

        self.reveal_button = QPushButton("Show notes  (Space)")
        self.reveal_button.setObjectName("primary")
        self.reveal_button.clicked.connect(self.reveal)
        self.grade_buttons: dict[Rating, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.reveal_button)
        for rating in Rating:
            button = QPushButton()
            button.setObjectName(f"grade{RATING_LABELS[rating]}")
            button.clicked.connect(lambda _=False, r=rating: self.grade(r))
            self.grade_buttons[rating] = button
            buttons.addWidget(button)
        buttons.addStretch()
        for button in (self.reveal_button, *self.grade_buttons.values()):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumWidth(90)
        self.result = plain(QLabel())  # may quote an error
        self.result.setObjectName("subtle")
        self.result.setAlignment(Qt.AlignmentFlag.AlignCenter)

        # The question, clock, report and notes scroll as one page in a short window: each
        # keeps lines enough to read instead of being squeezed to a sliver.
        self.page, page_layout = scroll_page("rehearsePage")
        page_layout.setSpacing(10)
        page_layout.addWidget(self.question, stretch=1)
        page_layout.addLayout(clock_row)
        page_layout.addWidget(self.voice)
        page_layout.addWidget(self.notes_row, stretch=4)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self.page, stretch=1)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        self._layout, self._page_layout = layout, page_layout

        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self._tick)
        add_shortcut(self, "Space", self.reveal_or_again)
        add_shortcut(self, "Return", self.reveal_or_again)
        for rating in Rating:
            add_shortcut(self, str(int(rating)), partial(self.grade, rating))
        add_shortcut(self, QKeySequence.StandardKey.Undo, self.undo)
        add_shortcut(self, "Escape", self.leave.emit)
        add_shortcut(self, "R", self.voice.toggle)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    @property
    def revealed(self) -> bool:
        return self._rehearsal is not None and self._rehearsal.revealed

    @property
    def last_review(self) -> Review | None:
        return self._rehearsal.review if self._rehearsal is not None else None

    @property
    def spoken_ms(self) -> int:
        """Time from the question to "Show notes" (or so far, while still speaking)."""
        return self._rehearsal.spoken_ms if self._rehearsal is not None else 0

    def start(self, story: Story) -> None:
        self._rehearsal = Rehearsal(story, self._elapsed.elapsed)
        self.caption.setText(f"Rehearsing · {display_title(story)}")
        others = question_lines(story)[1:]
        extra = f"\n\n*Also answers:* {' · '.join(others)}" if others else ""
        self.question.show_markdown(f"## {main_question(story)}{extra}")
        self.notes.show_markdown(notes_markdown(story))
        self.findings.show_findings(
            coach_story(story), {name: getattr(story, name) for name in SPOKEN_FIELDS}
        )
        self.progress.setRange(0, max(1, story.target_seconds))
        self.voice.reset(story)
        self.result.setText("Say it out loud, as you would to the panel.")
        self.ticker.start()
        self._render()
        self._fit_page()
        self.page.verticalScrollBar().setValue(0)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def stop(self) -> None:
        self.ticker.stop()
        self.voice.shutdown()

    def reveal_or_again(self) -> None:
        """Space: show the notes; once graded, rehearse the same story again."""
        rehearsal = self._rehearsal
        if rehearsal is not None and rehearsal.phase is RehearsalPhase.GRADED:
            self.start(rehearsal.story)
        else:
            self.reveal()

    def reveal(self) -> None:
        if self._rehearsal is None or not self._rehearsal.reveal():
            return
        if self.voice.recorder.recording:  # the answer is over: its report comes
            self.voice.finish()
        self.ticker.stop()
        self.result.setText("How did it go? Grade yourself: 1 Again · 2 Hard · 3 Good · 4 Easy.")
        self._render()
        self._layout.activate()  # the notes shown: their frame and padding as drawn
        self._fit_page()
        self._layout.activate()
        self.page.ensureWidgetVisible(self.notes_row, 0, 0)  # a short window: notes in view

    def grade(self, rating: Rating) -> None:
        rehearsal = self._rehearsal
        if rehearsal is None or not rehearsal.can_grade or rehearsal.story.id is None:
            return
        review = self._services.stories.grade_rehearsal(
            rehearsal.story.id, rating, rehearsal.spoken_ms, after_undo=rehearsal.taken_back
        )
        if review is None:
            self.result.setText("Write the decision or the outcome first: then it has a card.")
            return
        rehearsal.graded(review)
        due = review.after.due
        wait = format_interval(due - review.reviewed_at) if due else "-"
        self.result.setText(
            f"Graded {RATING_LABELS[rating]}: this story comes back in {wait}. "
            "Ctrl+Z takes the grade back · Space rehearses it again · Esc returns to the editor."
        )
        self._render()

    def undo(self) -> None:
        """Ctrl+Z: the newest step of the one undo queue (this rehearsal's grade, if newest)."""
        try:
            undone = self._services.undo.undo_step()
        except Exception as error:  # noqa: BLE001 - any failure: the grade stays kept
            self.result.setText(f"Not undone ({' '.join(str(error).split())}): still kept.")
            return
        if undone is not None:
            self.apply_changes(undone.changes)

    def apply_changes(self, _changes: Changes) -> None:
        """After an undo: a grade taken back asks for a grade again."""
        rehearsal = self._rehearsal
        if rehearsal is not None and rehearsal.phase is RehearsalPhase.NOTES:
            self.result.setText("Grade taken back. Grade again with 1-4.")
        self._render()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        roomy = event.size().height() >= ROOMY_HEIGHT
        self._layout.setContentsMargins(*((32, 24, 32, 24) if roomy else (24, 8, 24, 8)))
        self._layout.setSpacing(14 if roomy else 8)
        self._page_layout.setSpacing(10 if roomy else 8)
        self._fit_page()

    def _fit_page(self) -> None:
        """The question box holds the whole question (up to 40% of the room) and the notes
        NOTES_LINES lines at their styled size: the page scrolls rather than cut them."""
        self.notes.ensurePolished()  # its styled font size, not the default
        chrome = self.notes.height() - self.notes.viewport().height()
        lines = NOTES_LINES * self.notes.fontMetrics().lineSpacing()
        self.notes_row.setMinimumHeight(
            lines + chrome + 2 * int(self.notes.document().documentMargin())
        )
        document = self.question.document()
        document.setTextWidth(self.question.viewport().width())
        needed = math.ceil(document.size().height()) + 2 * self.question.frameWidth() + 4
        least = 3 * self.question.fontMetrics().lineSpacing()
        self.question.setMinimumHeight(max(least, min(needed, self.height() * 2 // 5)))

    def _tick(self) -> None:
        self._render_clock()

    def _render(self) -> None:
        rehearsal = self._rehearsal
        revealed = self.revealed
        self.notes_row.setVisible(revealed)
        self.reveal_button.setVisible(not revealed)
        story_id = rehearsal.story.id if rehearsal is not None else None
        intervals = (
            self._services.stories.rehearsal_preview(story_id)
            if revealed and story_id is not None
            else {}
        )
        for rating, button in self.grade_buttons.items():
            # once graded they go: buttons showing the next intervals would offer a grade
            # that one rehearsal does not take
            button.setVisible(revealed and self.last_review is None)
            button.setEnabled(bool(intervals))
            interval = format_interval(intervals[rating]) if rating in intervals else ""
            button.setText(f"{RATING_LABELS[rating]}  ({int(rating)})\n{interval}")
        if revealed and not intervals and self.last_review is None:
            self.result.setText("Write the decision or the outcome first: then it has a card.")
        self._render_clock()

    def _render_clock(self) -> None:
        if self._rehearsal is None:
            return
        seconds = self.spoken_ms // 1000  # a running clock shows whole seconds gone
        target = self._rehearsal.story.target_seconds
        self.clock.setText(f"{format_seconds(seconds)} / {format_seconds(target)}")
        over = seconds > target
        if self.clock.property("over") != over:
            self.clock.setProperty("over", over)
            self.clock.style().unpolish(self.clock)
            self.clock.style().polish(self.clock)
        self.progress.setValue(min(seconds, target))
