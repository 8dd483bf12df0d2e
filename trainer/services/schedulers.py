"""The one place a scheduler is made: a deck's options with the FSRS parameters that
`keeper optimize` saved for this collection (FSRS's defaults until then)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # fsrs loads with the first scheduler, not with this module
    from trainer.core.model import Deck, DeckId, DeckOptions
    from trainer.core.scheduling import Scheduler
    from trainer.services.settings_service import SettingSource

PARAMETERS_KEY = "fsrs_parameters"


def saved_parameters(settings: SettingSource) -> tuple[float, ...] | None:
    value = settings.get(PARAMETERS_KEY)
    return tuple(float(w) for w in value) if value else None


def deck_scheduler(
    settings: SettingSource, options: DeckOptions, *, fuzzing: bool, zone: tzinfo | None
) -> Scheduler:
    """`fuzzing`: spread due dates (off for plans and tests); `zone`: where study days are
    counted (None: the system's time zone)."""
    return _scheduler(options, saved_parameters(settings), fuzzing, zone)


def deck_schedulers(
    settings: SettingSource, decks: Iterable[Deck], *, fuzzing: bool, zone: tzinfo | None
) -> dict[DeckId, Scheduler]:
    """A scheduler for each deck, by deck id (see `deck_scheduler`)."""
    parameters = saved_parameters(settings)
    return {deck.id: _scheduler(deck.options, parameters, fuzzing, zone) for deck in decks}


def usable_parameters(parameters: Sequence[float]) -> bool:
    """Whether a scheduler accepts the parameters (fsrs checks each against its bounds)."""
    from trainer.core.model import DeckOptions

    try:
        _scheduler(DeckOptions(), tuple(parameters), fuzzing=False, zone=None)
    except ValueError:
        return False
    return True


def _scheduler(
    options: DeckOptions, parameters: tuple[float, ...] | None, fuzzing: bool, zone: tzinfo | None
) -> Scheduler:
    from trainer.core.scheduling import Scheduler

    return Scheduler(options, parameters=parameters, fuzzing=fuzzing, zone=zone)
