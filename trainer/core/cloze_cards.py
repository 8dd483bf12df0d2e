"""Cloze cards: one card per gap number of a cloze text, what each shows, and which of a
text's cards (its siblings) change when the text is edited.

A cloze card's `front` holds the whole cloze text and its `back` the optional extra; the
card asks the gap its `cloze` number names. Its siblings share a `note_guid`.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import NamedTuple

from trainer.core import cloze
from trainer.core.card_content import (
    CardContentError,
    card_content,
    check_storable,
    parse_tags,
)
from trainer.core.cards import Card, NewCard
from trainer.core.model import CardKind

NO_GAP = "the cloze text has no gap: wrap the words to hide as {{c1::words}} (Ctrl+Shift+C)"
# Every card of a cloze text holds the whole text: 999 gaps in 100,000 characters took 12 s
# to add and 31 s to edit (the search index reads each copy). This bound keeps a save to a
# few seconds at worst; a text at the 200,000-character limit may have 80 gaps, and 999
# short gaps fit.
MAX_NOTE_CHARS = 16_000_000
_OPENER = re.compile(r"\{\{c\d+::")
NESTED = "has a gap inside another gap ({{c2::...}} within {{c1::...}}), which Keeper cannot ask"


def nested_gap(text: str) -> bool:
    """Whether a gap holds another gap's opening: Anki reads `{{c1::a {{c2::b}} c}}` as two
    nested gaps, Keeper as one gap ending at the first `}}`. Such a text is refused, so a
    text Keeper keeps makes the same cards in Anki."""
    return any(_OPENER.search(text, gap.start + 1, gap.end) for gap in cloze.gaps(text))


def cloze_content(
    text: str, extra: str = "", tags: str | Sequence[str] = (), source: str = ""
) -> NewCard:
    """A cloze text as the user typed it, checked: raises CardContentError ("front") when it
    is empty, has no gap or cannot be stored. The card returned is the template of the
    text's cards (`cards_for` makes one per gap)."""
    text, extra = text.strip(), extra.strip()
    if not text:
        raise CardContentError("front", "the cloze text is empty")
    cards = len(cloze.gap_numbers(text))
    if not cards:
        raise CardContentError("front", NO_GAP)
    if nested_gap(text):
        raise CardContentError("front", f"the cloze text {NESTED}")
    if cards * len(text) > MAX_NOTE_CHARS:
        raise CardContentError(
            "front",
            f"the cloze text is too long for {cards} gaps: each gap's card holds the whole "
            f"text ({cards} × {len(text):,} characters, over {MAX_NOTE_CHARS:,}); split it",
        )
    cleaned = parse_tags(tags if isinstance(tags, str) else list(tags))
    check_storable(text, extra, cleaned)
    return NewCard(text, extra, cleaned, source, kind=CardKind.CLOZE)


def new_note_guid() -> str:
    return f"note:{uuid.uuid4()}"


def cards_for(content: NewCard, note_guid: str = "", numbers: Iterable[int] = ()) -> list[NewCard]:
    """One card per gap number of `content.front` (or per number of `numbers`), all sharing
    `note_guid` (a fresh one when empty); card n's guid is `<note_guid>/c<n>`, as the
    built-in decks name theirs, so a file that carries the note (CSV, Anki) finds them."""
    note_guid = note_guid or content.note_guid or new_note_guid()
    wanted = tuple(numbers) or cloze.gap_numbers(content.front)
    return [
        replace(
            content,
            kind=CardKind.CLOZE,
            cloze=number,
            note_guid=note_guid,
            guid=sibling_guid(note_guid, number),
        )
        for number in wanted
    ]


def sibling_guid(note_guid: str, number: int) -> str:
    return f"{note_guid}/c{number}"


class SiblingChange(NamedTuple):
    """What saving a new text for a cloze note does to its cards."""

    kept: tuple[Card, ...]  # their gap is still there: text updated, history kept
    gone: tuple[Card, ...]  # their gap is gone: removed (undoably)
    added: tuple[int, ...]  # gap numbers no card asks yet


def sibling_change(siblings: Sequence[Card], text: str) -> SiblingChange:
    numbers = set(cloze.gap_numbers(text))
    kept = tuple(card for card in siblings if card.cloze in numbers)
    gone = tuple(card for card in siblings if card.cloze not in numbers)
    asked = {card.cloze for card in kept}
    return SiblingChange(kept, gone, tuple(sorted(numbers - asked)))


def question_text(card: Card | NewCard) -> str:
    """What the card asks: the front, or a cloze text with its gap hidden."""
    if card.kind is CardKind.CLOZE and card.cloze:
        return cloze.question(card.front, card.cloze)
    return card.front


def summary_text(card: Card | NewCard) -> str:
    """One line for lists and labels: a cloze text with every gap filled."""
    return cloze.plain(card.front) if card.kind is CardKind.CLOZE else card.front


def bury_siblings(
    learning: Sequence[Card],
    reviews: Sequence[Card],
    new: Sequence[Card],
    studied_notes: Iterable[str] = (),
) -> tuple[list[Card], list[Card]]:
    """The reviews and new cards to offer, as Anki buries siblings: at most one card of
    each cloze note, and none of a note with a card studied today (`studied_notes`) or
    still learning, since the gaps of one text give each other away. Learning cards are
    never buried; cards without a note never are."""
    seen = set(studied_notes) | {card.note_guid for card in learning}
    offered: tuple[list[Card], list[Card]] = ([], [])
    for cards, kept in zip((reviews, new), offered, strict=True):
        for card in cards:
            if card.note_guid:
                if card.note_guid in seen:
                    continue
                seen.add(card.note_guid)
            kept.append(card)
    return offered


def shown_sides(card: Card, revealed: bool) -> tuple[str, str]:
    """The study screen's two boxes: the question, and once revealed the answer (a cloze
    card's question box then shows the filled text and its answer box the extra)."""
    if card.kind is CardKind.CLOZE and card.cloze and revealed:
        return cloze.answer(card.front, card.cloze), card.back
    return question_text(card), card.back if revealed else ""


def content_for_kind(
    kind: CardKind, front: str, back: str, tags: str | Sequence[str] = ()
) -> NewCard:
    """What the card editor typed, checked for its card type: a cloze text (the back is
    its optional extra), else a front and a back."""
    if kind is CardKind.CLOZE:
        return cloze_content(front, back, tags)
    return replace(card_content(front, back, tags if isinstance(tags, str) else list(tags)),
                   kind=kind)  # fmt: skip


def next_gap(text: str) -> int:
    """The number Ctrl+Shift+C gives the next gap: one above the highest, as Anki does."""
    return max(cloze.gap_numbers(text), default=0) + 1


def cloze_preview(text: str, extra: str, number: int = 0) -> tuple[str, str]:
    """The editor's preview of a cloze text: gap `number` (else the first) asked, and the
    answer with the extra below it."""
    number = number or next(iter(cloze.gap_numbers(text)), 0)
    if not number:
        return text, extra
    answer = cloze.answer(text, number)
    return cloze.question(text, number), f"{answer}\n\n{extra}" if extra else answer
