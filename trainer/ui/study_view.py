"""The study screen: a passive view over a study run (services/study_run.py).

The run keeps every grade before the next card is drawn, so a crash never loses more than
the card on screen, and undoes grades through the one undo queue. This view shows the
run's session and its problem line, and forwards keys.
"""

from __future__ import annotations

import math
from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.core.cards import Card, Rating
from trainer.core.cloze_cards import shown_sides
from trainer.core.model import CardKind
from trainer.core.scheduling import format_interval
from trainer.core.session import Phase, StudySession
from trainer.services.operations import Changes
from trainer.services.study_run import StudyRun
from trainer.services.study_service import StudyService
from trainer.ui.card_text_view import CardTextView
from trainer.ui.grading_keys import RATING_LABELS, add_shortcut
from trainer.ui.rewrite_panel import RewritePanel
from trainer.ui.safe_text import plain
from trainer.ui.sound_player import SoundPlayer

if TYPE_CHECKING:
    from trainer.services.voice_service import VoiceService
    from trainer.ui.spoken_card_panel import SpokenCardPanel

PASS_FAIL_LABELS = {Rating.AGAIN: "Fail  (1)", Rating.GOOD: "Pass  (2 or 3)"}


class StudyView(QWidget):
    finished = Signal(object)  # SessionSummary
    leave = Signal()
    edit_card = Signal(object)  # Card: E asks to edit the card being studied
    open_story = Signal(str)  # a spoken card's question: S opens the story that answers it

    def __init__(
        self,
        study: StudyService,
        parent: QWidget | None = None,
        voice: VoiceService | None = None,  # records spoken answers; None: the checklist only
    ) -> None:
        super().__init__(parent)
        self.setObjectName("studyView")
        self._study = study
        self._voice = voice
        self._spoken: SpokenCardPanel | None = None  # built at the first spoken card
        self._run: StudyRun | None = None
        self._two_buttons = False  # pass/fail answer keys (Settings)

        self.progress = QLabel()
        self.progress.setObjectName("subtle")
        self.undo_hint = QLabel("Ctrl+Z undoes the last grade · Esc returns to decks")
        self.undo_hint.setObjectName("subtle")
        self.undo_hint.setWordWrap(True)  # two lines in a narrow window, never a wider room
        self.undo_hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(self.progress)
        top.addStretch()
        top.addWidget(self.undo_hint)

        # One line when a grade or an undo could not be saved; it may quote a card's front.
        self.problem = plain(QLabel())
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)

        self.front = CardTextView()
        self.back = CardTextView()
        self.divider = QFrame()
        self.divider.setFrameShape(QFrame.Shape.HLine)
        self.divider.setObjectName("divider")

        self.reveal_button = QPushButton("Show answer  (Space)")
        self.reveal_button.setObjectName("primary")
        self.reveal_button.clicked.connect(self.reveal)
        self.grade_buttons: dict[Rating, QPushButton] = {}
        grades = QHBoxLayout()
        grades.addStretch()
        grades.addWidget(self.reveal_button)
        for rating in Rating:
            button = QPushButton()
            button.setObjectName(f"grade{RATING_LABELS[rating]}")
            button.clicked.connect(lambda _=False, r=rating: self.grade(r))
            self.grade_buttons[rating] = button
            grades.addWidget(button)
        grades.addStretch()
        for button in (self.reveal_button, *self.grade_buttons.values()):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the shortcuts below
            button.setMinimumWidth(110)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(self.front, stretch=2)
        layout.addWidget(self.divider)
        self.rewrite = RewritePanel()  # weak-answer cards: type a stronger version first
        self.rewrite.leave.connect(lambda: self.setFocus(Qt.FocusReason.OtherFocusReason))
        answer_row = QHBoxLayout()
        answer_row.addWidget(self.back, stretch=3)
        answer_row.addWidget(self.rewrite, stretch=2)
        layout.addLayout(answer_row, stretch=3)
        layout.addStretch(0)  # below a short question, before the buttons: empty room
        layout.addLayout(grades)
        self._layout, self._answer_row = layout, answer_row

        add_shortcut(self, "Space", self.reveal)
        add_shortcut(self, "Return", self._reveal_or_confirm)
        add_shortcut(self, "Enter", self._reveal_or_confirm)
        for rating in Rating:
            add_shortcut(self, str(int(rating)), partial(self.grade, rating))
        add_shortcut(self, QKeySequence.StandardKey.Undo, self.undo)
        add_shortcut(self, "Escape", self.leave.emit)
        add_shortcut(self, "E", self._ask_to_edit)
        self.sounds = SoundPlayer(self)  # the shown side's sounds; R plays them again
        add_shortcut(self, "R", self._record_or_replay)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    @property
    def session(self) -> StudySession | None:
        return self._run.studying if self._run is not None else None

    def start(self, session: StudySession) -> None:
        self._run = self._study.run(session)
        self._render()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def reveal(self) -> None:
        if self._run is not None and self._run.studying.phase is Phase.QUESTION:
            self._run.reveal()
            self._render()

    def grade(self, rating: Rating) -> None:
        if self._run is None:
            return
        if self._two_buttons:  # pass/fail: 1 fails (Again), 2 or 3 passes (Good)
            if rating is Rating.EASY:
                return
            rating = Rating.AGAIN if rating is Rating.AGAIN else Rating.GOOD
        if self._run.grade(rating) is not None:
            self._render()
        else:
            self._show_problem()  # the card and its answer stay as they are, to retry

    def undo(self) -> None:
        """Ctrl+Z: the newest step of the one undo queue (a grade puts its card back)."""
        if self._run is not None:
            if self._run.undo() is not None:
                self._render()
            else:
                self._show_problem()
        else:  # no session yet: the queue's newest step, a failure changes nothing
            with suppress(Exception):
                self._study.undo_queue.undo_step()

    def _record_or_replay(self) -> None:
        """R: on a spoken card, record the answer; on any other, play its sounds again."""
        if self._spoken is not None and not self._spoken.isHidden():
            self._spoken.record()
        else:
            self.sounds.replay()

    def _reveal_or_confirm(self) -> None:
        """Enter: show the answer; on a spoken card's answer, grade as it suggests."""
        suggested = self._suggested_button()
        if suggested is not None:
            self.grade(suggested)
        else:
            self.reveal()

    @property
    def spoken(self) -> SpokenCardPanel:
        """The spoken card's part of the screen (built the first time it is needed)."""
        if self._spoken is None:
            from trainer.ui.spoken_card_panel import SpokenCardPanel

            self._spoken = SpokenCardPanel(self._voice)
            self._spoken.install_keys(self)
            self._spoken.suggestion_changed.connect(self._render_grades)
            self._spoken.open_story.connect(self.open_story.emit)
            self._layout.insertWidget(self._layout.indexOf(self.divider) + 1, self._spoken, 3)
        return self._spoken

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        if self._spoken is not None:
            self._spoken.stop()  # leaving: no microphone left open, no transcription running
        super().hideEvent(event)

    def _ask_to_edit(self) -> None:
        card = self.session.current if self.session is not None else None
        if card is not None:
            self.edit_card.emit(card)

    def show_edited(self, card: Card) -> None:
        """The studied card's text as edited (or as an undo put it back)."""
        if self._run is not None and self._run.studying.show_edited(card):
            self._render()

    def apply_changes(self, _changes: Changes) -> None:
        """Something was undone elsewhere (the Edit menu): show the run as it is now."""
        if self._run is not None and self._run.studying.phase is not Phase.FINISHED:
            self._render()

    def _show_problem(self) -> None:
        problem = self._run.problem if self._run is not None else None
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)

    def _render(self) -> None:
        if self._run is None:
            return
        session = self._run.studying
        self._show_problem()
        if session.phase is Phase.FINISHED:
            self.sounds.side_shown("")
            self.finished.emit(session.summary())
            return
        card = session.current
        assert card is not None
        answer = session.phase is Phase.ANSWER
        spoken = card.kind is CardKind.SPOKEN
        if spoken or self._spoken is not None:
            self.spoken.show_card(card if spoken else None, answer)
        question, shown_answer = shown_sides(card, answer)
        self.front.show_markdown(question)
        self.back.show_markdown("" if spoken else shown_answer)
        self.sounds.side_shown(card.back if answer else card.front)
        self.back.setVisible(answer and not spoken)  # a spoken card's rubric is its checklist
        self.divider.setVisible(answer)
        self._share_the_height(answer)
        self.rewrite.show_card(card, revealed=answer)
        self.reveal_button.setVisible(not answer)
        self._render_grades()
        self.progress.setText(f"{session.remaining} left · {session.summary().studied} studied")

    def _render_grades(self) -> None:
        session = self.session
        answer = session is not None and session.phase is Phase.ANSWER
        intervals = session.preview() if session is not None and answer else {}
        suggested = self._suggested_button()
        for rating, button in self.grade_buttons.items():
            shown = answer and (not self._two_buttons or rating in PASS_FAIL_LABELS)
            button.setVisible(shown)
            if shown:
                mark = "  ★" if rating is suggested else ""  # Enter grades this
                button.setText(f"{self._label(rating)}{mark}\n{format_interval(intervals[rating])}")

    def _suggested_button(self) -> Rating | None:
        spoken = self._spoken
        if spoken is None or not spoken.isVisible() or not spoken.revealed:
            return None
        if self._two_buttons:
            return Rating.AGAIN if spoken.suggested is Rating.AGAIN else Rating.GOOD
        return spoken.suggested

    def _share_the_height(self, answer: bool) -> None:
        """The question box holds the question's lines: alone, it may take the whole room
        (a long question) and a short one leaves the room below empty, not boxed; once
        answered it keeps at most 40% of the room (half above a short answer: a picture shows
        whole), and the answer gets the rest."""
        spoken = self._spoken is not None and not self._spoken.isHidden()  # it is the answer
        self._layout.setStretchFactor(self._answer_row, 3 if answer and not spoken else 0)
        if self._spoken is not None:  # asking, the question takes the room it needs first
            self._layout.setStretchFactor(self._spoken, 3 if answer else 0)
        self._layout.setStretchFactor(self.front, 2 if answer else 1)
        self._layout.activate()  # the back just shown or hidden: sizes as they will be
        document = self.front.document()
        document.setTextWidth(self.front.viewport().width())
        needed = math.ceil(document.size().height()) + _chrome(self.front)
        least = 3 * self.front.fontMetrics().lineSpacing()
        if spoken and not answer:  # the spoken panel below asks for much: the question first
            least = max(least, self.height() * 2 // 5)
        self.front.setMinimumHeight(min(needed, least))
        if not answer:
            self.front.setMaximumHeight(needed)
            return
        below = self._spoken if spoken and self._spoken is not None else self.back
        shared = self.front.height() + below.height()
        cap = max(shared * 2 // 5, 3 * self.front.fontMetrics().lineSpacing())
        if not spoken:  # a short answer leaves the question the room it does not need
            answer_document = self.back.document()
            answer_document.setTextWidth(self.back.viewport().width())
            answer_needed = math.ceil(answer_document.size().height()) + _chrome(self.back)
            cap = max(cap, shared - max(answer_needed, shared // 2))
            self.front.setMinimumHeight(min(needed, cap))  # the stretch would not give it
        self.front.setMaximumHeight(min(needed, cap))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        roomy = event.size().height() >= 600
        self._layout.setContentsMargins(*((48, 24, 48, 24) if roomy else (32, 12, 32, 12)))
        self._layout.setSpacing(16 if roomy else 10)
        session = self.session
        if session is not None and session.phase is not Phase.FINISHED:
            self._share_the_height(session.phase is Phase.ANSWER)

    def set_answer_layout(self, two_buttons: bool) -> None:
        """Four grades (1-4), or pass/fail with two: Fail = Again (1), Pass = Good (2 or 3)."""
        self._two_buttons = two_buttons
        if self.session is not None and self.session.phase is not Phase.FINISHED:
            self._render()

    def _label(self, rating: Rating) -> str:
        if self._two_buttons:
            return PASS_FAIL_LABELS[rating]
        return f"{RATING_LABELS[rating]}  ({int(rating)})"


def _chrome(view: QAbstractScrollArea) -> int:
    """What a text box adds around its text: frame, padding and margins of its style."""
    return max(2 * view.frameWidth(), view.height() - view.viewport().height())
