"""Importing from the window asks where the cards go: the file's own decks, a deck you
have, or a new one typed in."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from trainer.services.services import Services
from trainer.ui import messages
from trainer.ui.exchange_actions import import_with_dialog


def import_answering(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, services: Services, csv: Path, typed: str
) -> bool:
    chosen = (str(csv), "")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: chosen))
    monkeypatch.setattr(messages, "information", lambda *args: None)

    def answer() -> None:  # type into the deck box, then Enter, once the question is up
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, answer)
            return
        box = dialog.findChild(QComboBox)
        assert box is not None and box.isEditable()
        assert box.itemText(0) == "The file's own decks"
        if typed:
            box.lineEdit().selectAll()
            qtbot.keyClicks(box.lineEdit(), typed)
        qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)

    QTimer.singleShot(20, answer)
    return import_with_dialog(None, services)


@pytest.mark.asks_import_deck
@pytest.mark.parametrize(
    ("typed", "deck"),
    [("", "words"), ("Interview FAQ", "Interview FAQ"), ("Brand new deck", "Brand new deck")],
)
def test_the_cards_go_where_the_answer_says(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    services: Services,
    data_dir: Path,
    tmp_path: Path,
    typed: str,
    deck: str,
) -> None:
    csv = tmp_path / "words.csv"
    csv.write_text("front,back\nQuestion one,Answer one\n", encoding="utf-8")
    assert import_answering(qtbot, monkeypatch, services, csv, typed) is True
    assert deck_of(data_dir, "Question one") == deck


def deck_of(data_dir: Path, front: str) -> str:
    with closing(sqlite3.connect(data_dir / "collection.sqlite3")) as connection:
        row = connection.execute(
            "SELECT decks.name FROM cards JOIN decks ON decks.id = cards.deck_id"
            " WHERE cards.front = ?",
            (front,),
        ).fetchone()
    return str(row[0])
