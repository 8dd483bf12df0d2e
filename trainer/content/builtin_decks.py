"""The built-in decks, read from human-editable TOML files in `resources/decks/`.

Each card carries a stable id from its file, so a later release can edit a card in place
without touching its review history.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from trainer.resources import resource_path

if TYPE_CHECKING:  # start-up only compares fingerprints; cards are made when decks change
    from trainer.core.cards import NewCard

SUPPORTED_FORMAT = 1


class ContentError(Exception):
    """A built-in deck file is malformed; the message names the file and the field."""


class BuiltinDeck(NamedTuple):
    guid: str
    name: str
    description: str
    cards: tuple[NewCard, ...]


def decks_dir() -> Path:
    return resource_path("decks")


def load_builtin_decks(folder: Path | None = None) -> list[BuiltinDeck]:
    folder = folder or decks_dir()
    return [load_deck_file(path) for path in sorted(folder.glob("*.toml"))]


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

    from trainer.core.cards import NewCard

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"{path.name}: cannot read deck file ({error})") from None
    if data.get("format") != SUPPORTED_FORMAT:
        raise ContentError(f"{path.name}: format must be {SUPPORTED_FORMAT}")
    deck = data.get("deck", {})
    deck_id = _text(deck, "id", f"{path.name} [deck]")
    cards = []
    seen: set[str] = set()
    for number, card in enumerate(data.get("cards", []), start=1):
        where = f"{path.name} card {number}"
        card_id = _text(card, "id", where)
        if card_id in seen:
            raise ContentError(f"{where}: duplicate id {card_id!r}")
        seen.add(card_id)
        cards.append(
            NewCard(
                front=_text(card, "front", where),
                back=_text(card, "back", where),
                tags=tuple(card.get("tags", ())),
                source=_text(card, "source", where),
                guid=f"builtin:{card_id}",
            )
        )
    return BuiltinDeck(
        guid=f"builtin:{deck_id}",
        name=_text(deck, "name", f"{path.name} [deck]"),
        description=str(deck.get("description", "")),
        cards=tuple(cards),
    )


def _text(table: dict[str, object], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where}: field {key!r} is missing or empty")
    return value.strip()
