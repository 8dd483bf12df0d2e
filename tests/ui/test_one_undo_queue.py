"""One undo queue across the rooms: an import, two grades and a browser edit, undone with
Ctrl+Z four times, leave the collection exactly as it was before the import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.collection_content import collection_content
from tests.ui.keys import open_window, press
from trainer.core.clock import FixedClock
from trainer.core.session import Phase
from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck
from trainer.exchange.keeper_file import write_keeper
from trainer.services.browse_service import BrowseService
from trainer.services.services import Services
from trainer.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
DECK = BundleDeck("deck:shared", "Shared systems", "From a friend")


def shared_deck(path: Path, clock: FixedClock) -> Path:
    cards = tuple(
        BundleCard(f"shared:{n}", DECK.guid, f"Shared question {n}?", f"Answer {n}", ("shared",))
        for n in range(3)
    )
    write_keeper(path, Bundle(decks=(DECK,), cards=cards), clock())
    return path


def test_import_two_grades_and_an_edit_are_undone_to_the_exact_collection(
    qtbot: QtBot, services: Services, data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    before_import = collection_content(services.database.path)
    window = open_window(qtbot, services, data_dir)
    services.exchange.import_file(shared_deck(tmp_path / "shared.keeper", clock))
    assert window.undo_action.text() == "&Undo Import shared.keeper"

    window.start_study(services.decks.named(DECK.name).id)
    for _ in range(2):  # two cards graded Good
        press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_3)
    assert window.study.session is not None and window.study.session.summary().studied == 2
    assert window.undo_action.text().startswith("&Undo Grade Good on “Shared question")

    press(qtbot, Qt.Key.Key_3, CTRL)  # the browser, through its real widgets
    browser = window.browser
    qtbot.waitUntil(browser.table.hasFocus)
    browser.search.setText("shared")
    browser.run_search()
    browser.table.setFocus()
    press(qtbot, Qt.Key.Key_F2)
    qtbot.keyClicks(browser.editor.front, " (edited)")
    press(qtbot, Qt.Key.Key_S, CTRL)
    assert services.browse.search('"(edited)"')
    press(qtbot, Qt.Key.Key_Escape)  # back to the table, where Ctrl+Z undoes actions
    assert browser.table.hasFocus()

    undone = []
    for _ in range(4):
        press(qtbot, Qt.Key.Key_Z, CTRL)
        undone.append(browser.message.text())
    assert undone[0] == "Undone: Edit card."
    assert undone[1].startswith("Undone: Grade Good on") and undone[2].startswith("Undone: Grade")
    assert undone[3] == "Undone: Import shared.keeper."
    assert collection_content(services.database.path) == before_import
    assert browser.model.rowCount() == 0  # the imported cards left the browser too
    assert window.study.session.summary().studied == 0  # the grades left the session
    assert window.study.session.phase is Phase.QUESTION
    assert not window.undo_action.isEnabled()


def test_an_edit_in_the_browser_rereads_its_row_without_searching_again(
    qtbot: QtBot, services: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_3, CTRL)
    browser = window.browser
    qtbot.waitUntil(browser.table.hasFocus)
    press(qtbot, Qt.Key.Key_Down)
    searches: list[str] = []
    search = BrowseService.first_rows  # what the browser searches with (ui/card_table_model)
    monkeypatch.setattr(
        BrowseService,
        "first_rows",
        lambda self, query, *a: searches.append(query) or search(self, query, *a),
    )
    row = browser.table.currentIndex().row()
    press(qtbot, Qt.Key.Key_J, CTRL)  # suspend: the row turns, the rows stay
    summary = browser.model.summary(row)
    assert summary is not None and summary.suspended
    press(qtbot, Qt.Key.Key_Z, CTRL)
    summary = browser.model.summary(row)
    assert summary is not None and not summary.suspended
    assert searches == []
    press(qtbot, Qt.Key.Key_Delete)  # a card goes: now the rows are searched again
    assert len(searches) == 1


def test_edit_menu_undo_names_the_step_and_works_on_the_home_screen(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = open_window(qtbot, services, data_dir)
    assert not window.undo_action.isEnabled()
    deck = services.decks.create("Fresh deck")
    assert window.undo_action.text() == "&Undo Create deck Fresh deck"
    assert deck.name in home_decks(window)  # the home screen re-read its decks
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert all(d.name != "Fresh deck" for d in services.decks.decks())
    assert deck.name not in home_decks(window)
    assert not window.undo_action.isEnabled()


def home_decks(window: MainWindow) -> list[str]:
    model = window.home.model
    return [deck.name for row in range(model.rowCount()) if (deck := model.deck_at(row))]


def test_ctrl_z_on_the_summary_takes_the_last_grade_back_to_its_card(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    from trainer.core.cards import NewCard

    services.card_edits.add_cards("Solo", [NewCard(front="Capital of Peru?", back="Lima")])
    window = open_window(qtbot, services, data_dir)
    window.start_study(services.decks.named("Solo").id)
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_4)  # Easy: the card graduates, the session is over
    assert window.rooms.currentWidget() is window.summary
    assert window.undo_action.text() == "&Undo Grade Easy on “Capital of Peru?”"
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.rooms.currentWidget() is window.study
    session = window.study.session
    assert session is not None and session.phase is Phase.QUESTION
    assert "Capital of Peru?" in window.study.front.toPlainText()
    assert services.stats.collection_stats().reviews == 0
    assert window.undo_action.text() == "&Undo Add 1 card to Solo"


def test_an_undo_label_naming_a_card_shows_its_text_as_typed(
    qtbot: QtBot, services: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from trainer.core.cards import NewCard
    from trainer.storage.review_repository import ReviewRepository

    services.card_edits.add_cards("Tags", [NewCard(front="What does <b> do?", back="Bold")])
    window = open_window(qtbot, services, data_dir)
    window.start_study(services.decks.named("Tags").id)
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_1)  # Again: the card comes back in this session

    def locked(self: ReviewRepository, *args: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(ReviewRepository, "remove", locked)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    problem = window.study.problem
    assert "What does <b> do?" in problem.text() and "not undone" in problem.text()
    assert problem.textFormat() == Qt.TextFormat.PlainText  # the card's text, not markup
