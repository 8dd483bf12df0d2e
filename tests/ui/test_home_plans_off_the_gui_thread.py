"""With an interview date, the home's counts are today's plan, made once a study day (half a
second and more at 100,000 cards): the home paints the decks as due at once, says the plan
is being made, and shows the plan's counts when the thread is done."""

from __future__ import annotations

import gc
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trainer.core.clock import FixedClock
from trainer.core.study_days import study_date
from trainer.services.services import Services
from trainer.ui.main_window import MainWindow


def test_the_home_shows_the_decks_while_the_day_plan_is_made_then_the_plan(
    qtbot: QtBot, services: Services, data_dir: Path, clock: FixedClock
) -> None:
    today = study_date(clock(), services.plan.zone)
    services.plan.set_interview_date(today + timedelta(days=20))
    assert services.plan.day_plan_pending()
    window = MainWindow(services, data_dir)  # its first refresh starts the plan's thread
    qtbot.addWidget(window)
    window.show()
    first = window.home.summary.text()
    qtbot.waitUntil(lambda: not services.plan.day_plan_pending(), timeout=30_000)
    qtbot.waitUntil(lambda: window.home.summary.text().startswith("Today:"), timeout=30_000)
    QApplication.processEvents()
    assert first.startswith("Planning today's reviews for your interview")
    planned = services.study.overview()
    shown = window.home.model.rowCount()
    assert shown == len(planned)
    assert window.home.summary.text().startswith(f"Today: {sum(d.new for d in planned)} new")
    window.go_home()  # the plan is kept: no second thread, the counts at once
    assert window.home.summary.text().startswith("Today:")


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
