"""The Statistics room and the home screen's "today" panel, driven through the real window."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCharts import QChartView
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.history_builder import build_history
from trainer.core.cards import Rating
from trainer.core.clock import FixedClock
from trainer.core.study_days import study_date
from trainer.services.services import Services
from trainer.ui.main_window import MainWindow
from trainer.ui.statistics.statistics_view import MODEL, PLAN, PROGRESS, StatisticsView

CHARTS = (
    "reviewsChart",
    "forecastChart",
    "retentionChart",
    "statesChart",
    "stabilityChart",
    "difficultyChart",
)


def drawn(qtbot: QtBot, window: MainWindow) -> StatisticsView:
    """The statistics room once what it read on entering is on screen."""
    room = window.statistics
    qtbot.waitUntil(lambda: not room.drawing, timeout=20_000)
    return room


def open_window(qtbot: QtBot, services: Services, data_dir: Path) -> MainWindow:
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


@pytest.fixture
def studied(services: Services, clock: FixedClock) -> Services:
    build_history(services, clock.now, days=60, extra_cards=40)
    return services


def test_ctrl_4_opens_the_room_with_every_chart_and_escape_goes_home(
    qtbot: QtBot, studied: Services, data_dir: Path
) -> None:
    window = open_window(qtbot, studied, data_dir)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    room = drawn(qtbot, window)
    assert window.rooms.currentWidget() is room
    assert room.tabs.currentIndex() == PROGRESS

    page = room.progress
    for name in CHARTS:
        chart = page.findChild(QChartView, name)
        assert chart is not None, name
        assert chart.chart().series(), name
    today = studied.stats.today()
    report = studied.stats.report()
    assert page.tiles["today"].value.text() == str(today.reviews)
    assert page.tiles["streak"].value.text() == str(today.streak)
    assert page.tiles["retention"].value.text() == f"{report.retention.rate:.0%}"
    assert len(page.heat_map._days) == 365
    assert page.retention_model.rowCount() == len(report.retention_by_deck) + 1  # + all decks
    assert page.empty.isHidden()

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert window.rooms.currentWidget() is window.home


def test_a_fresh_collection_shows_empty_charts_without_failing(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = open_window(qtbot, services, data_dir)
    window.go_statistics()
    page = drawn(qtbot, window).progress
    assert not page.empty.isHidden()
    assert page.tiles["retention"].value.text() == "-"
    assert page.retention_table.isHidden()  # not an empty header with nothing under it
    assert not page.retention_empty.isHidden()
    assert page.retention_empty.text().startswith("No data yet")
    window.statistics.tabs.setCurrentIndex(PLAN)
    assert window.statistics.plan.result.isHidden()  # no date yet: only the invitation


def test_setting_the_interview_date_shows_the_plan_and_the_home_countdown(
    qtbot: QtBot, studied: Services, data_dir: Path, clock: FixedClock
) -> None:
    window = open_window(qtbot, studied, data_dir)
    window.go_statistics()
    room = drawn(qtbot, window)
    room.tabs.setCurrentIndex(PLAN)
    page = room.plan
    interview = study_date(clock.now) + timedelta(days=10)
    page.date_edit.setDate(QDate(interview.year, interview.month, interview.day))
    qtbot.mouseClick(page.set_button, Qt.MouseButton.LeftButton)

    assert studied.plan.interview_dates().all_decks == interview
    assert not page.result.isHidden()
    assert page.model.rowCount() == len(studied.plan.plan().decks) >= 4
    assert "in 10 days" in page.countdown.text()
    assert page.chart is not None
    assert page.chart.chart().series()[0].barSets()[0].count() == 10  # type: ignore[attr-defined]

    faq = page.deck_choice.findText("Interview FAQ")
    page.deck_choice.setCurrentIndex(faq)
    page.date_edit.setDate(QDate(interview.year, interview.month, interview.day).addDays(-5))
    qtbot.mouseClick(page.set_button, Qt.MouseButton.LeftButton)
    faq_id = page.deck_choice.itemData(faq)
    assert studied.plan.interview_dates().by_deck[faq_id] == interview - timedelta(days=5)
    assert "Interview FAQ" in page.dates_line.text()

    room.leave.emit()
    assert "Interview in <b>5</b> days" in window.home.today.countdown.text()
    qtbot.mouseClick(window.home.today.stats_button, Qt.MouseButton.LeftButton)
    assert window.rooms.currentWidget() is room
    page.deck_choice.setCurrentIndex(0)
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert studied.plan.interview_dates().all_decks is None


def test_an_interview_today_can_be_set_and_is_counted_down_as_today(
    qtbot: QtBot, studied: Services, data_dir: Path, clock: FixedClock
) -> None:
    window = open_window(qtbot, studied, data_dir)
    window.go_statistics()
    room = drawn(qtbot, window)
    room.tabs.setCurrentIndex(PLAN)
    page = room.plan
    today = study_date(clock.now)
    page.date_edit.setFocus()
    page.date_edit.setDate(QDate(today.year, today.month, today.day))
    assert page.date_edit.date() == QDate(today.year, today.month, today.day)  # not clamped
    page.set_button.setFocus()
    qtbot.keyClick(page.set_button, Qt.Key.Key_Space)

    assert studied.plan.interview_dates().all_decks == today
    assert not page.result.isHidden()
    assert "Interview today" in page.countdown.text()
    assert page.chart is not None
    assert page.chart.chart().series()[0].barSets()[0].count() == 1  # type: ignore[attr-defined]
    room.leave.emit()
    assert "Interview <b>today</b>" in window.home.today.countdown.text()


def test_the_today_panel_counts_cards_time_and_streak(
    qtbot: QtBot, services: Services, data_dir: Path, clock: FixedClock
) -> None:
    window = open_window(qtbot, services, data_dir)
    panel = window.home.today
    assert "<b>0</b> cards" in panel.studied.text()
    assert "No interview date" in panel.countdown.text()

    session = services.study.start_session()
    for _ in range(3):
        session.reveal()
        clock.advance(timedelta(seconds=40))
        services.study.record(session.grade(Rating.GOOD))
    window.refresh()
    assert "<b>3</b> cards" in panel.studied.text()
    assert "<b>2</b> min" in panel.time.text()
    assert "<b>1</b> day" in panel.streak.text()


def test_optimize_from_the_memory_model_tab(
    qtbot: QtBot, services: Services, data_dir: Path, clock: FixedClock
) -> None:
    window = open_window(qtbot, services, data_dir)
    window.go_statistics()
    room = drawn(qtbot, window)
    room.tabs.setCurrentIndex(MODEL)
    room.optimize()
    assert "more reviews needed" in room.model.outcome.text()

    build_history(services, clock.now, days=90, extra_cards=120)
    room.optimize()
    assert "Applied" in room.model.outcome.text()
    assert "fitted to your reviews" in room.model.in_use.text()
    assert services.optimizer.current_parameters() is not None
    qtbot.mouseClick(room.model.reset_button, Qt.MouseButton.LeftButton)
    assert services.optimizer.current_parameters() is None
