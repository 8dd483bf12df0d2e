"""Undo for collection actions (edit, move, suspend, delete, rename...).

Each service action runs in one transaction and pushes one `UndoStep` whose `revert`
puts back what the action changed, itself in one transaction. Study grades are undone by
the study session instead (their undo is exact to the review log entry).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from trainer.services.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from trainer.storage.collection import Collection

MAX_STEPS = 100


class UndoStep(NamedTuple):
    label: str  # what the action was, e.g. "Delete card"; menus show "Undo Delete card"
    revert: Callable[[Collection], None]


class UndoHistory:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._steps: list[UndoStep] = []

    def push(self, step: UndoStep) -> None:
        self._steps.append(step)
        del self._steps[:-MAX_STEPS]

    @property
    def can_undo(self) -> bool:
        return bool(self._steps)

    @property
    def next_label(self) -> str | None:
        return self._steps[-1].label if self._steps else None

    def undo(self) -> str | None:
        """Revert the newest action; returns its label, or None when there is nothing."""
        if not self._steps:
            return None
        step = self._steps.pop()
        with self._uow() as collection:
            step.revert(collection)
        return step.label

    def clear(self) -> None:
        self._steps.clear()
