"""The use cases, wired over one open database. The UI and the CLI both talk to this."""

from __future__ import annotations

from trainer.core.clock import Clock
from trainer.services.card_service import CardService
from trainer.services.content_service import ContentService
from trainer.services.stats_service import StatsService
from trainer.services.study_service import StudyService
from trainer.services.undo import UndoHistory
from trainer.services.unit_of_work import UnitOfWork
from trainer.storage.database import Database


class Services:
    def __init__(self, database: Database, clock: Clock, *, fuzzing: bool = True) -> None:
        self.database = database
        self.clock = clock
        uow = UnitOfWork(database, clock)
        self.uow = uow
        self.undo = UndoHistory(uow)
        self.study = StudyService(uow, clock, fuzzing=fuzzing)
        self.cards = CardService(uow)
        self.content = ContentService(uow)
        self.stats = StatsService(uow, clock)

    def close(self) -> None:
        self.database.close()
