"""The card browser driven from the keyboard: add, edit, suspend, move, delete, each undone
with Ctrl+Z; searching; Ctrl+N from another room."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from trainer.core.cards import Rating
from trainer.core.model import CardId
from trainer.services.services import Services
from trainer.ui.card_table_view import FRONT_MIN
from trainer.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, services: Services, data_dir: Path) -> MainWindow:
    opened = MainWindow(services, data_dir)
    qtbot.addWidget(opened)
    opened.show()
    opened.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return opened


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def answer_next_dialog(qtbot: QtBot, *keys: Qt.Key) -> list[str]:
    """Press `keys` in the next modal dialog once it opens; returns its title when done."""
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if dialog is None or focus is None or not dialog.isAncestorOf(focus):
            QTimer.singleShot(20, answer)  # not open, or not yet focused
            return
        seen.append(dialog.windowTitle())
        for key in keys:
            qtbot.keyClick(focused(), key)

    QTimer.singleShot(0, answer)
    return seen


def open_browser(qtbot: QtBot, window: MainWindow) -> None:
    press(qtbot, Qt.Key.Key_3, CTRL)
    assert window.rooms.currentWidget() is window.browser
    qtbot.waitUntil(lambda: window.browser.table.hasFocus())


def current_id(window: MainWindow) -> CardId | None:
    return window.browser.model.card_id(window.browser.table.currentIndex().row())


def test_ctrl_n_from_home_adds_a_card_and_ctrl_z_takes_it_back(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    assert window.rooms.currentWidget() is window.home
    before = services.stats.collection_stats().cards
    press(qtbot, Qt.Key.Key_N, CTRL)
    browser = window.browser
    assert window.rooms.currentWidget() is browser
    assert browser.editor.is_new and focused() is browser.editor.front
    type_text(qtbot, "What is a **monad**?")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is browser.editor.back
    type_text(qtbot, "A monoid in the category of endofunctors.")
    assert "endofunctors" in browser.editor.preview.toPlainText()  # the live preview
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is browser.editor.tags
    type_text(qtbot, "fp haskell")
    press(qtbot, Qt.Key.Key_S, CTRL)

    [added] = services.browse.search("monad")
    card = services.browse.card(added)
    assert card is not None and card.tags == ("fp", "haskell")
    assert services.stats.collection_stats().cards == before + 1
    assert current_id(window) == added and focused() is browser.table
    assert "Added a card" in browser.message.text()

    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert services.browse.search("monad") == []
    assert "Undone: Add card" in browser.message.text()
    assert services.stats.collection_stats().cards == before


def test_an_empty_back_is_refused_with_the_field_named(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    open_browser(qtbot, window)
    press(qtbot, Qt.Key.Key_N, CTRL)
    type_text(qtbot, "Only a question")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert "back is empty" in window.browser.editor.error.text().lower()
    assert focused() is window.browser.editor.back
    assert services.browse.search('"only a question"') == []
    press(qtbot, Qt.Key.Key_Escape)  # cancels the new card
    assert not window.browser.editor.is_new and focused() is window.browser.table


def test_edit_with_f2_then_undo(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    open_browser(qtbot, window)
    press(qtbot, Qt.Key.Key_Down)
    card_id = current_id(window)
    assert card_id is not None
    before = services.browse.card(card_id)
    assert before is not None and not before.edited_by_user
    press(qtbot, Qt.Key.Key_F2)
    assert focused() is window.browser.editor.front
    type_text(qtbot, " (edited)")
    press(qtbot, Qt.Key.Key_S, CTRL)
    after = services.browse.card(card_id)
    assert after is not None and after.front == before.front + " (edited)"
    assert after.edited_by_user  # built-in updates now leave it alone
    row = window.browser.table.currentIndex().row()
    assert window.browser.model.summary(row) == services.browse.rows([card_id])[0]  # re-read

    press(qtbot, Qt.Key.Key_Escape)  # back to the table
    assert focused() is window.browser.table
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert services.browse.card(card_id) == before
    assert window.browser.editor.front.toPlainText() == before.front


def test_moving_away_saves_what_was_typed(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    open_browser(qtbot, window)
    card_id = current_id(window)
    assert card_id is not None
    press(qtbot, Qt.Key.Key_F2)
    type_text(qtbot, " typed")
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Down)
    card = services.browse.card(card_id)
    assert card is not None and card.front.endswith(" typed")


def test_suspend_and_unsuspend_with_ctrl_j_and_undo(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    open_browser(qtbot, window)
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # two rows
    ids = window.browser.rows.selected_ids()
    assert len(ids) == 2
    press(qtbot, Qt.Key.Key_J, CTRL)
    assert set(services.browse.search("is:suspended")) == set(ids)
    assert "Suspend 2 cards" in window.browser.message.text()
    row = window.browser.model.row_of(ids[0])
    shown = window.browser.model.data(window.browser.model.index(row, 3))
    assert shown.split(" · ")[0] == "Suspended"  # a cloze card says its gap after it
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert services.browse.search("is:suspended") == []
    press(qtbot, Qt.Key.Key_J, CTRL)
    press(qtbot, Qt.Key.Key_J, CTRL)  # all suspended: unsuspends
    assert services.browse.search("is:suspended") == []


def test_move_to_another_deck_with_ctrl_d_and_undo(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    open_browser(qtbot, window)
    card_id = current_id(window)
    card = services.browse.card(card_id)  # type: ignore[arg-type]
    assert card is not None
    decks = services.decks.decks()
    start = next(i for i, deck in enumerate(decks) if deck.id == card.deck_id)
    target = decks[(start + 1) % len(decks)]
    key = Qt.Key.Key_Down if start + 1 < len(decks) else Qt.Key.Key_Home
    titles = answer_next_dialog(qtbot, key, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_D, CTRL)
    assert titles == ["Move"]
    moved = services.browse.card(card.id)
    assert moved is not None and moved.deck_id == target.id
    assert f"to {target.name}" in window.browser.message.text()
    window.activateWindow()  # a window manager does this when a dialog closes
    qtbot.waitUntil(window.browser.table.hasFocus)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert services.browse.card(card.id) == card


def test_delete_with_the_delete_key_and_undo_brings_back_the_history(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    session = services.study.start_session()
    studied = session.current
    assert studied is not None
    session.reveal()
    services.study.record(session.grade(Rating.GOOD))
    open_browser(qtbot, window)
    browser = window.browser
    browser.search.setFocus()
    type_text(qtbot, "is:learning")
    press(qtbot, Qt.Key.Key_Return)
    assert browser.model.rowCount() == 1 and focused() is browser.table
    assert current_id(window) == studied.id
    press(qtbot, Qt.Key.Key_Delete)
    assert services.browse.card(studied.id) is None
    assert browser.model.rowCount() == 0
    assert services.stats.collection_stats().reviews == 0
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert services.browse.card(studied.id) is not None
    assert services.stats.collection_stats().reviews == 1
    assert browser.model.rowCount() == 1 and current_id(window) == studied.id


def test_searching_from_the_keyboard(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    open_browser(qtbot, window)
    browser = window.browser
    total = browser.model.rowCount()
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is browser.search
    type_text(qtbot, "tag:faq -is:suspended")
    press(qtbot, Qt.Key.Key_Return)
    assert browser.model.rowCount() == len(services.browse.search("tag:faq"))
    assert 0 < browser.model.rowCount() < total
    assert "cards ·" in browser.count.text()
    browser.search.setFocus()
    type_text(qtbot, " is:nonsense")
    press(qtbot, Qt.Key.Key_Return)
    assert "Search: is:nonsense is not known" in browser.message.text()
    press(qtbot, Qt.Key.Key_F, CTRL)
    press(qtbot, Qt.Key.Key_Escape)  # clears the search
    assert browser.search.text() == "" and browser.model.rowCount() == total
    press(qtbot, Qt.Key.Key_Escape)
    press(qtbot, Qt.Key.Key_Escape)  # from the table: back to the decks
    assert window.rooms.currentWidget() is window.home


def test_clicking_a_header_sorts_in_sql(qtbot: QtBot, window: MainWindow) -> None:
    open_browser(qtbot, window)
    browser = window.browser
    header = browser.table.horizontalHeader()
    header.setSortIndicator(6, Qt.SortOrder.DescendingOrder)  # lapses
    assert browser.model.sort_column == "lapses" and browser.model.descending
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    fronts = [browser.model.summary(row).front.lower() for row in range(5)]  # type: ignore[union-attr]
    assert fronts == sorted(fronts)


def column_widths(window: MainWindow) -> list[int]:
    header = window.browser.table.horizontalHeader()
    return [header.sectionSize(column) for column in range(header.count())]


def test_the_front_column_stays_readable_in_the_default_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    """At the window's first size (980 x 680) the other columns used to leave the front
    about 40 px; they now narrow first and the front keeps at least 200 px. In a wide window
    every column has its natural width and the front fills the rest."""
    open_browser(qtbot, window)
    table = window.browser.table
    qtbot.waitUntil(lambda: column_widths(window)[0] >= FRONT_MIN)
    narrow = column_widths(window)
    assert narrow[0] >= FRONT_MIN  # the others squeeze (and the least needed step out)
    assert all(
        width < natural for width, natural in zip(narrow[1:], table._natural_widths, strict=True)
    )
    window.resize(1600, 800)
    qtbot.waitUntil(lambda: column_widths(window)[1:] == table._natural_widths)
    wide = column_widths(window)
    assert sum(wide) == table.viewport().width() and wide[0] > 400
    qtbot.waitUntil(lambda: not table.horizontalScrollBar().isVisible())


def test_a_column_resized_by_hand_keeps_its_width(qtbot: QtBot, window: MainWindow) -> None:
    open_browser(qtbot, window)
    header = window.browser.table.horizontalHeader()
    header.resizeSection(1, 260)  # as dragging the Deck column's edge does
    window.resize(1600, 800)
    qtbot.wait(50)
    assert column_widths(window)[1] == 260


def test_at_the_first_window_size_the_table_shows_whole_columns_without_scrolling_sideways(
    qtbot: QtBot, window: MainWindow
) -> None:
    """At 980 x 680 the last columns used to run off the table's right edge behind a
    sideways scroll bar; the least needed ones (lapses, then interval) step out instead,
    and come back when the window is wide enough."""
    open_browser(qtbot, window)
    table = window.browser.table
    QApplication.processEvents()
    assert not table.horizontalScrollBar().isVisible()
    shown = [c for c in range(table.model().columnCount()) if not table.isColumnHidden(c)]
    assert {0, 1, 3, 4} <= set(shown)  # front, deck, state and due stay
    assert sum(table.columnWidth(c) for c in shown) <= table.viewport().width()
    window.resize(1600, 800)
    qtbot.waitUntil(lambda: not any(table.isColumnHidden(c) for c in range(7)))
    assert not table.horizontalScrollBar().isVisible()


def test_typing_in_the_table_searches_instead_of_jumping_between_rows(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    """An Anki user types to search: the letters go to the search box, not to Qt's
    jump-to-a-row-starting-with, which moved the selection and left the search empty."""
    open_browser(qtbot, window)
    browser = window.browser
    for letter in "talent":  # each to whatever has focus, as a person types
        qtbot.keyClicks(QApplication.focusWidget(), letter)
    assert browser.search.text() == "talent"
    assert browser.search.hasFocus()
    press(qtbot, Qt.Key.Key_Return)  # Enter runs it and goes back to the rows
    qtbot.waitUntil(browser.table.hasFocus)
    shown = [browser.model.card_id(row) for row in range(browser.model.rowCount())]
    assert shown and sorted(shown) == sorted(services.browse.search("talent"))
