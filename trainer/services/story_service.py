"""Failure stories: writing them, keeping their cards in step, rehearsing them.

Every action runs in one transaction. Saving (the editor's autosave) has no undo step of
its own, since each field keeps its own undo; renaming and deleting push one onto the
shared undo history. A story's cards live in the "My stories" deck under stable guids, so an
edit rewrites their text and never touches their review history.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta

from trainer.core.cards import Card, Rating, Review
from trainer.core.model import DeckOptions, Origin
from trainer.core.scheduling import Scheduler
from trainer.core.stories import Story
from trainer.core.story_cards import (
    DECISION,
    LESSON,
    STORY_DECK_GUID,
    display_title,
    question_lines,
    story_cards,
    story_guids,
)
from trainer.services import operations
from trainer.services.schedulers import deck_scheduler
from trainer.services.study_service import StudyService
from trainer.services.undo import UndoHistory, UndoStep
from trainer.services.unit_of_work import UnitOfWork
from trainer.storage.collection import Collection

RENAME_LABEL = "Rename story"
DELETE_LABEL = "Delete story"
NEW_LABEL = "New story"
_MARKDOWN_MARKS = re.compile(r"[*_`#>]+")
DUPLICATE_LABEL = "Duplicate story"


@dataclass(frozen=True)
class StoryCards:
    """A story's cards, when it has content for them."""

    decision: Card | None = None
    lesson: Card | None = None

    @property
    def count(self) -> int:
        return (self.decision is not None) + (self.lesson is not None)


@dataclass(frozen=True)
class DeleteResult:
    story: Story
    cards_kept: int


class StoryService:
    def __init__(
        self, uow: UnitOfWork, undo: UndoHistory, study: StudyService, *, fuzzing: bool = True
    ) -> None:
        self._uow = uow
        self._undo = undo
        self._study = study
        self._fuzzing = fuzzing

    # Reading -----------------------------------------------------------------------------

    def list(self) -> list[Story]:
        """Every story, newest first."""
        with self._uow() as collection:
            return collection.stories.all()

    def get(self, story_id: int) -> Story | None:
        with self._uow() as collection:
            return collection.stories.get(story_id)

    def cards(self, story_id: int) -> StoryCards:
        with self._uow() as collection:
            return _cards_of(collection, story_id)

    def for_question(self, question: str) -> Story:
        """The story whose questions name `question` (the newest, if several), else a new
        draft that answers it: one undo step takes the draft back."""
        wanted = _question_key(question)
        for story in self.list():
            if any(_question_key(line) == wanted for line in question_lines(story)):
                return story
        return self.create(replace(self.blank(), questions=_plain_question(question)))

    # Writing -----------------------------------------------------------------------------

    def create(self, story: Story | None = None) -> Story:
        """A new story (empty unless given one), with its cards if it has content."""
        draft = story or self.blank()
        with self._uow() as collection:
            had_deck = collection.decks.with_guid(STORY_DECK_GUID) is not None
            created = collection.stories.add(replace(draft, id=None))
            _sync_cards(collection, created)
        self._push_added(NEW_LABEL, created, made_deck=not had_deck)
        return created

    @staticmethod
    def blank() -> Story:
        return Story(
            id=None,
            title="",
            questions="",
            situation="",
            decision="",
            risk="",
            outcome="",
            post_mortem="",
            changes="",
        )

    def save(self, story: Story) -> Story | None:
        """Write the story and bring its cards up to date; None if it was deleted."""
        with self._uow() as collection:
            if not collection.stories.update(story):
                return None
            _sync_cards(collection, story)
            return story

    def rename(self, story_id: int, title: str) -> Story | None:
        with self._uow() as collection:
            before = collection.stories.get(story_id)
            if before is None:
                return None
            renamed = _set_title(collection, before, title)
            cards = _cards_of(collection, story_id)
        old_title = before.title
        changes = operations.stories([story_id]) | operations.cards(
            card.id for card in (cards.decision, cards.lesson) if card is not None
        )

        def revert(collection: Collection) -> None:
            current = collection.stories.get(story_id)
            if current is not None:
                _set_title(collection, current, old_title)

        self._undo.push(UndoStep(RENAME_LABEL, revert, changes))
        return renamed

    def duplicate(self, story_id: int) -> Story | None:
        """A copy titled "<title> (copy)", with cards of its own and no review history."""
        with self._uow() as collection:
            original = collection.stories.get(story_id)
            if original is None:
                return None
            had_deck = collection.decks.with_guid(STORY_DECK_GUID) is not None
            copy = collection.stories.add(
                replace(original, title=f"{display_title(original)} (copy)")
            )
            _sync_cards(collection, copy)
        self._push_added(DUPLICATE_LABEL, copy, made_deck=not had_deck)
        return copy

    def delete(self, story_id: int, *, delete_cards: bool) -> DeleteResult | None:
        """Delete a story, and its cards with their history if asked; one undo step."""
        with self._uow() as collection:
            removed = collection.stories.remove(story_id)
            if removed is None:
                return None
            guids = story_guids(story_id)
            kept = 0 if delete_cards else len(collection.cards.with_guids(guids))
            cards = collection.cards.remove_with_guids(guids if delete_cards else ())

        def revert(collection: Collection) -> None:
            collection.stories.restore(removed, cards)

        gone = operations.cards(cards.ids, reviews=bool(cards))
        self._undo.push(UndoStep(DELETE_LABEL, revert, operations.stories([story_id]) | gone))
        return DeleteResult(removed.story, cards_kept=kept)

    def _push_added(self, label: str, story: Story, *, made_deck: bool) -> None:
        """Undo of a new story: it goes with its cards, also those its autosaves added, and
        the "My stories" deck if the story made it and nothing else has a card there."""
        story_id = story.id
        assert story_id is not None

        def revert(collection: Collection) -> None:
            collection.cards.remove_with_guids(story_guids(story_id))
            collection.stories.remove(story_id)
            deck = collection.decks.with_guid(STORY_DECK_GUID) if made_deck else None
            if deck is not None and collection.decks.card_count(deck.id) == 0:
                collection.decks.remove(deck.id)

        self._undo.push(UndoStep(label, revert, operations.stories([story_id])))

    # Rehearsing --------------------------------------------------------------------------

    def rehearsal_preview(self, story_id: int) -> dict[Rating, timedelta]:
        """How long until the story's question card comes back, for each grade."""
        with self._uow() as collection:
            card = _cards_of(collection, story_id).decision
            if card is None:
                return {}
            return self._scheduler(collection, card).preview(card, collection.now)

    def grade_rehearsal(
        self,
        story_id: int,
        rating: Rating,
        duration_ms: int = 0,
        after_undo: Callable[[], None] | None = None,
    ) -> Review | None:
        """Grade a spoken rehearsal on the story's question card (kept by the study service).

        None when the story has no question card yet (no decision and no outcome written).
        One step on the undo queue takes the grade back; `after_undo` then runs.
        """
        with self._uow() as collection:
            card = _cards_of(collection, story_id).decision
            story = collection.stories.get(story_id)
            if card is None or story is None:
                return None
            scheduler = self._scheduler(collection, card)
            review = scheduler.grade(card, rating, collection.now, duration_ms)
        self._study.record(review)
        self._undo.push(
            UndoStep(
                f"Grade rehearsal of {display_title(story)}",
                lambda collection: self._study.take_back(collection, review),
                operations.cards([card.id], reviews=True),
                after=after_undo,
            )
        )
        return review

    def _scheduler(self, collection: Collection, card: Card) -> Scheduler:
        deck = collection.decks.get(card.deck_id)
        options = deck.options if deck else DeckOptions()
        return deck_scheduler(
            collection.settings, options, fuzzing=self._fuzzing, zone=self._study.zone
        )


def _plain_question(question: str) -> str:
    """A card's question as a story's line: one line, without Markdown's marks."""
    return " ".join(_MARKDOWN_MARKS.sub("", question).split())


def _question_key(question: str) -> str:
    """A question as compared: case, spacing, Markdown marks and end punctuation aside."""
    return _plain_question(question).casefold().rstrip("?.!: ")


def _cards_of(collection: Collection, story_id: int) -> StoryCards:
    decision, lesson = story_guids(story_id)
    found = collection.cards.with_guids((decision, lesson))
    return StoryCards(decision=found.get(decision), lesson=found.get(lesson))


def _set_title(collection: Collection, story: Story, title: str) -> Story:
    renamed = replace(story, title=title)
    collection.stories.update(renamed)
    _sync_cards(collection, renamed)
    return renamed


def _sync_cards(collection: Collection, story: Story) -> None:
    """Add the cards the story now has content for; rewrite the text of the others."""
    wanted = story_cards(story)
    if not wanted:
        return
    existing = collection.cards.with_guids(card.guid for card in wanted.values())
    fresh = []
    for kind in (DECISION, LESSON):
        card = wanted.get(kind)
        if card is None:
            continue
        current = existing.get(card.guid)
        if current is None:
            fresh.append(card)
        elif (current.front, current.back, current.tags, current.source) != (
            card.front,
            card.back,
            card.tags,
            card.source,
        ):
            collection.cards.update_content(current.id, card, by_user=False)
    if fresh:
        collection.cards.add(collection.stories.deck().id, fresh, origin=Origin.STORY)
