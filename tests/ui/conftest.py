"""Fixtures shared by the UI tests."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest

from tests.ui.hostile_text import bait  # noqa: F401 - the fixture, for every UI test


@pytest.fixture(autouse=True)
def files_own_decks(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """An import asks which deck its cards go to; tests about something else answer "the
    file's own decks" without the dialog. A test of that choice is marked `asks_import_deck`."""
    if request.node.get_closest_marker("asks_import_deck") is None:
        from trainer.ui import exchange_actions

        monkeypatch.setattr(exchange_actions, "ask_import_deck", lambda *args: "")


@pytest.fixture
def thread_errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[BaseException | None]]:
    """What reached `threading.excepthook` or `sys.unraisablehook` during the test."""
    seen: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: seen.append(args.exc_value))
    monkeypatch.setattr(sys, "unraisablehook", lambda args: seen.append(args.exc_value))
    yield seen
