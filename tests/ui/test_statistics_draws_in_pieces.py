"""The statistics room shows at once and draws what it read in pieces: at 100,000 cards and
a million reviews it froze the window while it read (its worker's Python and garbage
collections held the GIL) and then while it built seven charts and the heat map in one go.
Now the read runs on a thread the window does not wait for, and the page shows its numbers
first, then one chart per turn of the event loop; keys work throughout."""

from __future__ import annotations

import gc
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCharts import QChartView
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.history_builder import build_history
from tests.ui.keys import open_window, press
from tests.ui.paint_count import PaintCount
from trainer.core.clock import FixedClock
from trainer.core.study_days import study_date
from trainer.services.services import Services
from trainer.ui.statistics.optimizer_page import OptimizerPage
from trainer.ui.statistics.plan_page import PlanPage
from trainer.ui.statistics.statistics_view import PLAN, PROGRESS, StatisticsView

CHARTS = 6  # reviews, forecast, retention, states, stability, difficulty
GUARD_MS = 5_000  # lets a read the room waits for go on, so a failing test does not hang


@pytest.fixture
def studied(services: Services, clock: FixedClock) -> Services:
    build_history(services, clock.now, days=60, extra_cards=40)
    return services


def hold_the_report(services: Services, monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The statistics report waits for the returned event (or GUARD_MS) before it reads."""
    return hold(services.stats, "report", monkeypatch)[1]


def hold(
    service: object, name: str, monkeypatch: pytest.MonkeyPatch, *, after: bool = False
) -> tuple[threading.Event, threading.Event]:
    """`service.name` waits on a worker thread for the second event (or GUARD_MS) before it
    reads (`after`: once it has read); the first event is set once it waits."""
    reached, release = threading.Event(), threading.Event()
    read = getattr(service, name)

    def held(*args: object) -> object:
        value = read(*args) if after else None
        if threading.current_thread() is not threading.main_thread():
            reached.set()
            release.wait(GUARD_MS / 1000)
        return value if after else read(*args)

    monkeypatch.setattr(service, name, held)
    QTimer.singleShot(GUARD_MS, release.set)
    return reached, release


def drawn(qtbot: QtBot, room: StatisticsView) -> None:
    qtbot.waitUntil(lambda: not room.drawing, timeout=20_000)
    QApplication.processEvents()  # the charts a new drawing replaced are deleted


def chart_views(room: StatisticsView) -> list[QWidget]:
    return room.progress.findChildren(QChartView)


def test_the_room_shows_at_once_says_it_is_reading_and_takes_keys_meanwhile(
    qtbot: QtBot, studied: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = hold_the_report(studied, monkeypatch)
    window = open_window(qtbot, studied, data_dir)
    press(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    room = window.statistics
    assert window.showing(room)
    assert room.reading.isVisible()  # before: the window waited in the read until here
    assert room.progress.tiles["today"].value.text() == "-"
    assert room.progress.empty.isHidden()  # not "No reviews yet" while they are read
    assert room.progress.retention_table.isHidden()
    assert room.findChildren(PlanPage) == []  # a hidden page is built when first needed
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert room.tabs.currentIndex() == PLAN
    assert room.findChildren(PlanPage) == [room.plan]
    assert room.plan.isVisible()
    press(qtbot, Qt.Key.Key_Escape)
    assert window.showing(window.home)
    release.set()
    drawn(qtbot, room)
    assert window.showing(window.home)  # a read landing does not take the user back
    assert room.reading.isHidden()
    assert chart_views(room) == []  # the progress tab was left hidden: its charts wait
    room.tabs.setCurrentIndex(PROGRESS)
    drawn(qtbot, room)
    assert len(chart_views(room)) == CHARTS


def test_the_numbers_come_first_then_one_chart_per_turn_of_the_event_loop(
    qtbot: QtBot, studied: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, studied, data_dir)
    room = window.statistics
    page = room.progress
    place = page._place
    seen: list[tuple[str, str, bool]] = []  # chart, the tile's number then, a turn in between
    turned = [True]
    at_once: list[bool] = []

    def placed(key: str, *args: object) -> None:
        seen.append((key, page.tiles["today"].value.text(), turned[0]))
        turned[0] = False
        QTimer.singleShot(0, lambda: turned.__setitem__(0, True))
        place(key, *args)  # type: ignore[arg-type]
        at_once.append(page.charts[key].isVisible())  # not a turn later, moving the rest

    monkeypatch.setattr(page, "_place", placed)
    window.go_statistics()
    drawn(qtbot, room)
    today = str(studied.stats.today().reviews)
    assert [number for _key, number, _turn in seen] == [today] * CHARTS
    assert all(turn for _key, _number, turn in seen), seen  # before: all in one go
    assert at_once == [True] * CHARTS


def test_leaving_and_coming_back_mid_drawing_draws_each_chart_once(
    qtbot: QtBot, studied: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, studied, data_dir)
    room = window.statistics
    page = room.progress
    place = page._place
    pressed: list[str] = []

    def placed(key: str, *args: object) -> None:
        place(key, *args)  # type: ignore[arg-type]
        if not pressed:  # the first chart is on screen: leave, and come straight back
            pressed.append(key)
            press(qtbot, Qt.Key.Key_Escape)
            assert window.showing(window.home)
            press(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)

    monkeypatch.setattr(page, "_place", placed)
    window.go_statistics()
    drawn(qtbot, room)
    assert pressed == ["reviews"]
    assert window.showing(room)
    names = sorted(view.objectName() for view in chart_views(room))
    assert names == sorted(f"{key}Chart" for key in page.charts)
    assert len(names) == CHARTS
    assert all(view.chart().series() for view in chart_views(room))  # type: ignore[attr-defined]


def test_a_date_set_while_the_room_reads_is_not_undone_by_the_older_read(
    qtbot: QtBot,
    studied: Services,
    data_dir: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, studied, data_dir)
    room = window.statistics
    # The room's read has read everything (no date yet) when the date is set.
    reached, release = hold(room, "_read_everything", monkeypatch, after=True)
    window.go_statistics()
    qtbot.waitUntil(reached.is_set)
    room.tabs.setCurrentIndex(PLAN)
    interview = study_date(clock.now) + timedelta(days=10)
    room.plan.date_edit.setDate(QDate(interview.year, interview.month, interview.day))
    qtbot.mouseClick(room.plan.set_button, Qt.MouseButton.LeftButton)
    assert not room.plan.result.isHidden()
    release.set()
    drawn(qtbot, room)
    assert not room.plan.result.isHidden()  # the older read had no date: no plan
    assert "in 10 days" in room.plan.countdown.text()


def test_the_read_runs_on_a_worker_with_the_garbage_collector_paused(
    qtbot: QtBot, studied: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full collection set off by the read walked everything alive (20-70 ms at 100,000
    cards), holding the GIL the GUI thread needs."""
    seen: list[tuple[bool, bool]] = []
    report = studied.stats.report

    def recorded(*args: object) -> object:
        seen.append((threading.current_thread() is threading.main_thread(), gc.isenabled()))
        return report(*args)

    monkeypatch.setattr(studied.stats, "report", recorded)
    window = open_window(qtbot, studied, data_dir)
    window.go_statistics()
    drawn(qtbot, window.statistics)
    assert seen == [(False, False)]
    assert gc.isenabled()


def test_the_read_starts_only_once_the_room_is_painted(
    qtbot: QtBot, studied: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read's worker holds Python's lock for most of its work: started before the room's
    first paint, it made the paint wait for it (7 ms of the GUI's CPU took 12-99 ms at
    100,000 cards)."""
    window = open_window(qtbot, studied, data_dir)
    room = window.statistics
    paints = PaintCount()
    room.installEventFilter(paints)
    paints_when_read: list[int] = []
    report = studied.stats.report

    def counted(*args: object) -> object:
        paints_when_read.append(paints.count)
        return report(*args)

    monkeypatch.setattr(studied.stats, "report", counted)
    press(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    drawn(qtbot, room)
    assert len(paints_when_read) == 1 and paints_when_read[0] >= 1
    assert room.progress.tiles["today"].value.text() == str(studied.stats.today().reviews)


def test_a_tab_not_shown_is_built_and_drawn_only_when_it_is_shown(
    qtbot: QtBot, studied: Services, data_dir: Path, clock: FixedClock
) -> None:
    """The plan page (its table and chart) and the memory model page were built and drawn
    on every opening, though a person opening the room sees the progress page. Shown, the
    page is drawn whole in the turn that shows it: its chart too, not a turn later over
    a layout still making room for it."""
    studied.plan.set_interview_date(study_date(clock.now) + timedelta(days=10))
    window = open_window(qtbot, studied, data_dir)
    press(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    room = window.statistics
    drawn(qtbot, room)
    assert room.findChildren(PlanPage) == []
    assert room.findChildren(OptimizerPage) == []
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert room.plan.isVisible()
    assert "in 10 days" in room.plan.countdown.text()  # drawn at once
    assert room.plan.chart is not None and room.plan.chart.isVisible()
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert room.model.in_use.text() == "In use: FSRS's default parameters."


def test_coming_back_to_the_room_on_another_tab_draws_the_progress_charts_only_when_shown(
    qtbot: QtBot, studied: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, studied, data_dir)
    room = window.statistics
    window.go_statistics()
    drawn(qtbot, room)
    room.tabs.setCurrentIndex(PLAN)
    press(qtbot, Qt.Key.Key_Escape)
    placed: list[str] = []
    place = room.progress._place
    monkeypatch.setattr(
        room.progress, "_place", lambda key, *args: (placed.append(key), place(key, *args))
    )
    press(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    drawn(qtbot, room)
    assert room.tabs.currentIndex() == PLAN
    assert placed == []  # before: all six charts made again behind the plan page
    backwards = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    press(qtbot, Qt.Key.Key_Tab, backwards)
    drawn(qtbot, room)
    assert room.tabs.currentIndex() == PROGRESS
    assert len(placed) == CHARTS
