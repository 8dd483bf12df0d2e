"""The `type` column of a CSV file: basic, cloze or spoken.

A cloze row holds a whole cloze text and makes one card per gap number; its id is the
note's, and card n gets `<id>/c<n>` (as Keeper names the cards of a cloze text), so
exporting and importing again finds the same cards. Writing, a cloze text is one row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from trainer.core import cloze
from trainer.core.cloze_cards import NESTED, nested_gap
from trainer.core.model import CardKind
from trainer.exchange.bundle import BundleCard
from trainer.exchange.errors import ExchangeError

_KINDS = {str(kind): kind for kind in CardKind}


def row_kind(path: Path, line: int, cell: str, front: str) -> CardKind:
    """The row's type (basic when the cell is empty); a type Keeper does not know, or a
    cloze row without a gap, is refused in one line naming the row."""
    kind = _KINDS.get(cell.strip().lower() or "basic")
    if kind is None:
        known = ", ".join(_KINDS)
        raise ExchangeError(path, f"line {line}: type {cell!r} is not one of {known}")
    if kind is CardKind.CLOZE and front and not cloze.gap_numbers(front):
        raise ExchangeError(
            path, f"line {line}: a cloze row needs a gap in its front, like {{{{c1::words}}}}"
        )
    if kind is CardKind.CLOZE and nested_gap(front):
        raise ExchangeError(path, f"line {line}: the front {NESTED}")
    return kind


def row_cards(card: BundleCard) -> list[BundleCard]:
    """The cards a row makes: one, or one per gap of a cloze text."""
    if card.kind is not CardKind.CLOZE:
        return [card]
    return [
        replace(card, guid=f"{card.guid}/c{number}", cloze=number, note_guid=card.guid)
        for number in cloze.gap_numbers(card.front)
    ]


def rows_to_write(cards: Iterable[BundleCard]) -> Iterator[BundleCard]:
    """Each card as its row, but a cloze text once, under its note's id."""
    written: set[str] = set()
    for card in cards:
        if card.kind is CardKind.CLOZE:
            note = card.note_guid or card.guid
            if note in written:
                continue
            written.add(note)
            card = replace(card, guid=note)
        yield card
