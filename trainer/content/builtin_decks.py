"""The built-in decks, read from human-editable TOML files in `resources/decks/`.

Each card carries a stable id from its file, so a later release can edit a card in place
without touching its review history. Format 2 adds card types (`type = "cloze"` loads as
one card per gap number, `type = "spoken"` is a question answered aloud against a rubric),
`replaces` (a new card that takes over a retired card's memory) and optional decks, which
a fresh collection does not get until the user adds them. Format 1 files still load.
docs/content.md describes the format and the content.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from trainer.resources import resource_path

if TYPE_CHECKING:  # start-up only compares fingerprints; cards are made when decks change
    from trainer.core.cards import NewCard

SUPPORTED_FORMATS = (1, 2)
GUID_PREFIX = "builtin:"
CARD_TYPES = ("basic", "cloze", "spoken")
RUBRIC_POINTS = (3, 5)  # a spoken card's back: this many "- " points, fewest and most
_FILE_KEYS = {"format", "deck", "cards"}
_DECK_KEYS = {"id", "name", "description", "optional"}
_CARD_KEYS = {"id", "type", "front", "back", "tags", "source", "replaces"}
_FORMAT_1_CARD_KEYS = {"id", "front", "back", "tags", "source"}


class ContentError(Exception):
    """A built-in deck file is malformed; the message names the file and the field."""


class BuiltinDeck(NamedTuple):
    guid: str
    name: str
    description: str
    cards: tuple[NewCard, ...]
    optional: bool = False  # not installed on a fresh collection; the user adds it
    # A new card's guid -> the guid of the retired card whose memory it takes over.
    replaces: Mapping[str, str] = {}


def decks_dir() -> Path:
    return resource_path("decks")


def load_builtin_decks(folder: Path | None = None) -> list[BuiltinDeck]:
    """Every deck file, optional ones too. A card id may be in one file only."""
    folder = folder or decks_dir()
    decks = []
    owner: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        deck = load_deck_file(path)
        for card in deck.cards:
            card_id = (card.note_guid or card.guid).removeprefix(GUID_PREFIX)
            other = owner.setdefault(card_id, path.name)
            if other != path.name:
                raise ContentError(f"{path.name}: card id {card_id!r} is also in {other}")
        decks.append(deck)
    for deck in decks:  # a card that replaces another takes it over: it must be gone
        for new, old in deck.replaces.items():
            old_id = old.removeprefix(GUID_PREFIX)
            if old_id in owner:
                raise ContentError(
                    f"{owner[new.removeprefix(GUID_PREFIX).split('/')[0]]}: card"
                    f" {new.removeprefix(GUID_PREFIX)!r}: field 'replaces' names"
                    f" {old_id!r}, which {owner[old_id]} still holds"
                )
    return decks


def fingerprint(folder: Path | None = None) -> str:
    """Changes whenever any deck file changes, so start-up can skip an unchanged install.

    A CRC over the files' names and bytes: it detects edits, and zlib is already loaded
    (hashlib's OpenSSL would add milliseconds to every start)."""
    crc = size = 0
    for path in sorted((folder or decks_dir()).glob("*.toml")):
        data = path.read_bytes()
        crc = zlib.crc32(data, zlib.crc32(path.name.encode(), crc))
        size += len(data)
    return f"crc32:{crc:08x}:{size}"


def load_deck_file(path: Path) -> BuiltinDeck:
    import tomllib  # only when the decks changed: start-up compares fingerprints

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"{path.name}: cannot read deck file ({error})") from None
    version = data.get("format")
    if version not in SUPPORTED_FORMATS:
        formats = " or ".join(str(n) for n in SUPPORTED_FORMATS)
        raise ContentError(f"{path.name}: format must be {formats}")
    _known(data, _FILE_KEYS, path.name)
    deck = _table(data.get("deck", {}), f"{path.name} [deck]")
    where = f"{path.name} [deck]"
    _known(deck, _DECK_KEYS if version >= 2 else _DECK_KEYS - {"optional"}, where)
    deck_id = _text(deck, "id", where)
    optional = deck.get("optional", False)
    if not isinstance(optional, bool):
        raise ContentError(f"{where}: field 'optional' must be true or false")
    cards: list[NewCard] = []
    replaces: dict[str, str] = {}
    seen: set[str] = set()
    raw_cards = data.get("cards", [])
    if not isinstance(raw_cards, list):
        raise ContentError(f"{path.name}: 'cards' must be a list of [[cards]] tables")
    for number, raw in enumerate(raw_cards, start=1):
        where = f"{path.name} card {number}"
        card = _table(raw, where)
        _known(card, _CARD_KEYS if version >= 2 else _FORMAT_1_CARD_KEYS, where)
        card_id = _text(card, "id", where)
        if card_id in seen:
            raise ContentError(f"{where}: duplicate id {card_id!r}")
        seen.add(card_id)
        made = _cards(card, card_id, where)
        cards.extend(made)
        if "replaces" in card:
            replaces[made[0].guid] = GUID_PREFIX + _text(card, "replaces", where)
    return BuiltinDeck(
        guid=GUID_PREFIX + deck_id,
        name=_text(deck, "name", f"{path.name} [deck]"),
        description=str(deck.get("description", "")),
        cards=tuple(cards),
        optional=optional,
        replaces=replaces,
    )


def _cards(card: dict[str, Any], card_id: str, where: str) -> list[NewCard]:
    """One card, or for a cloze text one card per gap number (guid `<id>/c<n>`)."""
    from dataclasses import replace

    from trainer.core.cards import NewCard
    from trainer.core.model import CardKind

    kind = card.get("type", "basic")
    if kind not in CARD_TYPES:
        raise ContentError(f"{where}: field 'type' must be one of {', '.join(CARD_TYPES)}")
    front = _text(card, "front", where)
    back = _text(card, "back", where) if kind != "cloze" or "back" in card else ""
    tags = card.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        raise ContentError(f"{where}: field 'tags' must be a list of words")
    basic = NewCard(
        front, back, tuple(tags), _text(card, "source", where), guid=GUID_PREFIX + card_id
    )
    if kind == "cloze":
        from trainer.core.cloze_cards import cards_for

        cards = cards_for(basic, note_guid=basic.guid)
        if not cards:
            raise ContentError(f"{where}: field 'front' has no cloze gap ({{{{c1::...}}}})")
        return cards
    if kind == "spoken":
        points = rubric_points(back)
        low, high = RUBRIC_POINTS
        if not low <= len(points) <= high:
            raise ContentError(
                f"{where}: field 'back' must be a rubric of {low} to {high} '- ' points"
                f" (found {len(points)})"
            )
        return [replace(basic, kind=CardKind.SPOKEN)]
    return [basic]


def rubric_points(back: str) -> list[str]:
    """The Markdown bullet points ("- ...") of a spoken card's rubric."""
    return [line[2:].strip() for line in back.splitlines() if line.startswith("- ")]


def _table(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ContentError(f"{where}: must be a table")
    return value


def _known(table: dict[str, Any], keys: set[str], where: str) -> None:
    """A misspelt field would otherwise be ignored in silence."""
    unknown = sorted(set(table) - keys)
    if unknown:
        raise ContentError(f"{where}: field {unknown[0]!r} is not known")


def _text(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where}: field {key!r} is missing or empty")
    return value.strip()
