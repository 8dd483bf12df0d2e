"""The neutral bundle every format reads into and writes from: decks, cards, history, stories,
media.

Plain frozen dataclasses with no database ids: cards point at their deck by guid, reviews at
their card by guid. Importers return a `Loaded` (the bundle and warnings for the user);
exporters take a `Bundle`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from trainer.core.cards import Memory, Rating
from trainer.core.media import MediaFile
from trainer.core.model import CardKind, DeckOptions
from trainer.core.stories import Story


@dataclass(frozen=True)
class BundleDeck:
    guid: str
    name: str
    description: str = ""
    options: DeckOptions | None = None  # None: the importing collection's defaults


@dataclass(frozen=True, slots=True)
class BundleCard:
    guid: str
    deck_guid: str
    front: str
    back: str
    tags: tuple[str, ...] = ()
    source: str = ""
    memory: Memory | None = None  # None: a new card, never studied
    suspended: bool = False
    kind: CardKind = CardKind.BASIC
    cloze: int = 0  # the gap a cloze card asks (1-based)
    note_guid: str = ""  # shared by the cards of one cloze text


@dataclass(frozen=True, slots=True)  # an import holds one a review
class BundleReview:
    """One grade of a card, with the card's memory before and after it."""

    card_guid: str
    rating: Rating
    reviewed_at: datetime  # aware, UTC
    duration_ms: int
    before: Memory
    after: Memory
    guid: str = field(default="", compare=False)  # the log entry's global id, if the file has one


@dataclass(frozen=True)
class Bundle:
    decks: tuple[BundleDeck, ...] = ()
    cards: tuple[BundleCard, ...] = ()
    reviews: tuple[BundleReview, ...] = ()
    # A story's id is the one it had where it was exported: it names its cards' guids
    # (`story:<id>:<kind>`). Imported stories get fresh ids and their cards follow; they
    # keep their global guid (Story.guid) unless the collection has it already.
    stories: tuple[Story, ...] = ()
    # Pictures and sounds the cards name, checked and named by content (core/media.py);
    # the import service puts them in the media store, an exporter writes them out.
    media: tuple[MediaFile, ...] = ()


@dataclass(frozen=True)
class Loaded:
    """What an importer read, and what the user should hear about (media skipped, ...)."""

    bundle: Bundle
    warnings: tuple[str, ...] = field(default=())
