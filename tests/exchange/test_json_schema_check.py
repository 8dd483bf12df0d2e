"""The fused checks of plain schema nodes pass and refuse exactly what the keyword-by-keyword
checks do, with the same message, for every plain node of the .keeper schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from trainer.exchange import json_schema_check
from trainer.exchange.json_schema_check import Check, SchemaViolation
from trainer.exchange.keeper_schema import SCHEMA

SAMPLES: list[Any] = [
    "", "a", "a b", "x" * 199, "x" * 200, "x" * 201, "2026-01-31T09:30:00Z",
    "2026-01-31T09:30:00.123456+00:00", "2026-01-31 09:30:00", "tag\u00a0x", "é",
    None, True, False, 0, 1, -1, 2, 20, 21, 31536000, 31536001, 2**63, -(2**63), 0.5, 1.0,
    -0.5, float("nan"), float("inf"), 1e309, [], ["a"], {}, {"a": 1}, {"guid": "g"},
    {"guid": "g", "deck": "d", "front": "f", "back": "b", "tags": [], "source": ""},
    {"guid": "g", "deck": "d", "front": 1, "back": "b", "tags": [], "source": ""},
    {"guid": "g g", "deck": "d", "front": "f", "back": "b", "tags": ["a b"], "source": ""},
    {"guid": "g", "deck": "d", "front": "f", "back": "b", "tags": [], "source": "", "x": 1},
    {"state": "new", "due": None, "stability": None}, {"card": "c", "rating": 5},
]  # fmt: skip


def plain_nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if isinstance(node.get("type"), str | list):
            yield node
        for value in node.values():
            yield from plain_nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from plain_nodes(value)


def outcome(check: Check, value: Any) -> str | None:
    try:
        check(value)
    except SchemaViolation as violation:
        return violation.message
    return None


@pytest.mark.parametrize("node", list(plain_nodes(SCHEMA["$defs"])), ids=repr)
def test_a_fused_check_agrees_with_the_keyword_checks(
    node: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    defs = json_schema_check.compile_definitions(SCHEMA["$defs"])  # what $ref points at
    fused = json_schema_check._compile(node, defs)
    monkeypatch.setattr(json_schema_check, "_fused", lambda _node, _slow, _defs: None)
    slow = json_schema_check._compile(node, defs)
    for value in SAMPLES:
        assert outcome(fused, value) == outcome(slow, value), value
