"""What a .keeper file can hold, checked on a whole bundle before it is written or imported.

Another format's import (an Anki package, a CSV file) or a story typed without limit could
bring text the .keeper schema refuses; imported or written, it would make Keeper's own export
a file Keeper's import refuses. The schema's own rules are checked directly, since building
and validating the JSON took 4 s for 100,000 cards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from trainer.exchange.bundle import Bundle
from trainer.exchange.errors import ExchangeError
from trainer.exchange.keeper_schema import SCHEMA

STORY_FIELDS = (
    "title", "questions", "situation", "decision", "risk", "outcome", "post_mortem", "changes",
)  # fmt: skip


def check_keepable(path: Path, bundle: Bundle) -> None:
    """Refuse in one line a bundle holding what a .keeper file cannot (a 250,000-character
    front, a 600-character deck name, an id with a space), naming the deck, card or story."""
    for number, deck in enumerate(bundle.decks, start=1):
        checks = [("guid", deck.guid, _GUID), ("name", deck.name, _DECK_NAME),
                  ("description", deck.description, _TEXT)]  # fmt: skip
        if problem := _first_problem(checks):
            raise ExchangeError(path, f"deck {number} ({_shown(deck.name)}): {problem}")
    longest, longest_id = _TEXT["maxLength"], _GUID["maxLength"]
    keepable_tags: set[tuple[str, ...]] = {()}  # a deck's cards share a few sets of tags
    for number, card in enumerate(bundle.cards, start=1):
        tags = card.tags
        if (
            len(card.front) <= longest and len(card.back) <= longest
            and len(card.source) <= longest and len(card.guid) <= longest_id
            and _NO_SPACE.match(card.guid)
            and (tags in keepable_tags or _keepable(tags, keepable_tags))
        ):  # fmt: skip
            continue  # most cards: the rules below, without building their list
        checks = [("guid", card.guid, _GUID), ("front", card.front, _TEXT),
                  ("back", card.back, _TEXT), ("source", card.source, _TEXT),
                  *((f"tags[{i}]", tag, _TAG) for i, tag in enumerate(card.tags))]  # fmt: skip
        problem = _first_problem(checks)
        if problem is None and len(card.tags) > _MOST_TAGS:
            problem = f"tags: more than {_MOST_TAGS}"
        if problem:
            raise ExchangeError(path, f"card {number} ({_shown(card.front)}): {problem}")
    for number, story in enumerate(bundle.stories, start=1):
        checks = [(name, getattr(story, name), _TEXT) for name in STORY_FIELDS]
        checks += [(f"tags[{i}]", tag, _TAG) for i, tag in enumerate(story.tags)]
        if problem := _first_problem(checks):
            raise ExchangeError(path, f"story {number} ({_shown(story.title)}): {problem}")


_DEFS = SCHEMA["$defs"]
_GUID, _TEXT, _TAG = _DEFS["guid"], _DEFS["text"], _DEFS["tags"]["items"]
_DECK_NAME = _DEFS["decks"]["items"]["properties"]["name"]
_MOST_TAGS = _DEFS["tags"]["maxItems"]
_NO_SPACE = re.compile(_GUID["pattern"])
assert _TAG["pattern"] == _GUID["pattern"]


def _keepable(tags: tuple[str, ...], keepable: set[tuple[str, ...]]) -> bool:
    """Whether a .keeper file holds these tags; the sets that it does are kept in `keepable`."""
    longest = _TAG["maxLength"]
    if len(tags) <= _MOST_TAGS and all(len(t) <= longest and _NO_SPACE.match(t) for t in tags):
        keepable.add(tags)
        return True
    return False


def _first_problem(checks: Iterable[tuple[str, str, dict[str, Any]]]) -> str | None:
    for name, text, rule in checks:
        if problem := _string_problem(text, rule):
            return f"{name} {problem}"
    return None


def _string_problem(text: str, rule: dict[str, Any]) -> str | None:
    """What `rule` (a schema string definition) finds wrong with `text`, said as the
    validator says it, or None."""
    if len(text) > rule["maxLength"]:
        return f"is longer than {rule['maxLength']} characters (what a Keeper deck file holds)"
    if len(text) < rule.get("minLength", 0):
        return "is empty"
    if "pattern" in rule and not _NO_SPACE.match(text):
        return f"must be {rule['description']}"
    return None


def _shown(text: str) -> str:
    return repr(text[:20] + ("..." if len(text) > 20 else ""))
