"""The browser paints what it has first: a search finding few cards is painted whole at
once; a broad one shows its first rows at once and finds the rest on a thread; the count
shows once it is complete, a newer search drops an older one's late result, and the card
kept stays selected."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.keys import open_window, press
from tests.ui.paint_count import PaintCount
from trainer.core.card_content import card_content
from trainer.core.model import CardId
from trainer.core.search import SearchError
from trainer.services.services import Services
from trainer.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
MAIN = threading.main_thread()
EXTRA = 40  # with the 98 built-in cards: more than the browser's first rows
LATE = 30


@pytest.fixture
def narrow_window(qtbot: QtBot, services: Services, data_dir: Path) -> MainWindow:
    """138 cards: every search finds few (core/browse.WHOLE_LIST_BELOW)."""
    deck = services.decks.create("Extra")
    for number in range(EXTRA):
        services.card_edits.add(deck.id, card_content(f"Extra question {number:02d}", "b", "x"))
    return open_window(qtbot, services, data_dir)


@pytest.fixture
def window(narrow_window: MainWindow, services: Services) -> MainWindow:
    """The same, with a search broad whenever it finds more cards than the first rows (as
    one finding 100 of the first 1,000 cards by front is among 100,000)."""
    services.browse.whole_list_below = 1
    return narrow_window


@pytest.fixture
def late_window(narrow_window: MainWindow, services: Services) -> MainWindow:
    """A deck whose cards all sort past the head of the front order, and more of them than
    the GUI thread sorts (as `deck:"bench deck 0*"` sorted by lapses among 100,000)."""
    deck = services.decks.create("Late")
    for number in range(LATE):
        services.card_edits.add(deck.id, card_content(f"Zz late {number:02d}", "b", "x"))
    services.browse.whole_list_below = LATE - 10
    narrow_window.browser.model.FIRST_ROWS = 5  # the head: the first cards by front, no 'zz'
    return narrow_window


def open_browser(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, Qt.Key.Key_3, CTRL)  # every card: broad, its rest found on the thread
    qtbot.waitUntil(lambda: window.browser.model.complete)


def hold_full_searches(monkeypatch: pytest.MonkeyPatch, services: Services) -> threading.Event:
    """The browser's searches for every card, on its thread, wait until the event is set."""
    release = threading.Event()
    search: Callable[..., list[CardId]] = services.browse.search

    def held(*args: object) -> list[CardId]:
        if threading.current_thread() is not MAIN:
            assert release.wait(30), "the held search was never released"
        return search(*args)

    monkeypatch.setattr(services.browse, "search", held)
    return release


def searches_on_a_thread(monkeypatch: pytest.MonkeyPatch, services: Services) -> list[object]:
    """The queries the browser searched whole on its thread, listed as they start."""
    started: list[object] = []
    search: Callable[..., list[CardId]] = services.browse.search

    def listed(*args: object) -> list[CardId]:
        if threading.current_thread() is not MAIN:
            started.append(args[0])
        return search(*args)

    monkeypatch.setattr(services.browse, "search", listed)
    return started


def search_for(qtbot: QtBot, window: MainWindow, text: str) -> None:
    press(qtbot, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.browser.search, text)
    press(qtbot, Qt.Key.Key_Return)


def shown_ids(window: MainWindow) -> list[CardId]:
    model = window.browser.model
    return [card_id for row in range(model.rowCount()) if (card_id := model.card_id(row))]


def test_a_search_finding_few_cards_is_painted_whole_at_once_with_its_count(
    qtbot: QtBot, narrow_window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = narrow_window
    on_thread = searches_on_a_thread(monkeypatch, services)
    press(qtbot, Qt.Key.Key_3, CTRL)  # every card: more than the first rows, yet few
    browser, model = window.browser, window.browser.model
    total = 98 + EXTRA
    assert model.complete and model.rowCount() == total > model.FIRST_ROWS
    assert browser.count.text().startswith(f"{total:,} cards · ")
    assert shown_ids(window) == services.browse.search("")
    search_for(qtbot, window, "extra question")
    assert model.complete and shown_ids(window) == services.browse.search("extra question")
    assert browser.count.text().startswith(f"{EXTRA} cards · ")
    press(qtbot, Qt.Key.Key_End, CTRL)
    assert browser.table.currentIndex().row() == EXTRA - 1
    assert on_thread == []  # found once, on the spot: nothing searched again behind it


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
    window.browser.table.viewport().repaint()  # its first rows painted: the rest is sought
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
        if threading.current_thread() is not MAIN:  # the whole list
            raise OSError("disk I/O error")
        return search(*args)

    monkeypatch.setattr(services.browse, "search", locked)
    browser, model = window.browser, window.browser.model
    with qtbot.waitSignal(model.failed, timeout=10_000):
        press(qtbot, Qt.Key.Key_3, CTRL)
    assert browser.count.text() == f"{model.FIRST_ROWS}+ cards"  # not "counting…" forever
    assert "disk I/O error" in browser.message.text()
    assert model.rowCount() == model.FIRST_ROWS and model.card_id(0) is not None


def test_the_rest_of_a_broad_search_is_sought_only_once_its_first_rows_are_painted(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The thread finding the rest holds Python's lock for most of its work: started before
    the first rows were painted, it made the paint wait for it (10-30 ms at 100,000 cards)."""
    paints = PaintCount()
    window.browser.table.viewport().installEventFilter(paints)
    search: Callable[..., list[CardId]] = services.browse.search
    paints_when_sought: list[int] = []

    def counted(*args: object) -> list[CardId]:
        if threading.current_thread() is not MAIN:
            paints_when_sought.append(paints.count)
        return search(*args)

    monkeypatch.setattr(services.browse, "search", counted)
    model = window.browser.model
    paints.count = 0
    with qtbot.waitSignal(model.completed, timeout=10_000):
        press(qtbot, Qt.Key.Key_3, CTRL)
    assert len(paints_when_sought) == 1 and paints_when_sought[0] >= 1
    assert model.rowCount() == 98 + EXTRA


def test_a_search_whose_cards_all_sort_late_is_found_off_the_window_thread(
    qtbot: QtBot, late_window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Showing its first rows at once would mean sorting every card it finds on the window
    thread: it shows none and says it is searching until the thread has found them all."""
    open_browser(qtbot, late_window)
    release = hold_full_searches(monkeypatch, services)
    on_thread = searches_on_a_thread(monkeypatch, services)
    browser, model = late_window.browser, late_window.browser.model
    search_for(qtbot, late_window, "deck:Late")
    assert model.rowCount() == 0 and not model.complete
    assert browser.count.text() == "Searching…"
    with qtbot.waitSignal(model.completed, timeout=10_000):
        release.set()
    assert on_thread == ["deck:Late"]
    assert shown_ids(late_window) == services.browse.search("deck:Late")
    assert model.rowCount() == LATE and model.index(0, 0).data() == "Zz late 00"
    assert browser.count.text().startswith(f"{LATE} cards · ")
    press(qtbot, Qt.Key.Key_End, CTRL)
    assert browser.table.currentIndex().row() == LATE - 1


def test_a_search_left_to_the_thread_shows_its_first_rows_before_its_whole_list(
    qtbot: QtBot, late_window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its whole list can take the thread a quarter of a second and more at 100,000 cards
    (every card found, sorted): its first rows come first, and the keys work on them."""
    open_browser(qtbot, late_window)
    release = hold_full_searches(monkeypatch, services)
    browser, model = late_window.browser, late_window.browser.model
    with qtbot.waitSignal(model.headed, timeout=10_000):
        search_for(qtbot, late_window, "deck:Late")
    first = model.FIRST_ROWS
    assert shown_ids(late_window) == services.browse.search("deck:Late")[:first]
    assert not model.complete and browser.count.text() == f"{first}+ cards · counting…"
    assert browser.table.currentIndex().row() == 0
    assert browser.editor.front.toPlainText() == "Zz late 00"
    press(qtbot, Qt.Key.Key_Down)
    with qtbot.waitSignal(model.completed, timeout=10_000):
        release.set()
    assert model.rowCount() == LATE and browser.count.text().startswith(f"{LATE} cards · ")
    assert browser.table.currentIndex().row() == 1  # the row chosen stays chosen


def test_when_a_search_left_to_the_thread_cannot_be_found_the_browser_says_so(
    qtbot: QtBot, late_window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*_args: object) -> list[CardId]:
        assert threading.current_thread() is not MAIN
        raise SearchError("the search is too complex: use fewer terms or parentheses")

    open_browser(qtbot, late_window)
    monkeypatch.setattr(services.browse, "top", refused)  # its first rows, then its whole list
    monkeypatch.setattr(services.browse, "search", refused)
    browser, model = late_window.browser, late_window.browser.model
    with qtbot.waitSignal(model.failed, timeout=10_000):
        search_for(qtbot, late_window, "deck:Late")
    assert model.rowCount() == 0
    assert browser.count.text() == "Search failed"  # not "Searching…" forever
    said = browser.message.text()
    assert "the search is too complex" in said and "\n" not in said
