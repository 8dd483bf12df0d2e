"""The home counts new, learning and due cards apart, as Anki does: a card in its first
steps is never invisible."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.content.shipped import CHECKLIST, offered_builtin_decks
from tests.ui.keys import open_window, press
from trainer.core.cards import Rating
from trainer.services.services import Services
from trainer.ui.main_window import MainWindow


def row_of(window: MainWindow, deck_id: int) -> dict[str, object]:
    model = window.home.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    row = next(r for r in range(model.rowCount()) if model.deck_at(r).deck_id == deck_id)
    return {h: model.data(model.index(row, c)) for c, h in enumerate(headers)}


def test_a_card_graded_good_shows_as_learning_on_the_home(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = open_window(qtbot, services, data_dir)
    checklist = next(i for i in range(4) if "checklist" in window.home.model.deck_at(i).name)
    deck = window.home.model.deck_at(checklist)
    assert row_of(window, deck.deck_id)["Learning"] == 0
    window.home.table.selectRow(checklist)
    window.home.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_3)  # Good on a new card: back in 10 minutes
    press(qtbot, Qt.Key.Key_Escape)
    assert window.rooms.currentWidget() is window.home
    counts = row_of(window, deck.deck_id)
    new_left = min(20, offered_builtin_decks()[CHECKLIST]) - 1  # cloze siblings wait
    assert counts["New"] == new_left and counts["Learning"] == 1 and counts["Due"] == 0
    assert "1 learning" in window.home.summary.text()


def test_keeper_decks_json_gains_learning(services: Services, data_dir: Path) -> None:
    session = services.study.start_session()
    session.reveal()
    services.study.record(session.grade(Rating.GOOD))
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "--data-dir", str(data_dir), "decks", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    decks = json.loads(result.stdout)
    assert sum(deck["learning"] for deck in decks) == 1
    assert {"id", "name", "cards", "new", "due", "learning"} <= set(decks[0])
