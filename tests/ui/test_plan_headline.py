"""The plan's headline names today's figure, the one the bar chart and Study now show."""

from __future__ import annotations

from datetime import date, timedelta

from pytestqt.qtbot import QtBot

from trainer.core.model import DeckId
from trainer.services.interview_planning import DeckForecast, PlanDay, PlanReport
from trainer.services.plan_service import Countdown
from trainer.ui.statistics.plan_page import PlanPage


def test_a_front_loaded_plan_says_today_then_the_daily_rate(qtbot: QtBot) -> None:
    today = date(2027, 3, 1)
    counts = [75, 4, 3, 3, 2, 2, 2, 1, 1, 0]  # first steps of new cards make today heavy
    days = [PlanDay(today + timedelta(d), n) for d, n in enumerate(counts)]
    deck = DeckForecast(DeckId(1), "Culture", today + timedelta(10), 30, 0.7, 0.9, 93)
    report = PlanReport(0.9, [deck], days, 140)
    page = PlanPage()
    qtbot.addWidget(page)
    page.show_plan(report, Countdown(today + timedelta(10), 10))
    text = page.summary.text()
    assert "93 reviews until then" in text
    assert "75 today" in text
    assert "about 2 a day after" in text  # 18 over the 9 days after today
