"""Counts for `keeper stats` and the home screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from trainer.core.clock import Clock
from trainer.core.model import CardState
from trainer.core.study_days import study_date
from trainer.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class CollectionStats:
    reviews: int
    reviews_today: int
    cards_by_state: dict[str, int]
    suspended: int

    @property
    def cards(self) -> int:
        return sum(self.cards_by_state.values())


class StatsService:
    def __init__(self, uow: UnitOfWork, clock: Clock, zone: tzinfo | None = None) -> None:
        self._uow = uow
        self._clock = clock
        self.zone = zone

    def collection_stats(self) -> CollectionStats:
        now = self._clock()
        with self._uow() as collection:
            collection.cards.repair_hidden()  # a state Keeper does not know is counted as new
            by_state = collection.cards.count_by_state()
            return CollectionStats(
                reviews=collection.reviews.count(),
                reviews_today=collection.reviews.count(study_date(now, self.zone)),
                cards_by_state={state.name.lower(): by_state[state] for state in CardState},
                suspended=collection.cards.suspended_count(),
            )
