"""The end of a session takes an explicit key to leave: keys pressed out of habit after the
last card (Space, 1-4) neither start a new session nor grade anything."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.content.shipped import (
    CHECKLIST,
    checklist_finishable_today,
    offered_builtin_decks,
)
from tests.ui.keys import open_window, press
from trainer.services.services import Services
from trainer.ui.main_window import MainWindow


def finish_the_checklist(
    qtbot: QtBot, services: Services, data_dir: Path, first: Qt.Key = Qt.Key.Key_4
) -> MainWindow:
    """Study the checklist to its end: `first` for each card's first answer, then Easy."""
    checklist_finishable_today(services)
    window = open_window(qtbot, services, data_dir)
    checklist = next(i for i in range(4) if "checklist" in window.home.model.deck_at(i).name)
    window.home.table.selectRow(checklist)
    window.home.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    seen: set[int] = set()
    while window.rooms.currentWidget() is window.study:
        session = window.study.session
        assert session is not None and session.current is not None
        card = session.current.id
        press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_4 if card in seen else first)
        seen.add(card)
    assert window.rooms.currentWidget() is window.summary
    return window


def test_space_twice_and_digits_after_the_summary_start_nothing(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = finish_the_checklist(qtbot, services, data_dir)
    reviews = services.stats.collection_stats().reviews
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Space, Qt.Key.Key_3, Qt.Key.Key_1, Qt.Key.Key_Space):
        press(qtbot, key)
    assert window.rooms.currentWidget() is window.summary
    assert services.stats.collection_stats().reviews == reviews


def test_enter_or_escape_leaves_the_summary_for_the_decks(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = finish_the_checklist(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_Escape)
    assert window.rooms.currentWidget() is window.home


def test_the_summary_counts_each_grade(qtbot: QtBot, services: Services, data_dir: Path) -> None:
    window = finish_the_checklist(qtbot, services, data_dir)  # every card graded Easy
    studied = int(window.summary.studied.text().split(": ")[1])
    assert window.summary.grades.text() == f"Again 0 · Hard 0 · Good 0 · Easy {studied}"


def test_a_finished_deck_is_no_dead_end(qtbot: QtBot, services: Services, data_dir: Path) -> None:
    window = finish_the_checklist(qtbot, services, data_dir)  # every card Easy: days away
    press(qtbot, Qt.Key.Key_Return)  # back to the decks; the checklist is done for today
    checklist = next(i for i in range(4) if "checklist" in window.home.model.deck_at(i).name)
    window.home.table.selectRow(checklist)
    window.home.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)  # study it again
    assert window.rooms.currentWidget() is window.summary
    assert window.summary.heading.text() == "Nothing left to study today in Preparation checklist"
    assert "in Preparation checklist" in window.summary.next_due.text()
    press(qtbot, Qt.Key.Key_F)  # nothing was forgotten: said, and the room stays
    assert window.rooms.currentWidget() is window.summary
    assert window.summary.notice.text() == "Nothing to study that way now."
    press(qtbot, Qt.Key.Key_N)  # the checklist has no new card left either
    assert window.rooms.currentWidget() is window.summary


def test_forgotten_cards_can_be_studied_again_the_same_day(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = finish_the_checklist(qtbot, services, data_dir, first=Qt.Key.Key_1)
    press(qtbot, Qt.Key.Key_F)
    assert window.rooms.currentWidget() is window.study
    session = window.study.session
    cards = offered_builtin_decks()[CHECKLIST]  # cloze siblings wait for another day
    assert session is not None and session.remaining == cards  # each forgotten once, today


def test_cards_left_over_are_due_now_not_at_a_past_date(qtbot: QtBot) -> None:
    from datetime import UTC, datetime, timedelta

    from trainer.core.session import SessionSummary
    from trainer.ui.summary_view import SummaryView

    view = SummaryView()
    qtbot.addWidget(view)
    now = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)
    view.show_summary(SessionSummary(6, 1, 60.0), now - timedelta(days=4), "FAQ", now)
    assert view.next_due.text() == "Next due in FAQ: now"
