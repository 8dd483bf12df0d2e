"""The one undo queue: every user action (an edit, a grade, an import...) is one step.

Each service action runs in one transaction and pushes one `UndoStep` whose `revert` puts
back what the action changed, itself in one transaction; `after` then puts back what lives
outside the collection (a graded card goes back on the study screen). Screens listen to the
queue: each push and each undo hands them the `Changes`, so they re-read only that.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from trainer.services.operations import NOTHING, Changes
from trainer.services.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from trainer.storage.collection import Collection
    from trainer.storage.row_journal import Journal

MAX_STEPS = 100
Listener = Callable[[Changes], None]


class UndoStep(NamedTuple):
    label: str  # what the action was, e.g. "Delete card"; menus show "Undo Delete card"
    revert: Callable[[Collection], None]
    changes: Changes = NOTHING  # what the action (and so its undo) wrote
    after: Callable[[], None] | None = None  # once reverted: state outside the collection


class Undone(NamedTuple):
    label: str
    changes: Changes


class UndoHistory:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._steps: list[UndoStep] = []
        self._listeners: list[Listener] = []

    def listen(self, listener: Listener) -> None:
        """`listener(changes)` after every action pushed and every step undone."""
        self._listeners.append(listener)

    def push(self, step: UndoStep) -> Changes:
        self._steps.append(step)
        del self._steps[:-MAX_STEPS]
        self.announce(step.changes)
        return step.changes

    def announce(self, changes: Changes) -> None:
        """Tell the screens what changed (also for changes without an undo step)."""
        for listener in list(self._listeners):
            listener(changes)

    @property
    def can_undo(self) -> bool:
        return bool(self._steps)

    @property
    def next_label(self) -> str | None:
        return self._steps[-1].label if self._steps else None

    def undo(self) -> str | None:
        """Revert the newest action; returns its label, or None when there is nothing."""
        undone = self.undo_step()
        return undone.label if undone else None

    def undo_step(self) -> Undone | None:
        """Revert the newest action. If the revert fails (the database is locked), it raises
        and the step stays, so undo can be tried again."""
        if not self._steps:
            return None
        step = self._steps[-1]
        with self._uow() as collection:
            step.revert(collection)
        self._steps.pop()
        if step.after is not None:
            step.after()
        self.announce(step.changes)
        return Undone(step.label, step.changes)

    def clear(self) -> None:
        self._steps.clear()


def journal_step(label: str, journal: Journal) -> UndoStep:
    """The step that undoes an operation recorded by `storage.row_journal.recording`."""
    from trainer.core.model import CardId, DeckId
    from trainer.storage.row_journal import revert

    changes = Changes(
        card_ids=frozenset(CardId(i) for i in journal.ids("cards")),
        deck_ids=frozenset(DeckId(i) for i in journal.ids("decks")),
        reviews=journal.wrote("reviews"),
        story_ids=frozenset(journal.ids("stories")),
        settings=journal.wrote("settings"),
    )
    return UndoStep(label, lambda collection: revert(collection, journal), changes)
