"""The JSON Schema of the .keeper file (format 1) and a fast validator for it.

`SCHEMA` is the schema published in docs/file-format.md (a test keeps the two identical).
`validate` interprets the part of JSON Schema the schema uses, compiled once into closures,
so 100,000 cards validate in a fraction of a second; errors name the file, the path and
the rule, e.g. `cards.json: cards[12].tags[0]: must not contain spaces`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

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


class SchemaViolation(Exception):
    """One rule broken: where (a JSON path such as `cards[3].front`) and what is wrong."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.path: list[str] = []
        self.card: str | None = None  # the guid of the card the rule is about, if any

    def where(self, root: str) -> str:
        card = "" if self.card is None else f"card {self.card!r} at "
        return card + root + "".join(reversed(self.path))


Check = Callable[[Any], None]
_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}
_ARTICLE = {"integer": "an integer", "array": "a list", "object": "an object", "null": "null"}
_IGNORED = {"$schema", "$id", "title", "description", "$comment", "$defs"}


def _compile(node: dict[str, Any], defs: dict[str, Check]) -> Check:
    """Closures checking one schema node; unknown keywords are a bug, not silently ignored."""
    checks: list[Check] = []
    for keyword, value in node.items():
        if keyword in _IGNORED:
            continue
        maker = _KEYWORDS.get(keyword)
        if maker is None:
            raise ValueError(f"keeper_schema: unsupported JSON Schema keyword {keyword!r}")
        check = maker(value, node, defs)
        if check is not None:
            checks.append(check)

    def run(value: Any) -> None:
        for check in checks:
            check(value)

    return checks[0] if len(checks) == 1 else run


def _type(value: Any, node: dict[str, Any], defs: dict[str, Check]) -> Check:
    names = [value] if isinstance(value, str) else list(value)
    tests = [_TYPES[name] for name in names]
    wanted = " or ".join(_ARTICLE.get(name, f"a {name}") for name in names)

    def check(item: Any) -> None:
        if not any(test(item) for test in tests):
            raise SchemaViolation(f"must be {wanted}")

    return check


def _enum(value: Any, node: dict[str, Any], defs: dict[str, Check]) -> Check:
    allowed = list(value)
    listed = ", ".join(repr(item) for item in allowed)

    def check(item: Any) -> None:
        if item not in allowed or isinstance(item, bool):
            raise SchemaViolation(f"must be one of {listed}")

    return check


def _const(value: Any, node: dict[str, Any], defs: dict[str, Check]) -> Check:
    def check(item: Any) -> None:
        if item != value or type(item) is not type(value):
            raise SchemaViolation(f"must be {value!r}")

    return check


def _required(value: Any, node: dict[str, Any], defs: dict[str, Check]) -> Check:
    names = list(value)

    def check(item: Any) -> None:
        if isinstance(item, dict):
            for name in names:
                if name not in item:
                    raise SchemaViolation(f"the field {name!r} is missing")

    return check


def _properties(value: Any, node: dict[str, Any], defs: dict[str, Check]) -> Check:
    fields = {name: _compile(sub, defs) for name, sub in value.items()}
    extra = node.get("additionalProperties", True)
    extra_check = _compile(extra, defs) if isinstance(extra, dict) else None

    def check(item: Any) -> None:
        if not isinstance(item, dict):
            return
        for name, field_value in item.items():
            sub = fields.get(name)
            if sub is None:
                if extra is False:
                    raise SchemaViolation(f"unknown field {name!r}")
                sub = extra_check
                if sub is None:
                    continue
            try:
                sub(field_value)
            except SchemaViolation as violation:
                violation.path.append(f".{name}")
                raise

    return check


def _additional(value: Any, node: dict[str, Any], defs: dict[str, Check]) -> Check | None:
    if "properties" in node:
        return None  # handled together with `properties`
    return _properties({}, {"additionalProperties": value}, defs)


def _items(value: Any, node: dict[str, Any], defs: dict[str, Check]) -> Check:
    sub = _compile(value, defs)

    def check(item: Any) -> None:
        if not isinstance(item, list):
            return
        for index, element in enumerate(item):
            try:
                sub(element)
            except SchemaViolation as violation:
                violation.path.append(f"[{index}]")
                raise

    return check


def _bound(
    kind: type | tuple[type, ...], test: Callable[[Any, Any], bool], message: str
) -> Callable[..., Check]:
    def make(limit: Any, node: dict[str, Any], defs: dict[str, Check]) -> Check:
        def check(item: Any) -> None:
            if isinstance(item, kind) and not isinstance(item, bool) and test(item, limit):
                raise SchemaViolation(message.format(limit=limit))

        return check

    return make


def _pattern(value: Any, node: dict[str, Any], defs: dict[str, Check]) -> Check:
    regex = re.compile(value)
    wanted = node.get("description") or f"text matching {value}"

    def check(item: Any) -> None:
        if isinstance(item, str) and not regex.search(item):
            raise SchemaViolation(f"must be {wanted}")

    return check


def _ref(value: Any, node: dict[str, Any], defs: dict[str, Check]) -> Check:
    name = value.removeprefix("#/$defs/")

    def check(item: Any) -> None:
        defs[name](item)  # looked up late, so definitions may refer to each other

    return check


_KEYWORDS: dict[str, Callable[..., Check | None]] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "required": _required,
    "properties": _properties,
    "additionalProperties": _additional,
    "items": _items,
    "pattern": _pattern,
    "$ref": _ref,
    "minLength": _bound(str, lambda v, n: len(v) < n, "must have at least {limit} character(s)"),
    "maxLength": _bound(str, lambda v, n: len(v) > n, "is longer than {limit} characters"),
    "minItems": _bound(list, lambda v, n: len(v) < n, "needs at least {limit} items"),
    "maxItems": _bound(list, lambda v, n: len(v) > n, "has more than {limit} items"),
    "minimum": _bound((int, float), lambda v, n: v < n, "must be at least {limit}"),
    "maximum": _bound((int, float), lambda v, n: v > n, "must be at most {limit}"),
}


def _compile_all() -> dict[str, Check]:
    defs: dict[str, Check] = {}
    for name, node in SCHEMA["$defs"].items():
        defs[name] = _compile(node, defs)
    return defs


_DEFS = _compile_all()


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
