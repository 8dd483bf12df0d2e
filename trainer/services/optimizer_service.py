"""Fitting FSRS parameters to the user's history, and applying them only when they help.

Reading the log and saving the parameters are two short transactions; the fit runs
between them, outside any transaction. Applying pushes one undo step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo

from trainer.core.optimizer import (
    DEFAULT_PARAMETERS,
    NotEnoughHistory,
    Optimization,
    card_sequences,
    optimize,
)
from trainer.services.operations import SETTINGS
from trainer.services.schedulers import PARAMETERS_KEY, saved_parameters, usable_parameters
from trainer.services.undo import UndoHistory, UndoStep, journal_step
from trainer.services.unit_of_work import UnitOfWork
from trainer.storage.collection import Collection
from trainer.storage.row_journal import recording

UNDO_LABEL = "Optimize FSRS parameters"
RESET_LABEL = "Reset FSRS parameters"

__all__ = ["NotEnoughHistory", "OptimizationOutcome", "OptimizerService"]


@dataclass(frozen=True)
class OptimizationOutcome:
    optimization: Optimization
    previous: tuple[float, ...] | None  # the parameters in use before (None: the defaults)
    applied: bool
    reason: str  # why they were or were not applied, in a sentence

    @property
    def parameters(self) -> tuple[float, ...]:
        return self.optimization.parameters


class OptimizerService:
    def __init__(
        self, uow: UnitOfWork, undo: UndoHistory | None = None, zone: tzinfo | None = None
    ) -> None:
        self._uow = uow
        self._undo = undo
        self.zone = zone

    def current_parameters(self) -> tuple[float, ...] | None:
        """The parameters sessions use, or None while they are FSRS's defaults."""
        with self._uow() as collection:
            return saved_parameters(collection.settings)

    def optimize(self, *, apply: bool = True) -> OptimizationOutcome:
        """Fit to the whole review log; keep the result only if its log loss is lower.

        Raises `NotEnoughHistory` (with how many more reviews are needed) on a short log.
        """
        with self._uow() as collection:
            previous = saved_parameters(collection.settings)
            sequences = card_sequences(collection.reviews.optimizer_history(), self.zone)
        result = optimize(sequences, previous or DEFAULT_PARAMETERS)
        if not result.improved:
            return OptimizationOutcome(
                result,
                previous,
                False,
                "the fit does not predict your history better than the parameters in use",
            )
        if not usable_parameters(result.parameters):
            return OptimizationOutcome(
                result, previous, False, "the fit has a parameter out of the scheduler's range"
            )
        if not apply:
            return OptimizationOutcome(result, previous, False, "a dry run changes nothing")
        self._save(result.parameters)
        if self._undo is not None:
            self._undo.push(UndoStep(UNDO_LABEL, lambda c: _restore(c, previous), SETTINGS))
        return OptimizationOutcome(result, previous, True, "the fit predicts your history better")

    def reset(self) -> None:
        """Go back to FSRS's default parameters; one undo step puts the fitted ones back."""
        with self._uow() as collection, recording(collection) as journal:
            _restore(collection, None)
        if self._undo is not None:
            self._undo.push(journal_step(RESET_LABEL, journal))

    def _save(self, parameters: Sequence[float]) -> None:
        with self._uow() as collection:
            collection.settings.set(PARAMETERS_KEY, list(parameters))


def _restore(collection: Collection, parameters: tuple[float, ...] | None) -> None:
    collection.settings.set(PARAMETERS_KEY, list(parameters) if parameters else None)
