"""Keeper's own deck file (.keeper): a zip of a versioned manifest and JSON documents.
Read here, written by keeper_writer.py.

Layout (see docs/file-format.md): `manifest.json`, `decks.json`, `cards.json`, and when
exported with them, `reviews.json` and `stories.json`. Every document is checked against
the schema in `keeper_schema` before anything is built from it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from trainer.core.cards import Memory, Rating
from trainer.core.model import CardKind, DeckOptions
from trainer.core.storable_text import LONE_SURROGATE
from trainer.core.stories import Story
from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck, BundleReview, Loaded
from trainer.exchange.card_kinds import cloze_problem
from trainer.exchange.errors import Cancel, ExchangeError
from trainer.exchange.keeper_limits import STORY_FIELDS
from trainer.exchange.keeper_media import read_media
from trainer.exchange.keeper_memory import memory_problems
from trainer.exchange.keeper_schema import (
    FORMAT_VERSION,
    SchemaViolation,
    validate,
)
from trainer.exchange.keeper_writer import FIRST_TYPED_FORMAT, STATE_NAMES, write_keeper
from trainer.exchange.safe_zip import SafeZip, row_limit

__all__ = ["KIND", "SUFFIX", "read_keeper", "write_keeper"]  # writing: keeper_writer.py

SUFFIX = ".keeper"
KIND = "Keeper deck file"
_STATE_NAMES = {name: state for state, name in STATE_NAMES.items()}
_LARGEST_INT = 2**63 - 1  # what SQLite's INTEGER holds


# Reading --------------------------------------------------------------------------------


def read_keeper(path: Path, cancel: Cancel | None = None) -> Loaded:
    with SafeZip(path, kind=KIND, cancel=cancel) as archive:
        if not archive.has("manifest.json"):
            raise ExchangeError(path, f"not a {KIND} (manifest.json is missing)")
        manifest = _load_json(path, archive, "manifest.json")
        _check_manifest(path, manifest)
        for required in ("decks.json", "cards.json"):
            if not archive.has(required):
                raise ExchangeError(path, f"{required} is missing from the archive")
        documents = {
            name: _load_json(path, archive, name)
            for name in ("decks.json", "cards.json", "reviews.json", "stories.json")
            if archive.has(name)
        }
        media = read_media(path, archive)
    _check_rows(path, documents)  # before the schema: checking 200,000 reviews takes seconds
    for name, value in documents.items():
        _validate(path, name, name.removesuffix(".json"), value)
    if manifest["version"] < FIRST_TYPED_FORMAT:  # cards of an older file are basic cards
        documents["cards.json"] = [_untyped(card) for card in documents["cards.json"]]
    try:
        return Loaded(replace(_bundle(path, documents), media=media))
    except ValueError as error:  # a time the schema's pattern lets through: 2026-13-45
        raise ExchangeError(path, str(error)) from None


def _check_rows(path: Path, documents: dict[str, Any]) -> None:
    cards, reviews = (
        len(value) if isinstance(value := documents.get(name), list) else 0
        for name in ("cards.json", "reviews.json")
    )
    limit = row_limit(path)
    if cards + reviews > limit:
        raise ExchangeError(
            path,
            f"{cards:,} cards and {reviews:,} reviews: more than {limit:,} rows, far more "
            "than a file of this size holds",
        )


def _load_json(path: Path, archive: SafeZip, name: str, schema: str | None = None) -> Any:
    text = archive.read_text(name)
    try:
        value = json.loads(
            text, parse_constant=_refuse_constant, parse_int=_int, parse_float=_float
        )
    except json.JSONDecodeError as error:
        raise ExchangeError(
            path,
            f"{name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})",
        ) from None
    except (ValueError, RecursionError) as error:
        raise ExchangeError(path, f"{name} is not valid JSON ({error})") from None
    if _SURROGATE_ESCAPE.search(text):  # else no string can hold a lone surrogate
        _refuse_lone_surrogates(path, name, schema or name.removesuffix(".json"), value)
    if schema is not None:
        _validate(path, name, schema, value)
    return value


# `\ud800` escapes: a pair stands for one character, one alone for nothing UTF-8 can store.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _refuse_lone_surrogates(path: Path, name: str, root: str, value: Any) -> None:
    waiting = [(root, value)]  # a stack, not recursion: the JSON may nest deeply
    while waiting:
        where, item = waiting.pop()
        if isinstance(item, dict):
            for key, child in reversed(item.items()):  # reversed: the first found is named
                waiting += [(f"{where}.{key}", child), (f"{where}.{key}", key)]
        elif isinstance(item, list):
            waiting.extend((f"{where}[{i}]", child) for i, child in reversed(list(enumerate(item))))
        elif isinstance(item, str) and (found := LONE_SURROGATE.search(item)):
            code = ord(found.group())
            raise ExchangeError(
                path, f"{name}: {where}: holds a lone surrogate (U+{code:04X}), which is not text"
            )


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def _int(text: str) -> int:
    value = int(text)
    if abs(value) > _LARGEST_INT:
        raise ValueError(f"the number {text[:20]}{'...' if len(text) > 20 else ''} is too large")
    return value


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]}{'...' if len(text) > 20 else ''} is too large")
    return value


def _validate(path: Path, name: str, definition: str, value: Any) -> None:
    try:
        validate(definition, value, definition)
    except SchemaViolation as violation:
        raise ExchangeError(
            path, f"{name}: {violation.where(definition)}: {violation.message}"
        ) from None


def _check_manifest(path: Path, manifest: Any) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != "keeper":
        raise ExchangeError(path, f"not a {KIND} (manifest.json does not say format 'keeper')")
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExchangeError(path, f"manifest.json: unknown file format version {version!r}")
    if version > FORMAT_VERSION:
        raise ExchangeError(
            path,
            f"written by a newer Keeper (file format {version}; this Keeper reads format "
            f"{FORMAT_VERSION}): update Keeper to import it",
        )
    _validate(path, "manifest.json", "manifest", manifest)


def _bundle(path: Path, documents: dict[str, Any]) -> Bundle:
    decks = tuple(_deck(item) for item in documents["decks.json"])
    deck_guids = _unique(path, "decks.json", "decks", (deck.guid for deck in decks))
    cards = tuple(_card(item) for item in documents["cards.json"])
    card_guids = _unique(path, "cards.json", "cards", (card.guid for card in cards))
    for index, card in enumerate(cards):
        if card.deck_guid not in deck_guids:
            raise ExchangeError(
                path, f"cards.json: cards[{index}].deck: no deck {card.deck_guid!r} in decks.json"
            )
        if problem := cloze_problem(card):
            raise ExchangeError(path, f"cards.json: cards[{index}]: {problem}")
    reviews = tuple(_review(item) for item in documents.get("reviews.json", ()))
    for index, review in enumerate(reviews):
        if review.card_guid not in card_guids:
            raise ExchangeError(
                path,
                f"reviews.json: reviews[{index}].card: no card {review.card_guid!r} in cards.json",
            )
    problem = memory_problems(cards, reviews)
    if problem is not None:
        raise ExchangeError(path, problem)
    stories = tuple(_story(item) for item in documents.get("stories.json", ()))
    return Bundle(decks=decks, cards=cards, reviews=reviews, stories=stories)


def _unique(path: Path, name: str, root: str, guids: Iterable[str]) -> set[str]:
    seen: set[str] = set()
    for index, guid in enumerate(guids):
        if guid in seen:
            raise ExchangeError(path, f"{name}: {root}[{index}].guid: {guid!r} appears twice")
        seen.add(guid)
    return seen


def _deck(item: dict[str, Any]) -> BundleDeck:
    options = item.get("options")
    return BundleDeck(
        guid=item["guid"],
        name=item["name"].strip() or item["guid"],
        description=item.get("description", ""),
        options=None if options is None else _options(options),
    )


def _untyped(card: Any) -> Any:
    if not isinstance(card, dict):
        return card
    return {key: value for key, value in card.items() if key not in ("type", "cloze", "note")}


def _options(item: dict[str, Any]) -> DeckOptions:
    defaults = DeckOptions()
    return DeckOptions(
        new_per_day=item.get("new_per_day", defaults.new_per_day),
        reviews_per_day=item.get("reviews_per_day", defaults.reviews_per_day),
        desired_retention=float(item.get("desired_retention", defaults.desired_retention)),
        learning_steps=_steps(item.get("learning_steps"), defaults.learning_steps),
        relearning_steps=_steps(item.get("relearning_steps"), defaults.relearning_steps),
    )


def _steps(seconds: list[int] | None, default: tuple[timedelta, ...]) -> tuple[timedelta, ...]:
    return default if seconds is None else tuple(timedelta(seconds=s) for s in seconds)


def _card(item: dict[str, Any]) -> BundleCard:
    memory = item.get("memory")
    return BundleCard(
        guid=item["guid"],
        deck_guid=item["deck"],
        front=item["front"],
        back=item["back"],
        tags=tuple(item.get("tags", ())),
        source=item.get("source", ""),
        memory=None if memory is None else _memory(memory),
        suspended=item.get("suspended", False),
        kind=CardKind(item.get("type", CardKind.BASIC)),
        cloze=item.get("cloze", 0),
        note_guid=item.get("note", ""),
    )


def _memory(item: dict[str, Any]) -> Memory:
    stability, difficulty = item.get("stability"), item.get("difficulty")
    return Memory(
        state=_STATE_NAMES[item["state"]],
        step=item.get("step"),
        stability=None if stability is None else float(stability),
        difficulty=None if difficulty is None else float(difficulty),
        due=_time(item.get("due")),
        last_review=_time(item.get("last_review")),
        reps=item["reps"],
        lapses=item["lapses"],
    )


def _review(item: dict[str, Any]) -> BundleReview:
    reviewed_at = _time(item["reviewed_at"])
    assert reviewed_at is not None  # the schema requires it
    return BundleReview(
        card_guid=item["card"],
        rating=Rating(item["rating"]),
        reviewed_at=reviewed_at,
        duration_ms=item.get("duration_ms", 0),
        before=_memory(item["before"]),
        after=_memory(item["after"]),
        guid=item.get("guid", ""),
    )


def _story(item: dict[str, Any]) -> Story:
    return Story(
        id=item.get("id"),
        **{name: item.get(name, "") for name in STORY_FIELDS},
        tags=tuple(item.get("tags", ())),
        target_seconds=item.get("target_seconds", 120),
        guid=item.get("guid", ""),
    )


def _time(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
    except ValueError as error:
        raise ValueError(f"{text!r} is not a real time ({error})") from None
