"""Start-up's warm-up thread reads the collection (the browser's first reads); closing
Keeper meanwhile (File > Quit during start-up) waits for those reads instead of closing
the database under them, and a warm-up asked for after closing reads nothing."""

from __future__ import annotations

import threading

import pytest

from trainer.services.services import Services


def test_closing_waits_for_the_warm_up_reads(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    reading, release = threading.Event(), threading.Event()
    decks = services.decks.decks
    finished: list[str] = []

    def slow_decks() -> object:
        reading.set()
        assert release.wait(30)
        found = decks()
        finished.append("read")
        return found

    monkeypatch.setattr(services.decks, "decks", slow_decks)
    warm = threading.Thread(target=services.warm_up)
    warm.start()
    assert reading.wait(30)
    closing = threading.Thread(target=lambda: (services.close(), finished.append("closed")))
    closing.start()
    closing.join(0.3)
    assert closing.is_alive(), "close waits while the warm-up reads"
    release.set()
    warm.join(30)
    closing.join(30)
    assert finished[:2] == ["read", "closed"]


def test_a_warm_up_after_closing_reads_nothing(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    monkeypatch.setattr(services.decks, "decks", lambda: read.append("decks"))
    services.close()
    services.warm_up()
    assert read == []
