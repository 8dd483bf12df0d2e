"""The browser paints what it has first: a search finding more cards than its first rows
shows those at once and finds the rest on a thread; the count shows once it is complete,
a newer search drops an older one's late result, and the card kept stays selected."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.keys import open_window, press
from trainer.core.card_content import card_content
from trainer.core.model import CardId
from trainer.services.services import Services
from trainer.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
MAIN = threading.main_thread()
EXTRA = 40  # with the 98 built-in cards: more than the browser's first rows


@pytest.fixture
def window(qtbot: QtBot, services: Services, data_dir: Path) -> MainWindow:
    deck = services.decks.create("Extra")
    for number in range(EXTRA):
        services.card_edits.add(deck.id, card_content(f"Extra question {number:02d}", "b", "x"))
    return open_window(qtbot, services, data_dir)


def hold_full_searches(monkeypatch: pytest.MonkeyPatch, services: Services) -> threading.Event:
    """The browser's searches for every card, on its thread, wait until the event is set."""
    release = threading.Event()
    search: Callable[..., list[CardId]] = services.browse.search

    def held(*args: object, limit: int | None = None) -> list[CardId]:
        if len(args) < 4 and limit is None and threading.current_thread() is not MAIN:
            assert release.wait(30), "the held search was never released"
        return search(*args, limit=limit) if len(args) < 4 else search(*args)

    monkeypatch.setattr(services.browse, "search", held)
    return release


def search_for(qtbot: QtBot, window: MainWindow, text: str) -> None:
    press(qtbot, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.browser.search, text)
    press(qtbot, Qt.Key.Key_Return)


def shown_ids(window: MainWindow) -> list[CardId]:
    model = window.browser.model
    return [card_id for row in range(model.rowCount()) if (card_id := model.card_id(row))]


def test_the_first_rows_show_at_once_and_the_count_once_every_card_is_found(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = hold_full_searches(monkeypatch, services)
    press(qtbot, Qt.Key.Key_3, CTRL)
    browser, model = window.browser, window.browser.model
    first = model.FIRST_ROWS
    assert model.rowCount() == first and not model.complete
    assert browser.count.text() == f"{first:,}+ cards · counting…"
    assert model.index(0, 0).data()  # painted from what it has
    with qtbot.waitSignal(model.completed, timeout=10_000):
        release.set()
    total = 98 + EXTRA
    assert model.rowCount() == total and model.complete
    assert browser.count.text().startswith(f"{total:,} cards · ")
    assert shown_ids(window) == services.browse.search("")
    press(qtbot, Qt.Key.Key_End, CTRL)  # the keys reach every row once it is in
    assert browser.table.currentIndex().row() == total - 1


def test_a_late_result_of_an_older_search_is_dropped_and_typing_goes_on_meanwhile(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    press(qtbot, Qt.Key.Key_3, CTRL)
    model = window.browser.model
    qtbot.waitUntil(lambda: model.complete)
    release = hold_full_searches(monkeypatch, services)
    search_for(qtbot, window, "is:new")  # more than the first rows: the rest is held
    assert not model.complete
    press(qtbot, Qt.Key.Key_A, CTRL)  # typing goes on while the rest is searched
    search_for(qtbot, window, "deck:Extra")  # a newer search, complete at once
    assert window.browser.search.text() == "deck:Extra"
    extra = services.browse.search("deck:Extra")
    assert shown_ids(window) == extra and model.complete
    with qtbot.waitSignal(model.background.landed, timeout=10_000):
        release.set()  # the older search's whole list lands now
    assert shown_ids(window) == extra
    assert window.browser.count.text().startswith(f"{EXTRA} cards · ")


def test_the_card_kept_past_the_first_rows_is_selected_when_the_rest_lands(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    press(qtbot, Qt.Key.Key_3, CTRL)
    browser, model = window.browser, window.browser.model
    qtbot.waitUntil(lambda: model.complete)
    press(qtbot, Qt.Key.Key_Home, CTRL)  # the first card by front: the last once sorted back
    kept = model.card_id(browser.table.currentIndex().row())
    assert kept is not None
    release = hold_full_searches(monkeypatch, services)
    header = browser.table.horizontalHeader()
    header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # a click on the Front header
    assert not model.complete
    assert model.card_id(browser.table.currentIndex().row()) == model.card_id(0)
    with qtbot.waitSignal(model.completed, timeout=10_000):
        release.set()
    assert model.card_id(browser.table.currentIndex().row()) == kept
    assert browser.editor.card is not None and browser.editor.card.id == kept


def test_a_row_chosen_before_the_rest_lands_stays_chosen(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    press(qtbot, Qt.Key.Key_3, CTRL)
    browser, model = window.browser, window.browser.model
    qtbot.waitUntil(lambda: model.complete)
    press(qtbot, Qt.Key.Key_Home, CTRL)
    release = hold_full_searches(monkeypatch, services)
    browser.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    chosen = model.card_id(2)
    with qtbot.waitSignal(model.completed, timeout=10_000):
        release.set()
    assert model.card_id(browser.table.currentIndex().row()) == chosen


def test_when_the_rest_cannot_be_found_the_browser_says_so_and_keeps_its_rows(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    search: Callable[..., list[CardId]] = services.browse.search

    def locked(*args: object) -> list[CardId]:
        if len(args) < 4 and threading.current_thread() is not MAIN:  # the whole list
            raise OSError("disk I/O error")
        return search(*args)

    monkeypatch.setattr(services.browse, "search", locked)
    browser, model = window.browser, window.browser.model
    with qtbot.waitSignal(model.failed, timeout=10_000):
        press(qtbot, Qt.Key.Key_3, CTRL)
    assert browser.count.text() == f"{model.FIRST_ROWS}+ cards"  # not "counting…" forever
    assert "disk I/O error" in browser.message.text()
    assert model.rowCount() == model.FIRST_ROWS and model.card_id(0) is not None
