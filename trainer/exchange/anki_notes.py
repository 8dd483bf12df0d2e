"""Anki notes to Keeper cards: which fields make the front and the back of each card.

Basic, Basic-and-reversed, optional-reversed and type-in-the-answer notes follow their card
templates (fields the question shows make the front, fields only the answer adds make the
back). Cloze notes give Keeper cloze cards, one per Anki card: the whole cloze text as the
front, the extra as the back, sharing a note guid. Anything else falls back to field by field: the
first field is the front and the others, labelled, the back. HTML becomes Markdown.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from trainer.core import cloze
from trainer.core.cloze_cards import nested_gap
from trainer.exchange.html_text import html_to_markdown_counting

KEEPER_ID_FIELD = "Keeper ID"  # written by Keeper's own exports so cards come home
SPOKEN_TAG = "keeper::spoken"  # Keeper's spoken cards travel as Basic notes with this tag
SOURCE_FIELD = "source"
_SPECIAL = {"FrontSide", "Tags", "Deck", "Subdeck", "Card", "CardFlag", "Type", "CardID"}
_TAG = re.compile(r"\{\{([^{}]+?)\}\}")
_GUID_SAFE = re.compile(r"^[!-~]{1,150}$")  # printable ASCII, no spaces


@dataclass(frozen=True)
class NoteType:
    id: int
    name: str
    cloze: bool
    fields: tuple[str, ...]
    templates: tuple[tuple[str, str], ...]  # (question format, answer format) by card ord


class CardText(NamedTuple):  # made for every card read: a tuple, 1 microsecond less
    front: str
    back: str
    source: str
    media: int  # images and sounds dropped from this card's text
    cloze: int = 0  # a cloze card's gap (its card ordinal + 1): front is the cloze text


def card_guid(note_guid: str, ordinal: int, keeper_id: str) -> str:
    """Keeper's own id when the note carries one (its `Keeper ID` field, stripped);
    otherwise one derived from Anki's guid."""
    if keeper_id and _GUID_SAFE.match(keeper_id):
        return keeper_id if ordinal == 0 else f"{keeper_id}/{ordinal}"
    return f"anki:{_safe(note_guid)}/{ordinal}"


def _safe(anki_guid: str) -> str:
    if _GUID_SAFE.match(anki_guid):
        return anki_guid
    return hashlib.sha1(anki_guid.encode()).hexdigest()


def card_text(note_type: NoteType, fields: dict[str, str], ordinal: int) -> CardText | None:
    """The card's two sides, or None when it would show nothing Keeper can keep."""
    return card_layout(note_type, ordinal, tuple(fields)).text(NoteText(tuple(fields.values())))


def note_guid(anki_guid: str, keeper_id: str) -> str:
    """The guid a cloze note's cards share: the Keeper note it was exported from, else one
    derived from Anki's note guid."""
    if keeper_id and _GUID_SAFE.match(keeper_id):
        return keeper_id
    return f"anki:{_safe(anki_guid)}"


def cloze_card_guid(anki_guid: str, ordinal: int, keeper_id: str) -> str:
    """A cloze card of a note Keeper exported comes home to `<note>/c<n>`; any other keeps
    the guid Keeper has always given Anki's cards, so a package imported before cloze cards
    existed updates the cards it made."""
    if keeper_id and _GUID_SAFE.match(keeper_id):
        return f"{keeper_id}/c{ordinal + 1}"
    return card_guid(anki_guid, ordinal, keeper_id)


Side = tuple[str, int]  # Markdown, and the images and sounds dropped from it


class NoteText:
    """One note's field values, each made Markdown once however many of its cards show it
    (a reversed note's two cards, a cloze note's gaps)."""

    __slots__ = ("values", "_sides")

    def __init__(self, values: tuple[str, ...]) -> None:
        self.values = values
        self._sides: dict[int | tuple[int, ...], Side] = {}

    def side(self, index: int) -> Side:
        found = self._sides.get(index)
        if found is None:
            value = self.values[index]
            found = self._sides[index] = html_to_markdown_counting(value) if value else ("", 0)
        return found

    def joined(self, indexes: tuple[int, ...]) -> Side:
        """The fields' values joined by line breaks, then made Markdown (a cloze text)."""
        found = self._sides.get(indexes)
        if found is None:
            found = self._sides[indexes] = _plain("\n".join(self.values[i] for i in indexes))
        return found


@dataclass(frozen=True)
class CardLayout:
    """Where one card of a note type takes its text from: positions in the note's values,
    worked out once per note type, card ordinal and field names, not once per card. A
    field the note lacks has no position (it would add nothing)."""

    source: int | None  # the first field named "source" in any case
    keeper_id: int | None  # Keeper's own id (KEEPER_ID_FIELD)
    front: tuple[int, ...] = ()  # joined by blank lines
    back: tuple[int, ...] = ()
    cloze: tuple[int, ...] | None = None  # a cloze card: the fields of its cloze text
    by_field: tuple[tuple[str, int], ...] | None = None  # no template fields: name, position
    ordinal: int = 0

    def text(self, note: NoteText) -> CardText | None:
        """The card's two sides, or None when it would show nothing Keeper can keep."""
        source, media = note.side(self.source) if self.source is not None else ("", 0)
        asked = 0
        if self.cloze is not None:
            sides, asked = self._cloze_sides(note), self.ordinal + 1
        elif self.by_field is not None:
            sides = _field_by_field(note, self.by_field)
        else:
            sides = _join(note, self.front), _join(note, self.back)
        if sides is None:
            return None
        (front, front_media), (back, back_media) = sides
        if not front:
            return None
        return CardText(front, back, source, media + front_media + back_media, asked)

    def keeper_id_of(self, note: NoteText) -> str:
        return note.values[self.keeper_id].strip() if self.keeper_id is not None else ""

    def _cloze_sides(self, note: NoteText) -> tuple[Side, Side] | None:
        """A cloze card as Keeper keeps it: the whole cloze text (Markdown) and the extra
        the answer adds; None when the text has no gap for this card (Anki made it,
        nothing asks)."""
        assert self.cloze is not None
        if any("image-occlusion:" in note.values[i] for i in self.cloze):
            return None
        front = note.joined(self.cloze)
        if self.ordinal + 1 not in cloze.gap_numbers(front[0]) or nested_gap(front[0]):
            return None  # no gap for this card, or gaps inside gaps (Keeper asks neither)
        return front, _join(note, self.back)


def card_layout(note_type: NoteType, ordinal: int, names: tuple[str, ...]) -> CardLayout:
    """The layout of card `ordinal` of a note whose values carry the fields `names`, in
    order (a note may hold fewer values than its type has fields; of a name given twice,
    the later value counts, as in a dict)."""
    position = {name: index for index, name in enumerate(names)}
    source = next((position[name] for name in position if name.lower() == SOURCE_FIELD), None)
    layout = CardLayout(source, position.get(KEEPER_ID_FIELD), ordinal=ordinal)
    cloze_names = _cloze_names(note_type, position) if note_type.cloze else []
    if cloze_names:
        answer = note_type.templates[0][1] if note_type.templates else ""
        extra = [
            name
            for name in _unique(name for _filters, name in _references(answer))
            if name in _content_fields(note_type) and name not in cloze_names
        ]
        return replace(layout, cloze=_at(position, cloze_names), back=_at(position, extra))
    sides = _side_names(note_type, ordinal)
    if sides is None:
        by_field = tuple(
            (name, position[name]) for name in _content_fields(note_type) if name in position
        )
        return replace(layout, by_field=by_field)
    front, back = sides
    return replace(layout, front=_at(position, front), back=_at(position, back))


def _at(position: dict[str, int], names: Iterable[str]) -> tuple[int, ...]:
    return tuple(position[name] for name in names if name in position)


@lru_cache(maxsize=256)
def _content_fields(note_type: NoteType) -> tuple[str, ...]:
    return tuple(
        name
        for name in note_type.fields
        if name != KEEPER_ID_FIELD and name.lower() != SOURCE_FIELD
    )


@lru_cache(maxsize=256)  # a template is read once per note type, not once per card
def _references(template: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """(filters, field) for each field a template shows; sections and specials skipped."""
    found = []
    for match in _TAG.finditer(template):
        inner = match.group(1).strip()
        if not inner or inner[0] in "#^/!":
            continue
        *filters, name = (part.strip() for part in inner.split(":"))
        if name in _SPECIAL or any(f.startswith("tts") for f in filters):
            continue
        found.append((tuple(filters), name))
    return tuple(found)


@lru_cache(maxsize=256)  # worked out once per note type and card ordinal, not once per card
def _side_names(
    note_type: NoteType, ordinal: int
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The fields the card's template shows on its front and back (None: it shows none)."""
    if ordinal >= len(note_type.templates):
        return None
    usable = _content_fields(note_type)
    question, answer = note_type.templates[ordinal]
    front_names = _unique(name for filters, name in _references(question) if "type" not in filters)
    front_names = [name for name in front_names if name in usable]
    back_names = [
        name
        for name in _unique(name for _filters, name in _references(answer))
        if name in usable and name not in front_names
    ]
    return (tuple(front_names), tuple(back_names)) if front_names else None


def _field_by_field(
    note: NoteText, fields: tuple[tuple[str, int], ...]
) -> tuple[Side, Side] | None:
    """The first filled field is the front; the others, labelled when more than one, the
    back."""
    filled = [(name, index) for name, index in fields if note.side(index)[0]]
    if not filled:
        return None
    (_front_name, front), *rest = filled
    media = 0
    parts = []
    for name, index in rest:
        text, dropped = note.side(index)
        media += dropped
        parts.append(f"**{name}:** {text}" if len(rest) > 1 else text)
    return note.side(front), ("\n\n".join(parts), media)


def _cloze_names(note_type: NoteType, fields: Container[str]) -> list[str]:
    question = note_type.templates[0][0] if note_type.templates else ""
    names = [name for filters, name in _references(question) if "cloze" in filters]
    return [name for name in names if name in fields]


def _join(note: NoteText, indexes: tuple[int, ...]) -> Side:
    if len(indexes) == 1:  # most sides: one field
        return note.side(indexes[0])
    texts, media = [], 0
    for index in indexes:
        text, dropped = note.side(index)
        media += dropped
        if text:
            texts.append(text)
    return "\n\n".join(texts), media


def _plain(html_text: str) -> Side:
    if not html_text:
        return "", 0
    return html_to_markdown_counting(html_text)


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))
