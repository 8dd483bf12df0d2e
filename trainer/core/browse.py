"""What the card browser shows: one summary row per card, and the columns it sorts by."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from trainer.core.model import CardId, CardKind, CardState, DeckId


class SortColumn(StrEnum):
    """The browser's columns, in order; each one sorts in SQL."""

    FRONT = "front"
    DECK = "deck"
    TAGS = "tags"
    STATE = "state"
    DUE = "due"
    INTERVAL = "interval"
    LAPSES = "lapses"


@dataclass(frozen=True)
class CardSummary:
    """One browser row: enough to show and sort a card, without its full text."""

    id: CardId
    deck_id: DeckId
    deck: str
    front: str  # plain text on one line, shortened; a cloze text with its gaps filled
    tags: tuple[str, ...]
    state: CardState
    suspended: bool
    due: datetime | None
    last_review: datetime | None
    lapses: int
    kind: CardKind = CardKind.BASIC
    cloze: int = 0  # the gap a cloze card asks; its front then shows that gap hidden

    @property
    def interval(self) -> timedelta | None:
        """The time from the last review to the next one (None for a card never studied)."""
        if self.state is CardState.NEW or self.due is None or self.last_review is None:
            return None
        return self.due - self.last_review

    @property
    def state_label(self) -> str:
        """'New', 'Learning', 'Review', 'Relearning', or 'Suspended' (the state is then in
        the tooltip); a cloze or spoken card says its type after it: 'New · Cloze 2'."""
        state = "Suspended" if self.suspended else self.state.name.capitalize()
        if self.kind is CardKind.CLOZE:
            return f"{state} · Cloze {self.cloze}"
        return f"{state} · Spoken" if self.kind is CardKind.SPOKEN else state


# A search shows its first rows at once and finds the rest after (a screenful is 20-50);
# start-up reads this many ahead so the browser's first visit finds its reads ready.
FIRST_ROWS = 100
# A search expected to find fewer cards is found whole at once, with no second query; one
# expected to find more shows its first rows and finds the rest on a thread; the GUI thread
# never sorts more than this many + 1 found cards (storage/search_repository.py). SQLite finds a
# whole list in about 4 µs a card at 100,000 cards: 2,500 in 10 ms, besides the paint's 20
# (docs/performance.md, "Search at 100,000 cards, fifth pass (issue 18)").
WHOLE_LIST_BELOW = 2_500


@dataclass(frozen=True)
class FirstRows:
    """What a search shows first: its first rows in order, or its whole list (`complete`)."""

    ids: list[CardId]
    complete: bool


SORT_SOURCE_CHARS = 300  # the browser reads this much of a front to show it; so does its key


def one_line(markdown: str, limit: int = 120) -> str:
    """Card text for a table cell: Markdown marks dropped, lines joined, cut to `limit`."""
    return _cut(_shown(markdown), limit)


def front_sort_key(markdown: str) -> str:
    """What the Question column sorts by: the text it shows, case and accents folded the
    way a person reads a list ('Élan' beside 'elan', 'Straße' beside 'strasse'). Stored
    beside each card (storage migration 7), so SQLite compares plain strings."""
    shown = _shown(_gaps_filled(markdown[:SORT_SOURCE_CHARS]))
    if shown.isascii():  # most fronts: nothing to decompose (a char-by-char walk cost
        return shown.casefold()  # 46 µs a card, a quarter of a 10,000-card import)
    decomposed = unicodedata.normalize("NFKD", shown)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _gaps_filled(markdown: str) -> str:
    """A cloze text as the browser shows it, every gap filled (`{{c1::x}}` -> x)."""
    if "{{c" not in markdown:
        return markdown
    from trainer.core.cloze import plain

    return plain(markdown)


def _shown(markdown: str) -> str:
    if _LINE_BREAK.search(markdown) is None:  # one line, as most fronts: half the time
        text = markdown
        first = text.lstrip()[:1]
        if first in _MARK_STARTS or first.isdecimal():  # as the pattern's \d
            text = _MARKS_AT_START.sub("", text)
        if "*" in text or "_" in text or "`" in text:
            text = _EMPHASIS.sub("", text)
        return " ".join(text.split())
    return _shown_lines(markdown)


def _shown_lines(markdown: str) -> str:
    lines = (_MARKS_AT_START.sub("", line) for line in markdown.splitlines())
    text = _EMPHASIS.sub("", " ".join(line.strip() for line in lines if line.strip()))
    return " ".join(text.split())


_MARKS_AT_START = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)+")
_MARK_STARTS = frozenset("#>-*+")  # with a digit: what a mark at a line's start begins with
_EMPHASIS = re.compile(r"\*\*|__|`")
_LINE_BREAK = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")  # str.splitlines' breaks


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
