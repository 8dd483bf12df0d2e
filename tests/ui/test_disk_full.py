"""A full disk while studying: a clear message, the grade not half-kept, the card still there."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from trainer.core.session import Phase
from trainer.services.services import Services
from trainer.storage.card_repository import CardRepository
from trainer.ui import messages
from trainer.ui.main_window import MainWindow


def test_a_grade_that_cannot_be_saved_is_reported_and_not_half_kept(
    qtbot: QtBot, services: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(messages, "critical", lambda _parent, _title, text: shown.append(text))
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    window.start_study(None)
    session = window.study.session
    assert session is not None
    qtbot.keyClick(window.study, Qt.Key.Key_Space)
    qtbot.keyClick(window.study, Qt.Key.Key_3)
    assert services.stats.collection_stats().reviews == 1

    # The disk fills between the two writes of the next grade: the log entry is written,
    # then updating the card fails. The transaction must take the log entry back too.
    def disk_full(self: object, *args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(CardRepository, "set_memory", disk_full)
    card = session.current
    qtbot.keyClick(window.study, Qt.Key.Key_Space)
    qtbot.keyClick(window.study, Qt.Key.Key_3)
    assert shown == []  # one line on the study screen, not a box to click away
    line = window.study.problem.text()
    assert window.study.problem.isVisible() and "not saved" in line and "disk is full" in line
    assert session.current == card and session.phase is Phase.ANSWER
    assert session.summary().studied == 1
    assert services.stats.collection_stats().reviews == 1

    monkeypatch.undo()  # space freed: the same key saves the grade
    qtbot.keyClick(window.study, Qt.Key.Key_3)
    assert services.stats.collection_stats().reviews == 2
    with services.uow() as collection:
        assert sum(c.memory.reps for c in collection.cards.all()) == 2
