"""The use cases, wired over one open database. The UI and the CLI both talk to this."""

from __future__ import annotations

from pathlib import Path

from trainer.core.clock import Clock
from trainer.services.backup_service import BackupService
from trainer.services.browse_service import BrowseService
from trainer.services.card_edit_service import CardEditService
from trainer.services.card_service import CardService
from trainer.services.content_service import ContentService
from trainer.services.deck_service import DeckService
from trainer.services.exchange_service import ExchangeService
from trainer.services.insight_service import InsightService
from trainer.services.optimizer_service import OptimizerService
from trainer.services.plan_service import PlanService
from trainer.services.settings_service import SettingsService
from trainer.services.stats_service import StatsService
from trainer.services.story_service import StoryService
from trainer.services.study_service import StudyService
from trainer.services.undo import UndoHistory
from trainer.services.unit_of_work import UnitOfWork
from trainer.storage.backup import Backup, restore
from trainer.storage.database import Database


class Services:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        *,
        fuzzing: bool = True,
        backups_dir: Path | None = None,
    ) -> None:
        self.database = database
        self.clock = clock
        uow = UnitOfWork(database, clock)
        self.backups = BackupService(database.path, backups_dir or database.path.parent / "backups")
        self.uow = uow
        self.undo = UndoHistory(uow)
        self.study = StudyService(uow, clock, fuzzing=fuzzing)
        self.cards = CardService(uow)
        self.content = ContentService(uow)
        self.stats = StatsService(uow, clock)
        self.exchange = ExchangeService(uow, clock, self.backups)
        self.stories = StoryService(uow, self.undo, self.study, fuzzing=fuzzing)
        self.insight = InsightService(uow, clock)
        self.optimizer = OptimizerService(uow, self.undo)
        self.plan = PlanService(uow, clock)
        self.study.review_plan = self.plan.todays_reviews  # sessions follow an interview plan
        self.browse = BrowseService(uow, clock)  # the card browser and `keeper cards`
        self.card_edits = CardEditService(uow, self.undo)
        self.decks = DeckService(uow, self.undo)
        self.settings = SettingsService(uow)

    def restore_backup(self, backup: Backup) -> Path | None:
        """Replace the open collection with `backup`; the current state is backed up first.

        Pooled connections are closed first, so the next action reads the restored file.
        Undo steps refer to the old state and are dropped.
        """
        self.database.engine.dispose()
        kept = restore(backup, self.database.path, self.backups.backups_dir)
        self.undo.clear()
        return kept

    def close(self) -> None:
        self.database.close()
