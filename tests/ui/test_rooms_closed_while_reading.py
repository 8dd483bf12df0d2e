"""A window closed while a room's read runs on its thread: what the read finds for a room
deleted meanwhile is dropped quietly, Keeper keeps running and the next window works. The
threads hand their results to the relay (ui/thread_relay.py)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from pytestqt.qtbot import QtBot

from tests.ui.keys import open_window, press
from trainer.core.card_content import card_content
from trainer.services.services import Services
from trainer.ui.main_window import MainWindow
from trainer.ui.thread_relay import run_on_thread

CTRL = Qt.KeyboardModifier.ControlModifier


class Held:
    """`service.name`, on a worker thread, waits for `release` once it has `reached`."""

    def __init__(self, service: object, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reached, self.release = threading.Event(), threading.Event()
        self.thread: threading.Thread | None = None
        read: Callable[..., object] = getattr(service, name)

        def held(*args: object) -> object:
            if threading.current_thread() is not threading.main_thread():
                self.thread = threading.current_thread()
                self.reached.set()
                assert self.release.wait(30), "the held read was never released"
            return read(*args)

        monkeypatch.setattr(service, name, held)

    def let_finish(self, qtbot: QtBot) -> None:
        """Released, its thread ended, and all it handed to the relay delivered (or dropped)."""
        self.release.set()
        assert self.thread is not None
        self.thread.join()
        marker = QObject()
        landed: list[object] = []
        run_on_thread(marker, lambda: "after", landed.append)  # the relay keeps their order
        qtbot.waitUntil(lambda: landed == ["after"])


def close_and_delete(window: MainWindow) -> None:
    """As a person closing the window, then Qt deleting it (its rooms with it)."""
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_closing_the_window_while_statistics_are_read_drops_the_read_quietly(
    qtbot: QtBot,
    services: Services,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    thread_errors: list[BaseException | None],
) -> None:
    report = Held(services.stats, "report", monkeypatch)
    window = open_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_4, CTRL)  # the statistics room
    qtbot.waitUntil(report.reached.is_set)
    close_and_delete(window)
    del window
    gc.collect()
    report.let_finish(qtbot)
    assert thread_errors == []

    window = open_window(qtbot, services, data_dir)  # the next action works
    press(qtbot, Qt.Key.Key_4, CTRL)
    qtbot.waitUntil(lambda: not window.statistics.drawing, timeout=20_000)
    assert window.showing(window.statistics)
    assert window.statistics.reading.isHidden()
    assert thread_errors == []


def test_closing_the_window_while_the_browser_searches_leaves_keeper_working(
    qtbot: QtBot,
    services: Services,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    thread_errors: list[BaseException | None],
) -> None:
    deck = services.decks.create("Extra")
    for number in range(40):
        services.card_edits.add(deck.id, card_content(f"Extra question {number:02d}", "b", "x"))
    services.browse.whole_list_below = 1  # every search broad: its rest found on the thread
    search = Held(services.browse, "search", monkeypatch)
    window = open_window(qtbot, services, data_dir)
    window.browser.model.FIRST_ROWS = 5
    press(qtbot, Qt.Key.Key_3, CTRL)  # the browser, every card
    qtbot.waitUntil(search.reached.is_set)
    assert not window.browser.model.complete
    close_and_delete(window)
    del window
    gc.collect()
    search.let_finish(qtbot)
    assert thread_errors == []

    window = open_window(qtbot, services, data_dir)  # the next action works
    window.browser.model.FIRST_ROWS = 5
    press(qtbot, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: window.browser.model.complete)
    assert window.browser.model.rowCount() == len(services.browse.search(""))
    assert thread_errors == []
