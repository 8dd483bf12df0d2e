"""What one user action changed, so each screen refreshes only that.

Every operation in the services layer runs in one unit of work, pushes one step onto the
undo queue (`services/undo.py`) and reports a `Changes`: the ids of the cards, decks and
stories it wrote, whether it wrote reviews or settings, or `everything` (a restored backup).
Undoing a step reports the same `Changes`, since it writes the same rows back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from trainer.core.model import CardId, DeckId


class Changes(NamedTuple):  # a NamedTuple: loaded at start, where a dataclass costs more
    card_ids: frozenset[CardId] = frozenset()
    deck_ids: frozenset[DeckId] = frozenset()
    reviews: bool = False  # review log entries added or removed (statistics, today's counts)
    story_ids: frozenset[int] = frozenset()
    settings: bool = False
    everything: bool = False  # the whole collection may differ (a restored backup)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.card_ids | other.card_ids,
            self.deck_ids | other.deck_ids,
            self.reviews or other.reviews,
            self.story_ids | other.story_ids,
            self.settings or other.settings,
            self.everything or other.everything,
        )

    def __bool__(self) -> bool:
        return bool(
            self.card_ids or self.deck_ids or self.reviews or self.story_ids or self.settings
            or self.everything
        )  # fmt: skip


EVERYTHING = Changes(everything=True)
NOTHING = Changes()


def cards(ids: Iterable[CardId], *, reviews: bool = False) -> Changes:
    return Changes(card_ids=frozenset(ids), reviews=reviews)


def decks(ids: Iterable[DeckId]) -> Changes:
    return Changes(deck_ids=frozenset(ids))


def stories(ids: Iterable[int]) -> Changes:
    return Changes(story_ids=frozenset(ids))


SETTINGS = Changes(settings=True)
