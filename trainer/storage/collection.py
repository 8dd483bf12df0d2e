"""The one repository: the collection over one session, inside a caller's transaction.

Every read and write goes through its typed sub-repositories, whose inputs and outputs are
core dataclasses; no layer above storage sees a session, a connection or a row:

    collection.decks     decks, their options, deleting and restoring them
    collection.cards     cards, their memory, browser edits with exact undo, bulk reads
    collection.queue     what is due to study, and the counts the home screen shows
    collection.reviews   the review log (append-only) and statistics over it
    collection.stories   failure stories
    collection.search    the browser's search and rows
    collection.settings  small app-wide values
    collection.bundles   bulk card writes for an import
    collection.attempts  spoken rehearsal attempts (docs/voice.md)
    collection.media     which media store files the cards name (the files: MediaStore)

The home screen's first paint reads through `Reads` (storage/reads.py) instead: the same
queries on a plain sqlite3 connection, before SQLAlchemy is imported.
"""

from __future__ import annotations

from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from trainer.storage.bundle_repository import BundleRepository
from trainer.storage.card_repository import CardRepository
from trainer.storage.deck_repository import DeckRepository
from trainer.storage.queue_repository import QueueRepository
from trainer.storage.review_repository import ReviewRepository
from trainer.storage.settings_repository import SettingsRepository

if TYPE_CHECKING:  # search, stories and attempts load their core modules when first used
    from trainer.storage.attempt_repository import AttemptRepository
    from trainer.storage.front_order import FrontOrder
    from trainer.storage.media_repository import MediaRepository
    from trainer.storage.search_repository import SearchRepository
    from trainer.storage.story_repository import StoryRepository

# What a write raises when the file cannot take it now (locked by another writer's long
# transaction, or read-only): nothing was written. Callers catch this, never SQLAlchemy's.
WriteRefused = OperationalError


class Collection:
    """Decks, cards, reviews, stories and settings over one open session; `now` stamps
    changes. `front_order`: the kept browser order (Database.front_order), if any."""

    def __init__(
        self, session: Session, now: datetime, front_order: FrontOrder | None = None
    ) -> None:
        self.session = session  # for storage and its tests only: services never touch it
        self.now = now
        self._front_order = front_order
        self.decks = DeckRepository(session, now)
        self.cards = CardRepository(session, now)
        self.queue = QueueRepository(session)
        self.reviews = ReviewRepository(session, now)
        self.settings = SettingsRepository(session)
        self.bundles = BundleRepository(session, now)

    @cached_property
    def stories(self) -> StoryRepository:
        from trainer.storage.story_repository import StoryRepository

        return StoryRepository(self.session, self.now, self.decks)

    @cached_property
    def attempts(self) -> AttemptRepository:
        from trainer.storage.attempt_repository import AttemptRepository

        return AttemptRepository(self.session, self.now)

    @cached_property
    def search(self) -> SearchRepository:
        from trainer.storage.search_repository import SearchRepository

        return SearchRepository(self.session, self._front_order)

    @cached_property
    def media(self) -> MediaRepository:
        from trainer.storage.media_repository import MediaRepository

        return MediaRepository(self.session)
