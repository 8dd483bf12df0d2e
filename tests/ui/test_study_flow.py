"""The main window driven by real key presses: home, study, reveal, grade, undo, summary."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.content.shipped import CHECKLIST, new_today, offered_builtin_decks
from tests.ui.keys import open_window, press
from trainer.core.clock import FixedClock
from trainer.core.session import Phase
from trainer.services.services import Services


def test_the_window_opens_on_the_decks_with_study_now_focused(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = open_window(qtbot, services, data_dir)
    assert "Keeper" in window.windowTitle()
    assert window.rooms.currentWidget() is window.home
    assert window.home.model.rowCount() == 4
    assert QApplication.focusWidget() is window.home.study_now
    assert f"{new_today()} new" in window.home.summary.text()


def test_enter_space_and_digits_study_and_ctrl_z_undoes(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = open_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_Return)
    assert window.rooms.currentWidget() is window.study
    session = window.study.session
    assert session is not None and session.phase is Phase.QUESTION
    assert not window.study.back.isVisible()

    first = session.current
    press(qtbot, Qt.Key.Key_Space)
    assert session.phase is Phase.ANSWER
    assert window.study.back.isVisible()
    assert first is not None and first.back.split()[0].strip("*") in window.study.back.toPlainText()
    assert all(b.isVisible() for b in window.study.grade_buttons.values())
    assert "10m" in window.study.grade_buttons[3].text()  # Good on a new card: 10 minutes

    press(qtbot, Qt.Key.Key_3)
    assert services.stats.collection_stats().reviews == 1
    assert session.current is not None and session.current.id != first.id

    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.stats.collection_stats().reviews == 0
    assert session.current is not None and session.current.id == first.id
    assert session.phase is Phase.QUESTION

    press(qtbot, Qt.Key.Key_Escape)
    assert window.rooms.currentWidget() is window.home


def test_digits_do_nothing_before_the_answer_is_shown(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = open_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_4)
    assert services.stats.collection_stats().reviews == 0
    assert window.study.session is not None and window.study.session.phase is Phase.QUESTION


def test_finishing_a_deck_shows_the_summary_then_home(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = open_window(qtbot, services, data_dir)
    checklist = next(i for i in range(4) if "checklist" in window.home.model.deck_at(i).name)
    window.home.table.selectRow(checklist)
    window.home.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert window.rooms.currentWidget() is window.study
    checklist_new = min(20, offered_builtin_decks()[CHECKLIST])
    for _ in range(checklist_new):
        press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_4 if _ % 2 else Qt.Key.Key_1)  # Easy, Again alternately
    # cards graded Again come back in the session; finish them with Easy
    while window.rooms.currentWidget() is window.study:
        press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_4)
    assert window.rooms.currentWidget() is window.summary
    assert "Cards studied: " in window.summary.studied.text()
    studied = int(window.summary.studied.text().split(": ")[1])
    assert studied == services.stats.collection_stats().reviews >= checklist_new
    assert "Again-rate: " in window.summary.again_rate.text()
    assert window.summary.next_due.text().startswith("Next due in ")
    press(qtbot, Qt.Key.Key_Return)
    assert window.rooms.currentWidget() is window.home
    left = new_today() - checklist_new  # the checklist's new cards for today, learnt
    assert f"Today: {left} new" in window.home.summary.text()


def test_ctrl_q_closes_the_window(qtbot: QtBot, services: Services, data_dir: Path) -> None:
    window = open_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_the_scripted_scenario_leaves_exactly_four_reviews(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    """Enter, five times (Space, 3), Ctrl+Z, Ctrl+Q: `keeper stats --json` reports 4."""
    window = open_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_Return)
    assert window.rooms.currentWidget() is window.study
    for _ in range(5):
        press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_3)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    services.close()
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "--data-dir", str(data_dir), "stats", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout)["reviews"] == 4


def test_a_clock_set_back_is_said_once_on_the_home_and_new_cards_stay_offered(
    qtbot: QtBot, services: Services, data_dir: Path, clock: FixedClock
) -> None:
    window = open_window(qtbot, services, data_dir)
    assert window.home.clock_notice.isHidden()
    press(qtbot, Qt.Key.Key_Return)
    for _ in range(5):
        press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_4)
    clock.advance(-timedelta(days=5))
    window.go_home()
    assert window.home.clock_notice.isVisible()
    assert "clock reads earlier" in window.home.clock_notice.text()
    assert f"{new_today()} new" in window.home.summary.text()  # a new day: nothing counted
    assert window.home.today.isVisible()
    clock.advance(timedelta(days=5, minutes=1))
    window.go_home()
    assert window.home.clock_notice.isHidden()
