"""The heat map draws its 365 squares once, not at every repaint: the statistics page's
layout repaints it each time a chart arrives (one per turn of the event loop), and each
drawing took 10-20 ms of Python on the GUI thread at a loaded machine."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from trainer.core.statistics import DayCount
from trainer.ui.statistics.heat_map import HeatMap

FIRST = date(2026, 1, 5)


def year(reviews: int) -> list[DayCount]:
    return [DayCount(FIRST + timedelta(days=n), reviews if n % 3 else 0) for n in range(365)]


def shown_heat_map(qtbot: QtBot) -> HeatMap:
    """A year's map of five reviews every day but each third, shown 900 px wide."""
    heat_map = HeatMap()
    qtbot.addWidget(heat_map)
    heat_map.resize(900, 140)
    heat_map.show()
    heat_map.set_days(year(5))
    return heat_map


def test_repaints_reuse_the_drawing_and_new_days_or_colours_redraw_it(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    heat_map = shown_heat_map(qtbot)
    draws: list[int] = []
    draw = heat_map._draw
    monkeypatch.setattr(heat_map, "_draw", lambda painter: (draws.append(1), draw(painter)))
    first = heat_map.grab().toImage()  # a paint, as the window's
    heat_map.grab()
    assert heat_map.grab().toImage() == first  # the same picture
    assert len(draws) == 1

    heat_map.set_days(year(50))
    heat_map.grab()
    assert len(draws) == 2
    palette = heat_map.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))  # a dark theme
    heat_map.setPalette(palette)
    assert heat_map.grab().toImage() != first
    assert len(draws) == 3


def test_each_days_colour_is_worked_out_once_until_the_days_or_colours_change(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new width (each chart arriving on the page can move the map) draws the squares
    again; their 365 colours were worked out again each time, 2-5 ms of Python."""
    heat_map = shown_heat_map(qtbot)
    shades: list[int] = []
    shade = heat_map.shade
    monkeypatch.setattr(heat_map, "shade", lambda reviews: (shades.append(1), shade(reviews))[1])
    first = heat_map.grab().toImage()
    heat_map.resize(700, 140)
    heat_map.grab()
    heat_map.resize(900, 140)
    assert heat_map.grab().toImage() == first
    assert len(shades) == 365

    palette = heat_map.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))  # a dark theme
    heat_map.setPalette(palette)
    assert heat_map.grab().toImage() != first
    assert len(shades) == 2 * 365
    heat_map.set_days(year(50))
    heat_map.grab()
    assert len(shades) == 3 * 365
