"""Study now gathers its session on a worker thread with the garbage collector's automatic
runs paused: at 100,000 cards with an interview date, the plan's full collections (20-70 ms
each, holding the GIL) froze the window while it waited for the session."""

from __future__ import annotations

import gc
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.keys import open_window, press
from trainer.core.clock import FixedClock
from trainer.core.study_days import study_date
from trainer.services.services import Services


@pytest.mark.parametrize("interview", [True, False])
def test_study_now_gathers_its_cards_with_the_collector_paused(
    qtbot: QtBot,
    services: Services,
    data_dir: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    interview: bool,
) -> None:
    if interview:
        today = study_date(clock(), services.plan.zone)
        services.plan.set_interview_date(today + timedelta(days=20))
    seen: list[tuple[bool, bool]] = []
    start_session = services.study.start_session

    def recorded(*args: object) -> object:
        seen.append((threading.current_thread() is threading.main_thread(), gc.isenabled()))
        return start_session(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(services.study, "start_session", recorded)
    window = open_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_Return)  # Study now
    qtbot.waitUntil(lambda: window.showing(window._study), timeout=30_000)
    assert window.study.session is not None and window.study.session.current is not None
    assert seen == [(False, False)], "on a worker, the collector paused"
    assert gc.isenabled(), "and on again afterwards"
