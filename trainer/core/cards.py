"""Cards, their memory state (what FSRS schedules) and reviews.

Plain frozen dataclasses with typed ids; every change returns a new value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum
from typing import Protocol

from trainer.core.model import CardId, CardKind, CardState, DeckId, Origin


class Rating(IntEnum):
    """The four answer buttons (same numbers as FSRS and as the keys 1-4)."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


@dataclass(frozen=True, slots=True)  # a million reviews hold two each
class Memory:
    """A card's scheduling state: everything FSRS needs, and everything undo restores."""

    state: CardState = CardState.NEW
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0


@dataclass(frozen=True)
class Card:
    id: CardId
    deck_id: DeckId
    front: str
    back: str
    tags: tuple[str, ...] = ()
    source: str = ""
    memory: Memory = field(default_factory=Memory)
    suspended: bool = False
    guid: str = ""
    origin: Origin = Origin.USER
    edited_by_user: bool = False
    kind: CardKind = CardKind.BASIC
    cloze: int = 0  # the gap a cloze card asks (1 for {{c1::...}}); 0 for other kinds
    note_guid: str = ""  # shared by a cloze text's cards; empty for a card that stands alone

    @property
    def is_new(self) -> bool:
        return self.memory.state is CardState.NEW


@dataclass(frozen=True)
class NewCard:
    """A card not yet in the collection: what the user, a built-in deck or an import adds."""

    front: str
    back: str
    tags: tuple[str, ...] = ()
    source: str = ""
    guid: str = ""  # empty: a fresh one is made when the card is added
    kind: CardKind = CardKind.BASIC
    cloze: int = 0
    note_guid: str = ""


@dataclass(frozen=True)
class Review:
    """One grade, with the memory the card had before it so undo is exact."""

    card_id: CardId
    rating: Rating
    reviewed_at: datetime
    duration_ms: int
    before: Memory
    after: Memory
    # The log entry's global id (merging copies of a collection); empty until it is logged
    # or when a file brought none. Not part of a grade's value: equal grades compare equal.
    guid: str = field(default="", compare=False)


class Graded(Protocol):
    """A grade with its memory before and after, whatever record holds it: a `Review`, or
    an imported file's review (which names its card by guid); the review log stores it."""

    @property
    def rating(self) -> Rating: ...
    @property
    def reviewed_at(self) -> datetime: ...
    @property
    def duration_ms(self) -> int: ...
    @property
    def before(self) -> Memory: ...
    @property
    def after(self) -> Memory: ...
    @property
    def guid(self) -> str: ...
