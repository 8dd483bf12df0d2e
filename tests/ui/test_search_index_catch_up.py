"""The app indexes an import's cards off the GUI thread: once the import lands, and at
start-up for cards a `keeper import` (or a closed app) left waiting."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from trainer.app import open_services, start_app
from trainer.services.services import Services
from trainer.storage import search_index
from trainer.ui import messages
from trainer.ui.exchange_actions import import_with_dialog


def index_is_whole(path: Path) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("INSERT INTO card_text (card_text, rank) VALUES ('integrity-check', 1)")


def write_csv(path: Path) -> Path:
    path.write_text("front,back\n" + "".join(f"perro {n},dog {n}\n" for n in range(40)))
    return path


@pytest.fixture
def chunk_threads(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """The thread every chunk of the catch-up ran on."""
    seen: list[threading.Thread] = []
    real = search_index.index_chunk

    def spy(connection: sqlite3.Connection, cards: int) -> int:
        seen.append(threading.current_thread())
        return real(connection, cards)

    monkeypatch.setattr(search_index, "index_chunk", spy)
    return seen


def test_an_import_in_the_app_is_indexed_off_the_gui_thread(
    qtbot: QtBot,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    chunk_threads: list[threading.Thread],
) -> None:
    path = write_csv(tmp_path / "vocab.csv")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    monkeypatch.setattr(messages, "information", staticmethod(lambda *a: None))
    assert import_with_dialog(None, services) is True
    qtbot.waitUntil(lambda: services.search_index.pending() == 0, timeout=30_000)
    assert chunk_threads and threading.main_thread() not in chunk_threads
    assert len(services.browse.search("perro")) == 40
    index_is_whole(services.database.path)


def test_cards_left_pending_are_indexed_after_the_first_paint(
    qtbot: QtBot, tmp_path: Path, chunk_threads: list[threading.Thread]
) -> None:
    data_dir = tmp_path / "d"
    imported = open_services(data_dir)
    imported.exchange.import_file(write_csv(tmp_path / "vocab.csv"))  # as `keeper import` does
    assert imported.search_index.pending() == 40
    imported.close()
    opened = start_app(data_dir)
    assert not isinstance(opened, int)
    try:
        qtbot.waitUntil(lambda: opened.opened.after_paint.settled, timeout=30_000)
        qtbot.waitUntil(lambda: opened.services.search_index.pending() == 0, timeout=30_000)
        assert chunk_threads and threading.main_thread() not in chunk_threads
    finally:
        opened.window.close()
        opened.close()
        opened.window.deleteLater()
        QApplication.processEvents()
    index_is_whole(data_dir / "collection.sqlite3")
