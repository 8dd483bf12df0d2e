"""Stories, and the snapshots that let a deletion be undone exactly.

Inputs and outputs are core `Story` values. A story's id is never handed out twice (schema
v6), so the cards a deleted story left behind (guid "story:<id>:...") are never adopted by a
later story; each story also has a global `guid`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from trainer.core.model import Deck, Origin
from trainer.core.stories import Story
from trainer.core.story_cards import STORY_DECK_GUID, STORY_DECK_NAME
from trainer.storage.deck_repository import DeckRepository
from trainer.storage.models import StoryRow
from trainer.storage.rows import RemovedCards, restore_cards, rows_of

_STORY_FIELDS = tuple(f.name for f in fields(Story) if f.name not in ("id", "guid"))


@dataclass(frozen=True)
class DeletedStory:
    """A deleted story's row as it was; opaque above storage."""

    row: dict[str, Any]

    @property
    def story(self) -> Story:
        fields_ = {name: self.row[name] for name in _STORY_FIELDS}
        return Story(id=self.row["id"], **fields_, guid=self.row["guid"])


class StoryRepository:
    def __init__(self, session: Session, now: datetime, decks: DeckRepository) -> None:
        self._session = session
        self._now = now
        self._decks = decks

    def all(self) -> list[Story]:
        """Every story, newest first."""
        rows = self._session.scalars(select(StoryRow).order_by(StoryRow.id.desc()))
        return [_story(row) for row in rows]

    def get(self, story_id: int) -> Story | None:
        row = self._session.get(StoryRow, story_id)
        return _story(row) if row else None

    def add(self, story: Story) -> Story:
        """Insert a story under a fresh id (never one used before); returns it with its id
        and guid (its own, an imported story's, unless the collection has that one)."""
        guid = story.guid
        if not guid or self._session.scalar(select(StoryRow.id).where(StoryRow.guid == guid)):
            guid = f"story:{uuid.uuid4().hex}"
        story_id = self._session.execute(
            insert(StoryRow)
            .values(guid=guid, **_values(story), created_at=self._now, modified_at=self._now)
            .returning(StoryRow.id)
        ).scalar_one()
        return replace(story, id=story_id, guid=guid)

    def update(self, story: Story) -> bool:
        """Write every field of a saved story; False when it no longer exists."""
        if story.id is None:
            raise ValueError("update needs a saved story")
        result = self._session.execute(
            update(StoryRow)
            .where(StoryRow.id == story.id)
            .values(**_values(story), modified_at=self._now)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def remove(self, story_id: int) -> DeletedStory | None:
        found = rows_of(self._session, StoryRow, StoryRow.id == story_id)
        if not found:
            return None
        self._session.execute(delete(StoryRow).where(StoryRow.id == story_id))
        return DeletedStory(found[0])

    def restore(self, deleted: DeletedStory, cards: RemovedCards | None = None) -> None:
        """Put a removed story back under its own id, guid and timestamps, with its cards
        (in the story deck, made again if it went in the meantime)."""
        self._session.execute(insert(StoryRow).values(**deleted.row))
        cards = cards or RemovedCards()
        gone = {card["deck_id"] for card in cards.cards} - {d.id for d in self._decks.all()}
        if gone:
            cards = cards.in_deck(dict.fromkeys(gone, int(self.deck().id)))
        restore_cards(self._session, cards)

    def deck(self) -> Deck:
        """The "My stories" deck, created the first time a story has a card."""
        return (
            self._decks.with_guid(STORY_DECK_GUID)
            or self._decks.named(STORY_DECK_NAME)
            or self._decks.add(
                STORY_DECK_NAME,
                guid=STORY_DECK_GUID,
                origin=Origin.STORY,
                description="Cards from your own failure stories, kept in step with the editor.",
            )
        )


def _story(row: StoryRow) -> Story:
    return Story(id=row.id, **{name: getattr(row, name) for name in _STORY_FIELDS}, guid=row.guid)


def _values(story: Story) -> dict[str, Any]:
    values = {name: getattr(story, name) for name in _STORY_FIELDS}
    values["tags"] = tuple(values["tags"])
    return values
