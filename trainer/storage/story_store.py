"""Stories in the collection, and the snapshots that let a deletion be undone exactly.

Functions over a caller's `Collection` (its session and its `now`); inputs and outputs are
core `Story` values. The snapshots are opaque to the layers above: they carry the deleted
rows' columns so an undo can put back the very same story, cards and review log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from trainer.core.model import Deck, Origin
from trainer.core.stories import Story
from trainer.core.story_cards import STORY_DECK_GUID, STORY_DECK_NAME
from trainer.storage.collection import Collection
from trainer.storage.models import CardRow, ReviewRow, StoryRow

# The highest story id ever given out. Ids are never reused, so the cards a deleted story
# left behind (guid "story:<id>:...") are never adopted by a later story.
LAST_ID_KEY = "stories_last_id"
_STORY_FIELDS = tuple(f.name for f in fields(Story) if f.name != "id")


@dataclass(frozen=True)
class DeletedStory:
    story: Story
    created_at: datetime
    modified_at: datetime


@dataclass(frozen=True)
class DeletedCards:
    cards: tuple[dict[str, Any], ...]
    reviews: tuple[dict[str, Any], ...]

    def __len__(self) -> int:
        return len(self.cards)


def list_stories(collection: Collection) -> list[Story]:
    """Every story, newest first."""
    rows = collection.session.scalars(select(StoryRow).order_by(StoryRow.id.desc()))
    return [_story(row) for row in rows]


def get_story(collection: Collection, story_id: int) -> Story | None:
    row = collection.session.get(StoryRow, story_id)
    return _story(row) if row else None


def add_story(collection: Collection, story: Story) -> Story:
    """Insert a story under a fresh id (never one used before); returns it with the id."""
    highest = collection.session.execute(select(func.max(StoryRow.id))).scalar() or 0
    story_id = max(int(collection.setting(LAST_ID_KEY, 0)), highest) + 1
    collection.session.execute(
        insert(StoryRow).values(
            id=story_id, **_values(story), created_at=collection.now, modified_at=collection.now
        )
    )
    collection.set_setting(LAST_ID_KEY, story_id)
    return replace(story, id=story_id)


def update_story(collection: Collection, story: Story) -> bool:
    """Write every field of a saved story; False when it no longer exists."""
    if story.id is None:
        raise ValueError("update_story needs a saved story")
    result = collection.session.execute(
        update(StoryRow)
        .where(StoryRow.id == story.id)
        .values(**_values(story), modified_at=collection.now)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def remove_story(collection: Collection, story_id: int) -> DeletedStory | None:
    row = collection.session.get(StoryRow, story_id)
    if row is None:
        return None
    deleted = DeletedStory(_story(row), row.created_at, row.modified_at)
    collection.session.execute(delete(StoryRow).where(StoryRow.id == story_id))
    return deleted


def restore_story(collection: Collection, deleted: DeletedStory) -> None:
    """Put a removed story back under its own id, with its original timestamps."""
    collection.session.execute(
        insert(StoryRow).values(
            id=deleted.story.id,
            **_values(deleted.story),
            created_at=deleted.created_at,
            modified_at=deleted.modified_at,
        )
    )


def story_deck(collection: Collection) -> Deck:
    """The "My stories" deck, created the first time a story has a card."""
    return (
        collection.deck_with_guid(STORY_DECK_GUID)
        or collection.deck_named(STORY_DECK_NAME)
        or collection.add_deck(
            STORY_DECK_NAME,
            guid=STORY_DECK_GUID,
            origin=Origin.STORY,
            description="Cards from your own failure stories, kept in step with the editor.",
        )
    )


def remove_cards(collection: Collection, guids: Iterable[str]) -> DeletedCards:
    """Delete the cards with these guids, returning them and their review log for undo."""
    wanted = list(guids)
    session = collection.session
    cards = tuple(
        dict(row._mapping)
        for row in session.execute(select(CardRow.__table__).where(CardRow.guid.in_(wanted)))
    )
    ids = [card["id"] for card in cards]
    reviews = tuple(
        dict(row._mapping)
        for row in session.execute(
            select(ReviewRow.__table__).where(ReviewRow.card_id.in_(ids)).order_by(ReviewRow.id)
        )
    )
    if ids:
        session.execute(delete(ReviewRow).where(ReviewRow.card_id.in_(ids)))
        session.execute(delete(CardRow).where(CardRow.id.in_(ids)))
    return DeletedCards(cards, reviews)


def restore_cards(collection: Collection, deleted: DeletedCards) -> None:
    """Put deleted cards and their review log back, under their own ids where still free."""
    if not deleted.cards:
        return
    session = collection.session
    deck_ids = {deck.id for deck in collection.decks()}
    new_ids: dict[int, int] = {}
    for card in deleted.cards:
        values = dict(card)
        if values["deck_id"] not in deck_ids:  # the deck went in the meantime
            values["deck_id"] = int(story_deck(collection).id)
            deck_ids.add(values["deck_id"])
        if session.get(CardRow, values["id"]) is not None:
            del values["id"]
        new_ids[card["id"]] = session.execute(
            insert(CardRow).values(**values).returning(CardRow.id)
        ).scalar_one()
    reviews = []
    for review in deleted.reviews:
        values = {key: value for key, value in review.items() if key != "id"}
        values["card_id"] = new_ids[review["card_id"]]
        reviews.append(values)
    if reviews:
        session.execute(insert(ReviewRow), reviews)


def _story(row: StoryRow) -> Story:
    return Story(id=row.id, **{name: getattr(row, name) for name in _STORY_FIELDS})


def _values(story: Story) -> dict[str, Any]:
    values = {name: getattr(story, name) for name in _STORY_FIELDS}
    values["tags"] = tuple(values["tags"])
    return values
