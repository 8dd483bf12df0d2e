"""Keeper's own deck file (.keeper): a zip of a versioned manifest and JSON documents.

Layout (see docs/file-format.md): `manifest.json`, `decks.json`, `cards.json`, and when
exported with them, `reviews.json` and `stories.json`. Every document is checked against
the schema in `keeper_schema` before anything is built from it.
"""

from __future__ import annotations

import json
import math
import re
import zipfile
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from trainer import __version__
from trainer.core.cards import Memory, Rating
from trainer.core.model import CardKind, CardState, DeckOptions
from trainer.core.storable_text import LONE_SURROGATE
from trainer.core.stories import Story
from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck, BundleReview, Loaded
from trainer.exchange.card_kinds import cloze_problem
from trainer.exchange.errors import Cancel, ExchangeError
from trainer.exchange.keeper_limits import STORY_FIELDS, check_keepable
from trainer.exchange.keeper_media import MEDIA_PREFIX, read_media
from trainer.exchange.keeper_memory import memory_problems
from trainer.exchange.keeper_schema import (
    FORMAT_VERSION,
    MEDIA_VERSION,
    SchemaViolation,
    validate,
)
from trainer.exchange.safe_zip import SafeZip, atomic_output, row_limit

SUFFIX = ".keeper"
KIND = "Keeper deck file"
_STATES = {state: state.name.lower() for state in CardState}
_STATE_NAMES = {name: state for state, name in _STATES.items()}
_LARGEST_INT = 2**63 - 1  # what SQLite's INTEGER holds
FIRST_TYPED_FORMAT = 4  # cards carry their type (basic, cloze, spoken) from this format on


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


# Writing --------------------------------------------------------------------------------


def write_keeper(path: Path, bundle: Bundle, now: datetime) -> None:
    """Write the bundle as a .keeper file; reviews.json/stories.json only when present.
    Text the format cannot hold (a story field has no limit as it is typed) is refused in
    one line first: Keeper never writes a file its own import refuses."""
    check_keepable(path, bundle)
    documents: dict[str, Any] = {
        "manifest.json": {
            "format": "keeper",
            # Reviews and stories carry their guids from format 2 on, media from 3, cards
            # their type from 4: a file stays at the oldest format that holds it, which
            # older Keepers read.
            "version": _oldest_format(bundle),
            "created": _time_text(now),
            "app": f"Keeper {__version__}",
            "counts": {
                "decks": len(bundle.decks),
                "cards": len(bundle.cards),
                "reviews": len(bundle.reviews),
                "stories": len(bundle.stories),
            },
        },
        "decks.json": [_deck_json(deck) for deck in bundle.decks],
        "cards.json": [_card_json(card) for card in bundle.cards],
    }
    if bundle.reviews:
        documents["reviews.json"] = [_review_json(review) for review in bundle.reviews]
    if bundle.stories:
        documents["stories.json"] = [_story_json(story) for story in bundle.stories]
    stamp = now.astimezone(UTC).timetuple()[:6]
    with atomic_output(path) as temporary, zipfile.ZipFile(temporary, "w") as archive:
        for name, value in documents.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, json.dumps(value, ensure_ascii=False, indent=1) + "\n")
        for media in bundle.media:  # stored: pictures and sounds are compressed already
            info = zipfile.ZipInfo(MEDIA_PREFIX + media.name, date_time=stamp)
            archive.writestr(info, media.data)


def _text_version(bundle: Bundle) -> int:
    return 2 if bundle.reviews or bundle.stories else 1


def _deck_json(deck: BundleDeck) -> dict[str, Any]:
    value: dict[str, Any] = {"guid": deck.guid, "name": deck.name}
    if deck.description:
        value["description"] = deck.description
    if deck.options is not None:
        options = deck.options._asdict()
        for key in ("learning_steps", "relearning_steps"):
            options[key] = [int(step.total_seconds()) for step in options[key]]
        value["options"] = options
    return value


def _oldest_format(bundle: Bundle) -> int:
    if any(card.kind is not CardKind.BASIC or card.note_guid for card in bundle.cards):
        return FIRST_TYPED_FORMAT
    return MEDIA_VERSION if bundle.media else _text_version(bundle)


def _card_json(card: BundleCard) -> dict[str, Any]:
    value: dict[str, Any] = {
        "guid": card.guid,
        "deck": card.deck_guid,
        "front": card.front,
        "back": card.back,
        "tags": list(card.tags),
        "source": card.source,
    }
    if card.suspended:
        value["suspended"] = True
    if card.memory is not None:
        value["memory"] = _memory_json(card.memory)
    if card.kind is not CardKind.BASIC:
        value["type"] = str(card.kind)
    if card.kind is CardKind.CLOZE:
        value["cloze"] = card.cloze
    if card.note_guid:
        value["note"] = card.note_guid
    return value


def _memory_json(memory: Memory) -> dict[str, Any]:
    return {
        "state": _STATES[memory.state],
        "step": memory.step,
        "stability": memory.stability,
        "difficulty": memory.difficulty,
        "due": _time_text(memory.due),
        "last_review": _time_text(memory.last_review),
        "reps": memory.reps,
        "lapses": memory.lapses,
    }


def _review_json(review: BundleReview) -> dict[str, Any]:
    return {
        "card": review.card_guid,
        "rating": int(review.rating),
        "reviewed_at": _time_text(review.reviewed_at),
        "duration_ms": review.duration_ms,
        "before": _memory_json(review.before),
        "after": _memory_json(review.after),
        **({"guid": review.guid} if review.guid else {}),
    }


def _story_json(story: Story) -> dict[str, Any]:
    value: dict[str, Any] = {"id": story.id} if story.id is not None else {}
    value.update((name, getattr(story, name)) for name in STORY_FIELDS)
    value["tags"] = list(story.tags)
    value["target_seconds"] = story.target_seconds
    if story.guid:
        value["guid"] = story.guid
    return value


def _time_text(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    text = moment.astimezone(UTC).isoformat()
    return text.replace("+00:00", "Z")
