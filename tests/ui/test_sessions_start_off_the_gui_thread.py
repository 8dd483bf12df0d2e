"""A study session gathers its cards off the GUI thread: at 100,000 cards Study now read
a quarter of a second of cards on it (with no interview date; with one, the plan was
already made on a thread), and "10 more new cards" after a session the same."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.keys import open_window, press
from trainer.services.services import Services


def record_threads(services: Services, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The thread each session was made on."""
    threads: list[str] = []
    study = services.study
    for name in ("start_session", "start_extra_session"):
        make = getattr(study, name)

        def recorded(*args: object, make=make) -> object:  # type: ignore[no-untyped-def]
            on_gui = threading.current_thread() is threading.main_thread()
            threads.append("gui" if on_gui else "worker")
            return make(*args)

        monkeypatch.setattr(study, name, recorded)
    return threads


def test_study_now_and_more_new_cards_gather_the_cards_on_a_worker_thread(
    qtbot: QtBot, services: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads = record_threads(services, monkeypatch)
    window = open_window(qtbot, services, data_dir)
    checklist = next(i for i in range(4) if "checklist" in window.home.model.deck_at(i).name)
    window.home.table.selectRow(checklist)
    window.home.table.setFocus()
    press(qtbot, Qt.Key.Key_Return)  # Study now, on the checklist deck
    assert window.showing(window.study)
    assert window.study.session is not None and window.study.session.current is not None
    while window.showing(window.study):
        press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_4)
    assert window.showing(window.summary)
    press(qtbot, Qt.Key.Key_N)  # 10 more new cards
    assert threads == ["worker", "worker"]


def test_keys_pressed_while_the_cards_are_gathered_do_not_start_a_second_session(
    qtbot: QtBot, services: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window waits for the worker in an event loop: a second Enter on Study now
    (before the progress dialog shows and blocks the window) started a session inside the
    first one's wait. The window takes no input while it waits, as behind the dialog."""
    pressed_again = threading.Event()
    made: list[int] = []
    start = services.study.start_session

    def slow_start(deck_id: object) -> object:
        pressed_again.wait(timeout=5)  # the worker is busy while the key comes
        made.append(1)
        return start(deck_id)  # type: ignore[arg-type]

    monkeypatch.setattr(services.study, "start_session", slow_start)
    window = open_window(qtbot, services, data_dir)

    def press_again() -> None:
        press(qtbot, Qt.Key.Key_Return)  # on Study now, still focused
        pressed_again.set()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, press_again)
    press(qtbot, Qt.Key.Key_Return)
    assert pressed_again.is_set()
    assert window.showing(window.study)
    assert made == [1]
