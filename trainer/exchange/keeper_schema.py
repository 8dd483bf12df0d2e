"""The JSON Schema of the .keeper file (format 1) and its validation.

`SCHEMA` is the schema published in docs/file-format.md (a test keeps the two identical).
`validate` runs it compiled into closures (json_schema_check.py), so 100,000 cards validate
in a fraction of a second; errors name the file, the path and the rule, e.g.
`cards.json: cards[12].tags[0]: must not contain spaces`.
"""

from __future__ import annotations

from typing import Any

from trainer.exchange.json_schema_check import SchemaViolation, compile_definitions

__all__ = ["FILES", "FORMAT_VERSION", "MEDIA_VERSION", "SCHEMA", "SchemaViolation", "validate"]

FORMAT_VERSION = 4  # 2: reviews' and stories' guids; 3: media/ files; 4: card types
MEDIA_VERSION = 3  # the first format that may carry pictures and sounds
_TIME_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|\+00:00)$"
_NO_SPACE = r"^\S+$"

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "urn:keeper:file-format:4",
    "title": "Keeper deck file, format 4",
    "$defs": {
        "guid": {
            "type": "string",
            "minLength": 1,
            "maxLength": 200,
            "pattern": _NO_SPACE,
            "description": "a stable id without spaces",
        },
        "text": {"type": "string", "maxLength": 200000},
        "time": {
            "type": "string",
            "pattern": _TIME_PATTERN,
            "description": "a UTC time like 2026-01-31T09:30:00Z",
        },
        "optionalTime": {
            "type": ["string", "null"],
            "pattern": _TIME_PATTERN,
            "description": "a UTC time like 2026-01-31T09:30:00Z, or null",
        },
        "tags": {
            "type": "array",
            "maxItems": 500,
            "items": {
                "type": "string",
                "minLength": 1,
                "maxLength": 200,
                "pattern": _NO_SPACE,
                "description": "a tag without spaces",
            },
        },
        "steps": {
            "type": "array",
            "maxItems": 20,
            "items": {"type": "integer", "minimum": 1, "maximum": 31536000},
        },
        "memory": {
            "type": "object",
            "additionalProperties": False,
            "required": ["state", "reps", "lapses"],
            "properties": {
                "state": {"enum": ["new", "learning", "review", "relearning"]},
                "step": {"type": ["integer", "null"], "minimum": 0, "maximum": 100},
                "stability": {"type": ["number", "null"], "minimum": 0.001, "maximum": 1000000},
                "difficulty": {"type": ["number", "null"], "minimum": 1, "maximum": 10},
                "due": {"$ref": "#/$defs/optionalTime"},
                "last_review": {"$ref": "#/$defs/optionalTime"},
                "reps": {"type": "integer", "minimum": 0, "maximum": 1000000},
                "lapses": {"type": "integer", "minimum": 0, "maximum": 1000000},
            },
        },
        "manifest": {
            "type": "object",
            "required": ["format", "version", "created"],
            "properties": {
                "format": {"const": "keeper"},
                "version": {"type": "integer", "minimum": 1, "maximum": FORMAT_VERSION},
                "created": {"$ref": "#/$defs/time"},
                "app": {"type": "string", "maxLength": 200},
                "counts": {
                    "type": "object",
                    "additionalProperties": {"type": "integer", "minimum": 0},
                },
            },
        },
        "decks": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["guid", "name"],
                "properties": {
                    "guid": {"$ref": "#/$defs/guid"},
                    "name": {"type": "string", "minLength": 1, "maxLength": 500},
                    "description": {"$ref": "#/$defs/text"},
                    "options": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "new_per_day": {"type": "integer", "minimum": 0, "maximum": 100000},
                            "reviews_per_day": {
                                "type": "integer",
                                "minimum": 0,
                                "maximum": 1000000,
                            },
                            "desired_retention": {
                                "type": "number",
                                "minimum": 0.5,
                                "maximum": 0.99,
                            },
                            "learning_steps": {"$ref": "#/$defs/steps"},
                            "relearning_steps": {"$ref": "#/$defs/steps"},
                        },
                    },
                },
            },
        },
        "cards": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["guid", "deck", "front", "back"],
                "properties": {
                    "guid": {"$ref": "#/$defs/guid"},
                    "deck": {"$ref": "#/$defs/guid"},
                    "front": {"$ref": "#/$defs/text"},
                    "back": {"$ref": "#/$defs/text"},
                    "tags": {"$ref": "#/$defs/tags"},
                    "source": {"$ref": "#/$defs/text"},
                    "suspended": {"type": "boolean"},
                    "memory": {"$ref": "#/$defs/memory"},
                    "type": {"enum": ["basic", "cloze", "spoken"]},
                    "cloze": {"type": "integer", "minimum": 1, "maximum": 999},
                    "note": {"$ref": "#/$defs/guid"},
                },
            },
        },
        "reviews": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["card", "rating", "reviewed_at", "before", "after"],
                "properties": {
                    "card": {"$ref": "#/$defs/guid"},
                    "rating": {"type": "integer", "minimum": 1, "maximum": 4},
                    "reviewed_at": {"$ref": "#/$defs/time"},
                    "duration_ms": {"type": "integer", "minimum": 0},
                    "before": {"$ref": "#/$defs/memory"},
                    "after": {"$ref": "#/$defs/memory"},
                    "guid": {"$ref": "#/$defs/guid"},
                },
            },
        },
        "stories": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["title"],
                "properties": {
                    "id": {"type": "integer", "minimum": 1},
                    "title": {"$ref": "#/$defs/text"},
                    "questions": {"$ref": "#/$defs/text"},
                    "situation": {"$ref": "#/$defs/text"},
                    "decision": {"$ref": "#/$defs/text"},
                    "risk": {"$ref": "#/$defs/text"},
                    "outcome": {"$ref": "#/$defs/text"},
                    "post_mortem": {"$ref": "#/$defs/text"},
                    "changes": {"$ref": "#/$defs/text"},
                    "tags": {"$ref": "#/$defs/tags"},
                    "target_seconds": {"type": "integer", "minimum": 10, "maximum": 3600},
                    "guid": {"$ref": "#/$defs/guid"},
                },
            },
        },
    },
}

# Which definition each file of the archive must satisfy.
FILES = {
    "manifest.json": "manifest",
    "decks.json": "decks",
    "cards.json": "cards",
    "reviews.json": "reviews",
    "stories.json": "stories",
}


_DEFS = compile_definitions(SCHEMA["$defs"])


def validate(definition: str, value: Any, root: str) -> None:
    """Raise SchemaViolation (with `.where(root)`) if `value` breaks `$defs/<definition>`;
    a card's or a review's violation names the card by its guid."""
    try:
        _DEFS[definition](value)
    except SchemaViolation as violation:
        violation.card = _card_named(definition, value, violation.path)
        raise


def _card_named(definition: str, value: Any, path: list[str]) -> str | None:
    field = {"cards": "guid", "reviews": "card"}.get(definition)
    if field is None or not path or not isinstance(value, list):
        return None
    item = value[int(path[-1].strip("[]"))]
    guid = item.get(field) if isinstance(item, dict) else None
    return guid if isinstance(guid, str) else None
