"""Applying an imported bundle to the collection, inside the caller's transaction.

New cards are added in bulk; cards already present (same guid) are updated in place and
keep their history; cards the user edited and Keeper's built-in cards are left alone (a
file may reuse a built-in id); story cards follow their stories.
History arrives for the cards the bundle adds and for cards never studied here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from trainer.core.cards import Card, Memory
from trainer.core.memory_rules import usable_memory
from trainer.core.model import CardId, CardState, Deck, DeckId, Origin
from trainer.core.stories import Story
from trainer.core.story_cards import STORY_DECK_GUID, story_guids
from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck
from trainer.exchange.errors import Cancel, check_cancel
from trainer.storage.bundle_repository import StoredCard
from trainer.storage.collection import Collection

Progress = Callable[[int, int], None]  # (done, total); total 0 means "working, size unknown"
BATCH = 5_000
STORY_PREFIX = "story:"
_NEVER_STUDIED = Memory()  # shared: frozen, and most imported cards are new


@dataclass(frozen=True)
class ImportReport:
    added: int = 0
    updated: int = 0
    skipped: int = 0  # already present and unchanged, or edited by the user and kept
    reviews: int = 0
    stories: int = 0
    decks: tuple[str, ...] = ()  # the decks that received new cards
    warnings: tuple[str, ...] = ()


class Steps:
    """Progress reports and cancel checks between batches."""

    def __init__(self, progress: Progress | None, cancel: Cancel | None) -> None:
        self._progress = progress
        self._cancel = cancel
        self.total = 0
        self.done = 0

    def tick(self, advance: int, total: int | None = None) -> None:
        check_cancel(self._cancel)
        self.done += advance
        if self._progress is not None:
            self._progress(self.done, self.total if total is None else total)


def apply_bundle(
    collection: Collection, bundle: Bundle, step: Steps, target: str | None
) -> ImportReport:
    """The whole import inside one transaction; `target` names one deck for every card."""
    renames, stories = _apply_stories(collection, bundle.stories)
    bundle, orphans = _follow_stories(bundle, renames)
    bundle = _usable_memories(bundle, collection.now)
    decks = _Decks(collection, bundle.decks, target)
    cards, duplicates = _first_of_each_guid(bundle.cards)
    by_guid = {card.guid: card for card in cards}
    stored = {
        current.guid: _Present.of(current, by_guid[current.guid])
        for current in collection.bundles.stored_cards(list(by_guid))
    }
    fresh: list[Card] = []
    changed: list[Card] = []
    kept = unchanged = builtin = 0
    for card in cards:
        current = stored.get(card.guid)
        if current is None:
            fresh.append(_new_card(card, decks.id_for(card.deck_guid)))
        elif current.same_content:
            unchanged += 1
        elif current.origin is Origin.BUILTIN:  # Keeper's own decks change with releases only
            builtin += 1
        elif current.edited_by_user:
            kept += 1
        else:
            changed.append(_new_card(card, current.deck_id, current.id))
    with collection.bundles.insert_triggers_deferred(len(fresh)):
        for start in range(0, len(fresh), BATCH):
            batch = fresh[start : start + BATCH]
            collection.bundles.add_cards(batch)
            step.tick(len(batch))
    collection.bundles.update_contents(changed)
    step.tick(len(cards) - len(fresh) + duplicates)
    if target is None:  # a deck the file brings without any card still arrives
        for empty in {deck.guid for deck in bundle.decks} - {card.deck_guid for card in cards}:
            decks.id_for(empty)
    reviews = _apply_history(collection, bundle, cards, stored, step)
    warnings = []
    if orphans:
        warnings.append(f"{orphans} story cards skipped: the file does not have their stories")
    if kept:
        warnings.append(f"{kept} cards you edited were kept as you left them")
    if builtin:
        warnings.append(
            f"{builtin} built-in card{'s' if builtin != 1 else ''} kept as Keeper ships them: "
            "an import never changes Keeper's own decks"
        )
    if duplicates:
        warnings.append(f"{duplicates} cards appeared twice in the file; the first was used")
    return ImportReport(
        added=len(fresh),
        updated=len(changed),
        skipped=unchanged + kept + builtin + duplicates + orphans,
        reviews=reviews,
        stories=stories,
        decks=decks.used(),
        warnings=tuple(warnings),
    )


@dataclass(frozen=True)
class _Present:
    """A card the collection already has, compared with the file's and kept without its
    text: a re-import of a big package does not hold the collection's copy of it too."""

    id: CardId
    deck_id: DeckId
    state: CardState
    origin: Origin
    edited_by_user: bool
    same_content: bool

    @classmethod
    def of(cls, current: StoredCard, card: BundleCard) -> _Present:
        return cls(
            current.id,
            current.deck_id,
            current.state,
            current.origin,
            current.edited_by_user,
            _same_content(current, card),
        )


class _Decks:
    """The collection's deck for each deck of the bundle, found or created on first use, so
    an import that only updates cards creates no empty deck."""

    def __init__(
        self, collection: Collection, decks: Sequence[BundleDeck], target: str | None
    ) -> None:
        self._collection = collection
        self._decks = {deck.guid: deck for deck in decks}
        self._target = None if target is None else BundleDeck(guid="", name=target)
        self._ids: dict[str, DeckId] = {}
        self._used: dict[str, None] = {}

    def id_for(self, guid: str) -> DeckId:
        deck = self._target or self._decks[guid]
        if deck.guid not in self._ids:
            self._ids[deck.guid] = _resolve_deck(self._collection, deck)
            self._used[deck.name] = None
        return self._ids[deck.guid]

    def used(self) -> tuple[str, ...]:
        """The names of the decks that received new cards."""
        return tuple(self._used)


def _resolve_deck(collection: Collection, deck: BundleDeck) -> DeckId:
    if deck.guid == STORY_DECK_GUID:
        return collection.stories.deck().id
    decks = collection.decks
    found = (deck.guid and decks.with_guid(deck.guid)) or decks.named(deck.name)
    if found:
        return found.id
    created: Deck = decks.add(
        deck.name,
        guid=deck.guid,
        origin=Origin.IMPORT,
        description=deck.description,
        options=deck.options,
    )
    return created.id


def _usable_memories(bundle: Bundle, now: datetime) -> Bundle:
    """Cards whose memory FSRS could not use arrive with the nearest one it can
    (`memory_rules.usable_memory`): an Anki package may hold any number."""
    repaired = {
        index: replace(card, memory=usable)
        for index, card in enumerate(bundle.cards)
        if card.memory is not None
        for usable in (usable_memory(card.memory, now),)
        if usable is not card.memory
    }
    if not repaired:
        return bundle
    cards = tuple(repaired.get(index, card) for index, card in enumerate(bundle.cards))
    return replace(bundle, cards=cards)


def _first_of_each_guid(cards: Sequence[BundleCard]) -> tuple[list[BundleCard], int]:
    seen: set[str] = set()
    unique = []
    for card in cards:
        if card.guid not in seen:
            seen.add(card.guid)
            unique.append(card)
    return unique, len(cards) - len(unique)


def _same_content(current: StoredCard, card: BundleCard) -> bool:
    return (current.front, current.back, current.tags, current.source) == (
        card.front,
        card.back,
        _clean_tags(card.tags),
        card.source,
    )


def _clean_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    """Tags as the collection stores them: stripped, without blanks or repeats."""
    return tuple(dict.fromkeys(tag.strip() for tag in tags if tag.strip()))


def _new_card(card: BundleCard, deck_id: DeckId, card_id: CardId | None = None) -> Card:
    return Card(
        id=card_id if card_id is not None else CardId(0),
        deck_id=deck_id,
        front=card.front,
        back=card.back,
        tags=card.tags,  # stored cleaned (stripped, no repeats) by the tags column
        source=card.source,
        memory=card.memory or _NEVER_STUDIED,
        suspended=card.suspended,
        guid=card.guid,
        origin=Origin.STORY if card.guid.startswith(STORY_PREFIX) else Origin.IMPORT,
        kind=card.kind,
        cloze=card.cloze,
        note_guid=card.note_guid,
    )


def _apply_history(
    collection: Collection,
    bundle: Bundle,
    cards: list[BundleCard],
    stored: dict[str, _Present],
    step: Steps,
) -> int:
    """Reviews and memory for new cards and for cards never studied here; returns reviews."""
    studied = {card.guid for card in cards if card.memory is not None}
    wanted = {review.card_guid for review in bundle.reviews} | studied
    if not wanted:
        return 0
    ids = collection.cards.ids_with_guids(sorted(wanted))
    present = [stored[guid].id for guid in wanted if guid in stored]
    reviewed = collection.reviews.reviewed_cards(present)
    welcome = {
        guid
        for guid in wanted
        if guid not in stored
        or (stored[guid].state is CardState.NEW and stored[guid].id not in reviewed)
    }
    for card in cards:
        if card.memory is not None and card.guid in welcome and card.guid in stored:
            collection.cards.set_memory(ids[card.guid], card.memory)
    history = [(ids[review.card_guid], review) for review in bundle.reviews
               if review.card_guid in welcome and review.card_guid in ids]  # fmt: skip
    collection.reviews.add_history(history, step.tick)
    return len(history)


def _story_key(story: Story) -> tuple[object, ...]:
    return (story.title, story.questions, story.situation, story.decision, story.risk,
            story.outcome, story.post_mortem, story.changes)  # fmt: skip


def _apply_stories(collection: Collection, stories: Sequence[Story]) -> tuple[dict[str, str], int]:
    """Add the stories not already here; returns their cards' guid renames and the count."""
    if not stories:
        return {}, 0
    known = {_story_key(story): story.id for story in collection.stories.all()}
    renames: dict[str, str] = {}
    added = 0
    for story in stories:
        target = known.get(_story_key(story))
        if target is None:
            target = collection.stories.add(replace(story, id=None)).id
            known[_story_key(story)] = target
            added += 1
        if story.id is not None and target is not None:
            renames.update(zip(story_guids(story.id), story_guids(target), strict=True))
    return renames, added


def _follow_stories(bundle: Bundle, renames: dict[str, str]) -> tuple[Bundle, int]:
    """Story cards take their story's new id; those whose story is not in the file are
    dropped, so a shared deck can never overwrite the cards of someone else's stories."""

    def keep(guid: str) -> bool:
        return not guid.startswith(STORY_PREFIX) or guid in renames

    if not renames and not any(card.guid.startswith(STORY_PREFIX) for card in bundle.cards):
        return bundle, 0  # the usual case: nothing to follow, nothing to copy
    cards = tuple(
        replace(card, guid=renames.get(card.guid, card.guid))
        for card in bundle.cards
        if keep(card.guid)
    )
    reviews = tuple(
        replace(review, card_guid=renames.get(review.card_guid, review.card_guid))
        for review in bundle.reviews
        if keep(review.card_guid)
    )
    return replace(bundle, cards=cards, reviews=reviews), len(bundle.cards) - len(cards)
