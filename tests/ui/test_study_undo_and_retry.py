"""Undo and a failed save on the study screen, driven by real key presses: no ghost card,
no grade dropped."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from trainer.core.cards import NewCard
from trainer.core.model import CardState
from trainer.core.session import Phase
from trainer.services.services import Services
from trainer.storage.card_repository import CardRepository
from trainer.storage.review_repository import ReviewRepository
from trainer.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A problem is one line on the study screen; a modal box would wait for a click."""

    def modal(*args: object) -> None:
        raise AssertionError(f"a modal dialog opened: {args[2:]}")

    monkeypatch.setattr(QMessageBox, "critical", modal)


def study_one_new_card(qtbot: QtBot, services: Services, data_dir: Path) -> MainWindow:
    services.card_edits.add_cards("Solo", [NewCard(front="Capital of Peru?", back="Lima")])
    solo = services.decks.named("Solo")
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    window.start_study(solo.id)
    assert window.study.session is not None
    return window


def key(qtbot: QtBot, window: MainWindow, which: Qt.Key, control: bool = False) -> None:
    modifier = Qt.KeyboardModifier.ControlModifier if control else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(window.study, which, modifier)


def test_undo_after_learn_ahead_leaves_one_card_not_a_ghost(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = study_one_new_card(qtbot, services, data_dir)
    assert window.study.progress.text().startswith("1 left")
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_3)  # learning, due in 10 minutes: shown again at once
    key(qtbot, window, Qt.Key.Key_Z, control=True)
    assert window.study.progress.text().startswith("1 left")

    # Studying on: Good three times graduates the card, each log entry follows the last.
    for _ in range(2):
        key(qtbot, window, Qt.Key.Key_Space)
        key(qtbot, window, Qt.Key.Key_3)
    assert window.study.session.phase is Phase.FINISHED
    with services.uow() as collection:
        (card,) = collection.cards.all(services.decks.named("Solo").id)
    assert card.memory.state is CardState.REVIEW and card.memory.reps == 2
    assert services.stats.collection_stats().reviews == 2


def test_a_grade_that_cannot_be_saved_stays_on_screen_and_the_key_retries(
    qtbot: QtBot, services: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = study_one_new_card(qtbot, services, data_dir)
    key(qtbot, window, Qt.Key.Key_Space)

    def locked(self: object, *args: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    saving = CardRepository.set_memory
    monkeypatch.setattr(CardRepository, "set_memory", locked)
    key(qtbot, window, Qt.Key.Key_3)
    session = window.study.session
    assert session.phase is Phase.ANSWER  # the card and its answer stay
    assert window.study.back.isVisible() and "Lima" in window.study.back.toPlainText()
    assert all(button.isVisible() for button in window.study.grade_buttons.values())
    assert window.study.problem.isVisible()
    line = window.study.problem.text()
    assert "\n" not in line and "not saved" in line and "database is locked" in line
    assert window.study.progress.text().startswith("1 left")
    assert services.stats.collection_stats().reviews == 0

    monkeypatch.setattr(CardRepository, "set_memory", saving)  # the lock is gone: the key saves
    key(qtbot, window, Qt.Key.Key_3)
    assert not window.study.problem.isVisible()
    assert services.stats.collection_stats().reviews == 1
    assert session.summary().studied == 1
    with services.uow() as collection:
        (card,) = collection.cards.all(services.decks.named("Solo").id)
    assert card.memory.state is CardState.LEARNING and card.memory.reps == 1
    assert window.study.progress.text().startswith("1 left")  # learn-ahead: once, not twice


def test_an_undo_that_cannot_be_saved_changes_nothing(
    qtbot: QtBot, services: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = study_one_new_card(qtbot, services, data_dir)
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_3)

    def locked(self: object, *args: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    removing = ReviewRepository.remove
    monkeypatch.setattr(ReviewRepository, "remove", locked)
    key(qtbot, window, Qt.Key.Key_Z, control=True)
    assert "not undone" in window.study.problem.text()
    assert window.study.session.summary().studied == 1
    assert services.stats.collection_stats().reviews == 1
    monkeypatch.setattr(ReviewRepository, "remove", removing)
    key(qtbot, window, Qt.Key.Key_Z, control=True)
    assert services.stats.collection_stats().reviews == 0
    assert window.study.session.summary().studied == 0
    assert window.study.progress.text().startswith("1 left")
