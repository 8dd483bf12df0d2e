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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

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


@dataclass(frozen=True)
class CardText:
    front: str
    back: str
    source: str
    media: int  # images and sounds dropped from this card's text
    cloze: int = 0  # a cloze card's gap (its card ordinal + 1): front is the cloze text


def card_guid(note_guid: str, ordinal: int, fields: dict[str, str]) -> str:
    """Keeper's own id when the note carries one; otherwise one derived from Anki's guid."""
    keeper_id = fields.get(KEEPER_ID_FIELD, "").strip()
    if keeper_id and _GUID_SAFE.match(keeper_id):
        return keeper_id if ordinal == 0 else f"{keeper_id}/{ordinal}"
    return f"anki:{_safe(note_guid)}/{ordinal}"


def _safe(anki_guid: str) -> str:
    if _GUID_SAFE.match(anki_guid):
        return anki_guid
    return hashlib.sha1(anki_guid.encode()).hexdigest()


def card_text(note_type: NoteType, fields: dict[str, str], ordinal: int) -> CardText | None:
    """The card's two sides, or None when it would show nothing Keeper can keep."""
    source, media = _plain(_field(fields, SOURCE_FIELD))
    asked = 0
    if note_type.cloze and _cloze_names(note_type, fields):
        sides, asked = _cloze_sides(note_type, fields, ordinal), ordinal + 1
    else:
        sides = _template_sides(note_type, fields, ordinal)
    if sides is None:
        return None
    (front, front_media), (back, back_media) = sides
    if not front:
        return None
    return CardText(front, back, source, media + front_media + back_media, asked)


def note_guid(anki_guid: str, fields: dict[str, str]) -> str:
    """The guid a cloze note's cards share: the Keeper note it was exported from, else one
    derived from Anki's note guid."""
    keeper_id = fields.get(KEEPER_ID_FIELD, "").strip()
    if keeper_id and _GUID_SAFE.match(keeper_id):
        return keeper_id
    return f"anki:{_safe(anki_guid)}"


def cloze_card_guid(anki_guid: str, ordinal: int, fields: dict[str, str]) -> str:
    """A cloze card of a note Keeper exported comes home to `<note>/c<n>`; any other keeps
    the guid Keeper has always given Anki's cards, so a package imported before cloze cards
    existed updates the cards it made."""
    keeper_id = fields.get(KEEPER_ID_FIELD, "").strip()
    if keeper_id and _GUID_SAFE.match(keeper_id):
        return f"{keeper_id}/c{ordinal + 1}"
    return card_guid(anki_guid, ordinal, fields)


def _field(fields: dict[str, str], name: str) -> str:
    for key, value in fields.items():
        if key.lower() == name:
            return value
    return ""


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


Side = tuple[str, int]


def _template_sides(
    note_type: NoteType, fields: dict[str, str], ordinal: int
) -> tuple[Side, Side] | None:
    names = _side_names(note_type, ordinal)
    if names is not None:
        front_names, back_names = names
        return _join(fields, front_names), _join(fields, back_names)
    return _field_by_field(fields, _content_fields(note_type))


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


def _field_by_field(fields: dict[str, str], names: Sequence[str]) -> tuple[Side, Side] | None:
    filled = [name for name in names if _plain(fields.get(name, ""))[0]]
    if not filled:
        return None
    front, *rest = filled
    media = 0
    parts = []
    for name in rest:
        text, dropped = _plain(fields[name])
        media += dropped
        parts.append(f"**{name}:** {text}" if len(rest) > 1 else text)
    return _plain(fields[front]), ("\n\n".join(parts), media)


def _cloze_names(note_type: NoteType, fields: dict[str, str]) -> list[str]:
    question = note_type.templates[0][0] if note_type.templates else ""
    names = [name for filters, name in _references(question) if "cloze" in filters]
    return [name for name in names if name in fields]


def _cloze_sides(
    note_type: NoteType, fields: dict[str, str], ordinal: int
) -> tuple[Side, Side] | None:
    """A cloze card as Keeper keeps it: the whole cloze text (Markdown) and the extra the
    answer adds; None when the text has no gap for this card (Anki made it, nothing asks)."""
    answer = note_type.templates[0][1] if note_type.templates else ""
    cloze_names = _cloze_names(note_type, fields)
    text = "\n".join(fields[name] for name in cloze_names)
    if "image-occlusion:" in text:
        return None
    front = _plain(text)
    if ordinal + 1 not in cloze.gap_numbers(front[0]) or nested_gap(front[0]):
        return None  # no gap for this card, or gaps inside gaps (Keeper asks neither)
    extra_names = [
        name
        for name in _unique(name for _filters, name in _references(answer))
        if name in _content_fields(note_type) and name not in cloze_names
    ]
    return front, _join(fields, extra_names)


def _join(fields: dict[str, str], names: Sequence[str]) -> Side:
    texts, media = [], 0
    for name in names:
        text, dropped = _plain(fields.get(name, ""))
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
