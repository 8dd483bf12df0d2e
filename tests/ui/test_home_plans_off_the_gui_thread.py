"""With an interview date, the home's counts are today's plan, made once a study day (half a
second and more at 100,000 cards) and read back at each refresh (40-120 ms): the home paints
the decks as due at once, says the plan's counts are coming, and shows them when the thread
is done."""

from __future__ import annotations

import gc
import threading
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.history_builder import build_history
from trainer.core.clock import FixedClock
from trainer.core.study_days import study_date
from trainer.services.services import Services
from trainer.ui.main_window import MainWindow


def test_the_home_shows_the_decks_while_the_day_plan_is_made_then_the_plan(
    qtbot: QtBot, services: Services, data_dir: Path, clock: FixedClock
) -> None:
    today = study_date(clock(), services.plan.zone)
    services.plan.set_interview_date(today + timedelta(days=20))
    window = MainWindow(services, data_dir)  # its first refresh starts the plan's thread
    qtbot.addWidget(window)
    window.show()
    first = window.home.summary.text()
    qtbot.waitUntil(lambda: window.home.summary.text().startswith("Today:"), timeout=30_000)
    QApplication.processEvents()
    assert first.startswith("Planning today's reviews for your interview")
    planned = services.study.overview()
    shown = window.home.model.rowCount()
    assert shown == len(planned)
    assert window.home.summary.text().startswith(f"Today: {sum(d.new for d in planned)} new")
    window.go_home()  # the plan is kept: read back on a thread too
    qtbot.waitUntil(lambda: window.home.summary.text().startswith("Today:"), timeout=30_000)


def test_the_day_plan_is_made_with_the_garbage_collector_paused(
    qtbot: QtBot,
    services: Services,
    data_dir: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At 100,000 cards the planner's full collections (20-70 ms each, holding the GIL)
    froze the home while the plan was made on its thread."""
    today = study_date(clock(), services.plan.zone)
    services.plan.set_interview_date(today + timedelta(days=20))
    seen: list[tuple[bool, bool]] = []
    counts = services.plan.todays_counts

    def recorded() -> object:
        seen.append((threading.current_thread() is threading.main_thread(), gc.isenabled()))
        return counts()

    monkeypatch.setattr(services.plan, "todays_counts", recorded)
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.home.summary.text().startswith("Today:"), timeout=30_000)
    assert seen[0] == (False, False)
    assert gc.isenabled()


def shown_counts(window: MainWindow) -> list[tuple[str, int, int, int]]:
    model = window.home.model
    return [
        (str(model.index(row, 0).data()), *(int(model.index(row, c).data()) for c in (2, 3, 4)))
        for row in range(model.rowCount())
    ]


def expected_counts(services: Services) -> list[tuple[str, int, int, int]]:
    return [(d.name, d.new, d.learning, d.reviews) for d in services.study.overview()]


def planned_history(services: Services, clock: FixedClock) -> None:
    for service in (services.study, services.plan, services.stats):
        service.zone = UTC
    build_history(services, clock.now, extra_cards=120, days=40, stop_before=timedelta(days=2))
    services.plan.set_interview_date(study_date(clock.now, UTC) + timedelta(days=14))
    services.plan.todays_counts()  # today's plan made and kept


def test_back_from_a_session_the_home_reads_the_plans_counts_off_the_gui_thread(
    qtbot: QtBot,
    services: Services,
    data_dir: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The plan kept, reading what it has left (40-120 ms at 100,000 cards) froze the home
    at each refresh; the counts shown once they land are the ones after the session."""
    planned_history(services, clock)
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.home.summary.text().startswith("Today:"), timeout=30_000)
    before = shown_counts(window)
    assert before == expected_counts(services)
    on_gui_thread: list[bool] = []
    counts = services.plan.todays_counts

    def recorded() -> object:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return counts()

    monkeypatch.setattr(services.plan, "todays_counts", recorded)
    qtbot.keyClick(window.home.study_now, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.showing(window.study), timeout=30_000)
    for _ in range(3):
        qtbot.keyClick(window.study, Qt.Key.Key_Space)
        qtbot.keyClick(window.study, Qt.Key.Key_3)
    qtbot.keyClick(window.study, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.showing(window.home)
    qtbot.waitUntil(lambda: window.home.summary.text().startswith("Today:"), timeout=30_000)
    QApplication.processEvents()
    assert on_gui_thread and not any(on_gui_thread)
    after = expected_counts(services)
    assert after != before
    assert shown_counts(window) == after


def test_a_plan_that_cannot_be_read_leaves_the_counts_as_due_and_says_why(
    qtbot: QtBot,
    services: Services,
    data_dir: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    planned_history(services, clock)

    def broken() -> object:
        raise OSError("disk I/O error")

    monkeypatch.setattr(services.plan, "todays_counts", broken)
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "could not be planned" in window.home.summary.text(), timeout=30_000)
    assert "disk I/O error" in window.home.summary.text()
    as_due = [(d.name, d.new, d.learning, d.reviews) for d in services.study.overview(False)]
    assert shown_counts(window) == as_due
