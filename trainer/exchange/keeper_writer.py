"""Writing Keeper's own deck file (.keeper); keeper_file.py reads it.

A file stays at the oldest format that holds what it carries, so older Keepers read it.
"""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from trainer import __version__
from trainer.core.cards import Memory
from trainer.core.model import CardKind, CardState
from trainer.core.stories import Story
from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck, BundleReview
from trainer.exchange.keeper_limits import STORY_FIELDS, check_keepable
from trainer.exchange.keeper_media import MEDIA_PREFIX
from trainer.exchange.keeper_schema import MEDIA_VERSION
from trainer.exchange.safe_zip import atomic_output

STATE_NAMES = {state: state.name.lower() for state in CardState}  # as the file spells them
FIRST_TYPED_FORMAT = 4  # cards carry their type (basic, cloze, spoken) from this format on


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
        "state": STATE_NAMES[memory.state],
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
