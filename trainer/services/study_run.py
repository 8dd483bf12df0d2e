"""A study run: the flow of one session over core's `StudySession`, without Qt.

Each grade is kept (saved) before the next card is drawn; if saving fails the card and its
answer stay and grading again retries. Each kept grade is one step on the one undo queue:
undoing it takes the review out of the log, restores the card's memory and puts the card
back on screen. The study screen only shows `session` and `problem` and forwards keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from trainer.core.cards import Rating, Review
from trainer.core.cloze_cards import summary_text
from trainer.services import operations
from trainer.services.undo import UndoHistory, UndoStep

if TYPE_CHECKING:
    from trainer.core.session import StudySession
    from trainer.storage.collection import Collection

GRADE_NAMES = {Rating.AGAIN: "Again", Rating.HARD: "Hard", Rating.GOOD: "Good", Rating.EASY: "Easy"}
LABEL_CHARS = 40  # of the card's front, in the Undo label


class GradeKeeper(Protocol):
    """What a run needs of the study service (StudyService is one), named here so this
    module and study_service do not import each other."""

    def record(self, review: Review) -> None: ...

    def take_back(self, collection: Collection, review: Review) -> None: ...


class StudyRun:
    def __init__(self, session: StudySession, study: GradeKeeper, undo: UndoHistory) -> None:
        self.studying = session  # the core session: its queue, card and phase
        self._study = study
        self._undo = undo
        self.problem: str | None = None  # one line when a grade or an undo was not saved

    def reveal(self) -> None:
        self.studying.reveal()

    def grade(self, rating: Rating) -> Review | None:
        """Grade, keep and move on; None (and `problem` says why) when it was not saved."""
        from trainer.core.session import Phase

        session = self.studying
        if session.phase is not Phase.ANSWER or session.current is None:
            return None
        card = session.current
        try:
            review = session.grade(rating, keep=self._study.record)
        except Exception as error:  # noqa: BLE001 - any failure: the grade stays to retry
            self.problem = (
                f"This grade was not saved ({one_line(error)}): press the key again to retry."
            )
            return None
        self.problem = None
        front = " ".join(summary_text(card).split())
        if len(front) > LABEL_CHARS:
            front = front[: LABEL_CHARS - 1] + "…"
        self._undo.push(
            UndoStep(
                f"Grade {GRADE_NAMES[rating]} on “{front}”",
                lambda collection: self._study.take_back(collection, review),
                operations.cards([card.id], reviews=True),
                after=self._back_on_screen,
            )
        )
        return review

    def undo(self) -> str | None:
        """Undo the newest step of the queue (a grade of this run puts its card back on
        screen); returns its label. If it could not be saved, `problem` says so."""
        label = self._undo.next_label
        try:
            undone = self._undo.undo_step()
        except Exception as error:  # noqa: BLE001 - any failure: the step stays kept
            self.problem = f"{label} was not undone ({one_line(error)}): it is still kept."
            return None
        self.problem = None
        return undone.label if undone else None

    def _back_on_screen(self) -> None:
        self.studying.undo()  # the review is already out of the log: only the screen moves


def one_line(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__
