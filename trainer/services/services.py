"""The use cases, wired over one open database. The UI and the CLI both talk to this.

Each service is made on first use, with its imports: the home screen needs three of them
and none of SQLAlchemy, the optimizer or the file formats, so the window paints sooner and
`keeper decks` loads little.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from functools import cached_property
from importlib import import_module
from pathlib import Path
from threading import Lock
from typing import TYPE_CHECKING

from trainer.core.clock import Clock
from trainer.services.operations import EVERYTHING
from trainer.services.undo import UndoHistory
from trainer.services.unit_of_work import UnitOfWork
from trainer.storage.database import Database
from trainer.storage.integrity import IntegrityCheck

# Imported on a thread once the window has painted (no UI module, no file format): what
# the first action (most often "Study now") needs, then what each room's first visit would
# import on the GUI thread (with the rest, about a quarter of a second at the click).
WARM_UP = (
    "trainer.storage.collection",
    "trainer.core.session",
    "trainer.core.coach",
    "trainer.core.stories",
    "trainer.services.study_service",
    "trainer.services.schedulers",
    "fsrs",  # the scheduler, made at the first grade
    "trainer.services.study_run",
    "trainer.services.interview_planning",
    "trainer.storage.memory_repair",
    "trainer.storage.front_order",
    # the browser
    "trainer.services.browse_service",
    "trainer.services.deck_service",
    "trainer.storage.search_repository",
    "trainer.core.card_content",
    # the statistics
    "trainer.services.stats_service",
    "trainer.services.optimizer_service",
    "trainer.core.statistics",
    "trainer.core.card_statistics",
    "trainer.storage.memory_counts",
    "trainer.storage.row_journal",
    # the stories
    "trainer.services.story_service",
    "trainer.services.voice_service",
    "trainer.services.transcription",
    "trainer.services.voice_model",
    "trainer.storage.story_repository",
    "trainer.core.delivery",
    "trainer.core.spoken_report",
    "trainer.core.spoken_rubric",
    "trainer.core.story_cards",
)

if TYPE_CHECKING:
    from trainer.services.backup_service import BackupService
    from trainer.services.browse_service import BrowseService
    from trainer.services.card_edit_service import CardEditService
    from trainer.services.content_service import ContentService
    from trainer.services.deck_service import DeckService
    from trainer.services.exchange_service import ExchangeService
    from trainer.services.media_service import MediaService
    from trainer.services.optimizer_service import OptimizerService
    from trainer.services.plan_service import PlanService
    from trainer.services.search_index_service import SearchIndexService
    from trainer.services.settings_service import SettingsService
    from trainer.services.stats_service import StatsService
    from trainer.services.story_service import StoryService
    from trainer.services.study_service import StudyService
    from trainer.services.voice_service import VoiceService
    from trainer.storage.backup import Backup


class Services:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        *,
        fuzzing: bool = True,
        backups_dir: Path | None = None,
        zone: tzinfo | None = None,
    ) -> None:
        self.database = database
        self.clock = clock
        self.zone = zone  # study days are counted here (None: the system's time zone)
        self.fuzzing = fuzzing
        self.uow = UnitOfWork(database, clock)
        self.undo = UndoHistory(self.uow)
        self._backups_dir = backups_dir or database.path.parent / "backups"
        self._warm_reads = Lock()  # close() waits for warm_up's reads, never cuts them off
        self._closed = False

    @cached_property
    def backups(self) -> BackupService:
        from trainer.services.backup_service import BackupService

        database = self.database
        # A damaged file is never backed up: thinning could then drop a good backup.
        return BackupService(
            database.path,
            self._backups_dir,
            before_snapshot=lambda: database.integrity.require_passed(),
            media_folder=self.media_folder,
        )

    @property
    def media_folder(self) -> Path:
        from trainer.storage.media_store import MEDIA_FOLDER

        return self.database.path.parent / MEDIA_FOLDER

    @cached_property
    def media(self) -> MediaService:  # pictures and sounds: the store, the media check
        from trainer.services.media_service import MediaService
        from trainer.storage.media_store import MediaStore

        return MediaService(MediaStore(self.media_folder), self.uow, self.undo)

    @cached_property
    def voice(self) -> VoiceService:
        from trainer.services.voice_service import VoiceService

        return VoiceService(self.uow, self.undo, self.settings)

    @cached_property
    def study(self) -> StudyService:
        from trainer.services.study_service import StudyService

        return StudyService(
            self.uow,
            self.clock,
            fuzzing=self.fuzzing,
            zone=self.zone,
            undo=self.undo,
            plan=self.plan,
        )

    @cached_property
    def content(self) -> ContentService:
        from trainer.services.content_service import ContentService

        return ContentService(self.uow, self.undo)

    @cached_property
    def stats(self) -> StatsService:  # the statistics room, the today strip, `keeper stats`
        from trainer.services.stats_service import StatsService

        return StatsService(self.uow, self.clock, self.zone)

    @cached_property
    def search_index(self) -> SearchIndexService:  # the full-text index's catch-up
        from trainer.services.search_index_service import SearchIndexService

        return SearchIndexService(self.database)

    @cached_property
    def exchange(self) -> ExchangeService:
        from trainer.services.exchange_service import ExchangeService

        return ExchangeService(self.uow, self.clock, self.backups, self.undo, self.media)

    @cached_property
    def stories(self) -> StoryService:
        from trainer.services.story_service import StoryService

        return StoryService(self.uow, self.undo, self.study, fuzzing=self.fuzzing)

    @cached_property
    def optimizer(self) -> OptimizerService:
        from trainer.services.optimizer_service import OptimizerService

        return OptimizerService(self.uow, self.undo)

    @cached_property
    def plan(self) -> PlanService:
        from trainer.services.plan_service import PlanService

        return PlanService(self.uow, self.clock, self.zone, self.undo)

    @cached_property
    def browse(self) -> BrowseService:  # the card browser and `keeper cards`
        from trainer.services.browse_service import BrowseService

        return BrowseService(self.uow, self.clock)

    @cached_property
    def card_edits(self) -> CardEditService:  # adding and changing cards
        from trainer.services.card_edit_service import CardEditService

        return CardEditService(self.uow, self.undo)

    @cached_property
    def decks(self) -> DeckService:
        from trainer.services.deck_service import DeckService

        return DeckService(self.uow, self.undo)

    @cached_property
    def settings(self) -> SettingsService:
        from trainer.services.settings_service import SettingsService

        return SettingsService(self.uow)

    def restore_backup(self, backup: Backup) -> Path | None:
        """Replace the open collection with `backup`; the current state is backed up first.

        Pooled connections are closed first, so the next action reads the restored file.
        Undo steps refer to the old state and are dropped.
        """
        if "search_index" in self.__dict__:  # its connection must not write to the old file
            self.search_index.stop()
            del self.__dict__["search_index"]
        self.database.release_connections()
        from trainer.storage.backup import restore

        kept = restore(backup, self.database.path, self.backups.backups_dir, self.media_folder)
        self.database.integrity = IntegrityCheck(self.database.path, passed=True)  # checked
        self.undo.clear()
        self.undo.announce(EVERYTHING)
        self.search_index.catch_up_later()  # the backup may hold cards an import left unindexed
        return kept

    def check_pages(self, on_done: Callable[[Exception | None], None]) -> None:
        """The check an open with `defer_check` left for later, on a thread of its own:
        `on_done` gets why the file is damaged, or None. Nothing is committed before it
        passes."""
        self.database.integrity.start(on_done=on_done)

    def warm_up(self) -> None:
        """Make the engine (importing SQLAlchemy), import what the first action needs and
        make the card browser's first reads once, so the first action does not wait for
        them: for a thread, once the window has painted. (SQLAlchemy configures its mappers
        and compiles each statement on its first use: the browser's first visit spent about
        60 ms more on its reads than its second, at 100,000 cards.)"""
        try:
            self.database.engine  # noqa: B018 - imports SQLAlchemy, makes the engine
            for name in WARM_UP:
                import_module(name)
            from trainer.core.browse import FIRST_ROWS

            with self._warm_reads:
                if self._closed:
                    return
                self.decks.decks()
                first = self.browse.first_rows("").ids[:FIRST_ROWS]  # the whole list if few
                self.browse.rows(first)
                if first:
                    self.browse.card(first[0])
        except Exception:  # noqa: BLE001 - only a head start: the real use reports any error
            return

    def close(self) -> None:
        with self._warm_reads:
            self._closed = True
        if "search_index" in self.__dict__:  # its thread writes: let it end its chunk first
            self.search_index.stop()
        if "media" in self.__dict__:  # made this session: files it deleted lose their undo
            self.media.forget_deleted()
        self.database.close()
