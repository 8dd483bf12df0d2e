"""A fast validator for the part of JSON Schema the .keeper schema uses (keeper_schema.py).

Each schema node is compiled once into closures. A node that checks one plain value (a
string's type, length and pattern; a number's range) also gets one fused closure for the
common case, a value of the exact JSON type within every bound, and falls back to the
keyword-by-keyword checks for anything else, so an error reads exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


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

    slow = checks[0] if len(checks) == 1 else run
    return _fused(node, slow, defs) or slow


_EXACT: dict[str, tuple[type, ...]] = {  # json.loads makes exactly these types
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
    "array": (list,),
    "object": (dict,),
}
_PLAIN_TEXT = {"type", "minLength", "maxLength", "pattern"}
_PLAIN_NUMBER = {"type", "minimum", "maximum"}
_PLAIN_OBJECT = {"type", "required", "properties", "additionalProperties"}


def _fused(node: dict[str, Any], slow: Check, defs: dict[str, Check]) -> Check | None:
    """One closure passing the common value of a plain node at once; anything else (an
    error included) goes through `slow`, the keyword-by-keyword checks."""
    keywords = set(node) - _IGNORED
    names = node.get("type")
    names = [names] if isinstance(names, str) else list(names or ())
    exact = tuple(kind for name in names for kind in _EXACT[name])
    if "string" in names and keywords <= _PLAIN_TEXT:
        shortest, longest = node.get("minLength", 0), node.get("maxLength", float("inf"))
        search = re.compile(node["pattern"]).search if "pattern" in node else None
        others = tuple(kind for kind in exact if kind is not str)

        def text(item: Any) -> None:
            kind = type(item)
            if kind is str:
                if shortest <= len(item) <= longest and (search is None or search(item)):
                    return
            elif kind in others:
                return
            slow(item)

        return text
    if names and keywords <= _PLAIN_NUMBER and str not in exact:
        low, high = node.get("minimum", float("-inf")), node.get("maximum", float("inf"))
        numbers = tuple(kind for kind in exact if kind in (int, float))
        others = tuple(kind for kind in exact if kind not in (int, float))

        def number(item: Any) -> None:
            kind = type(item)
            if kind in numbers:
                if low <= item <= high:
                    return
            elif kind in others:
                return
            slow(item)

        return number
    if names == ["object"] and keywords <= _PLAIN_OBJECT and "properties" in node:
        required = frozenset(node.get("required", ()))
        fields = _properties(node["properties"], node, defs)

        def whole(item: Any) -> None:
            if type(item) is dict and required.issubset(item):
                fields(item)  # its error is the one `slow` would raise first
                return
            slow(item)

        return whole
    return None


def _type(value: Any, node: dict[str, Any], defs: dict[str, Check]) -> Check:
    names = [value] if isinstance(value, str) else list(value)
    tests = [_TYPES[name] for name in names]
    wanted = " or ".join(_ARTICLE.get(name, f"a {name}") for name in names)

    def check(item: Any) -> None:
        if not any(test(item) for test in tests):
            raise SchemaViolation(f"must be {wanted}")

    if len(tests) == 1:
        [test] = tests

        def check_one(item: Any) -> None:
            if not test(item):
                raise SchemaViolation(f"must be {wanted}")

        return check_one
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
    if name in defs:  # defined already: no lookup per value
        return defs[name]

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


def compile_definitions(definitions: dict[str, Any]) -> dict[str, Check]:
    """One check per definition of a schema's `$defs`."""
    defs: dict[str, Check] = {}
    for name, node in definitions.items():
        defs[name] = _compile(node, defs)
    return defs
