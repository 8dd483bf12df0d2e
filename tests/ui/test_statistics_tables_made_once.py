"""The statistics room's tables make each cell's text once, when given their rows: a table
view asks for every cell's text at each paint (the page repaints as each chart arrives),
and each ask formatted the figure again in Python on the GUI thread."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from trainer.core.model import DeckId
from trainer.core.statistics import Retention
from trainer.services.interview_planning import DeckForecast
from trainer.ui.statistics.plan_table_model import BELOW_TARGET, PlanTableModel
from trainer.ui.statistics.retention_table_model import RetentionTableModel


def shown(qtbot: QtBot, model: RetentionTableModel | PlanTableModel) -> QTableView:
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(600, 300)
    table.show()
    return table


def texts(table: QTableView) -> list[list[str]]:
    model = table.model()
    return [
        [str(model.index(row, column).data()) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_the_retention_table_works_out_each_rate_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[int] = []
    rate = Retention.rate
    monkeypatch.setattr(
        Retention, "rate", property(lambda value: (reads.append(1), rate.fget(value))[1])
    )
    model = RetentionTableModel()
    model.set_retention({1: Retention(9, 10), 2: Retention(0, 0)}, {1: "Python", 2: "SQL"})
    table = shown(qtbot, model)
    table.grab()
    table.grab()
    assert texts(table) == [
        ["Python", "10", "9", "90.0%"],
        ["SQL", "0", "0", "-"],
        ["All decks", "10", "9", "90.0%"],
    ]
    assert len(reads) == 3  # one a row; before, one a cell's text asked for at each paint


def test_the_plan_table_gives_the_same_texts_each_time_it_is_asked(qtbot: QtBot) -> None:
    model = PlanTableModel()
    decks = [
        DeckForecast(DeckId(1), "Python", date(2026, 12, 24), 40, 0.72, 0.91, 120),
        DeckForecast(DeckId(2), "SQL", date(2026, 12, 24), 10, 0.95, 0.96, 3),
    ]
    model.set_decks(decks, 0.9)
    table = shown(qtbot, model)
    first = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    table.grab()
    again = [model.data(model.index(0, column)) for column in range(model.columnCount())]
    assert all(a is b for a, b in zip(first, again, strict=True))  # made once, not at each ask
    assert texts(table)[0] == ["Python", "Thu 24 Dec", "40", "72%", "91%", "120"]
    assert model.index(0, 3).data(Qt.ItemDataRole.ForegroundRole) == BELOW_TARGET
    assert model.index(1, 3).data(Qt.ItemDataRole.ForegroundRole) is None
