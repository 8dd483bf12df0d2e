"""Services reach the data only through the Collection's typed repositories: no session,
connection or SQL of their own (lint-imports forbids them sqlalchemy and sqlite3; this
catches what an import check cannot see, an attribute reached through)."""

from __future__ import annotations

import ast
from pathlib import Path

import trainer.services

SERVICES = Path(trainer.services.__file__).parent
REACHING_THROUGH = {"session", "connection", "driver_connection", "dbapi_connection"}


def reached_through(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in REACHING_THROUGH:
            found.append(f"{path.name}:{node.lineno} .{node.attr}")
        if isinstance(node, ast.Name) and node.id == "Session":
            found.append(f"{path.name}:{node.lineno} Session")
    return found


def test_no_service_holds_a_session_or_a_connection() -> None:
    modules = sorted(SERVICES.glob("*.py"))
    assert len(modules) > 10
    assert [hit for path in modules for hit in reached_through(path)] == []


def test_the_check_sees_a_service_reaching_through(tmp_path: Path) -> None:
    bad = tmp_path / "bad_service.py"
    bad.write_text("def rows(collection):\n    return collection.session.execute('x')\n")
    assert reached_through(bad) == ["bad_service.py:2 .session"]
