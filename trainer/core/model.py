"""The collection's vocabulary for decks: ids, card states, origins, decks and their options.

Cards, their memory state and reviews are in `cards.py`: the home screen reads decks and
counts, never a card, so it does without them.
"""

from __future__ import annotations

from datetime import timedelta
from enum import IntEnum, StrEnum
from typing import NamedTuple, NewType

DeckId = NewType("DeckId", int)
CardId = NewType("CardId", int)


class CardState(IntEnum):
    """Where a card is in its life. Values are stored in the database: never renumber."""

    NEW = 0
    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


class DeckOptions(NamedTuple):
    """Per-deck study options."""

    new_per_day: int = 20
    reviews_per_day: int = 200
    desired_retention: float = 0.9
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)


class Origin(StrEnum):
    """Where a deck or card came from. Stored in the database: never rename a value."""

    USER = "user"
    BUILTIN = "builtin"
    IMPORT = "import"
    STORY = "story"


class CardKind(StrEnum):
    """How a card asks. Stored in the database: never rename a value.

    basic: a front and a back. cloze: the front is a text with numbered gaps
    (`{{c1::answer}}`) and the card asks the one gap its `cloze` number names; its
    siblings (one per gap) share a `note_guid`. spoken: the front is a question to answer
    aloud against a time target, the back the rubric to grade the answer by."""

    BASIC = "basic"
    CLOZE = "cloze"
    SPOKEN = "spoken"


class Deck(NamedTuple):
    id: DeckId
    name: str
    description: str = ""
    guid: str = ""
    origin: Origin = Origin.USER
    options: DeckOptions = DeckOptions()
