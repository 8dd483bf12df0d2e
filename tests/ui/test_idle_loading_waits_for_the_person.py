"""Start-up's loading ahead (PySide's classes, the rooms' modules, the rooms built ahead)
runs between events on the GUI thread, a few milliseconds at a time. A Study now clicked
while it was still loading waited in a nested event loop for its session, and that loop
ran the loading's steps too: importing a room's module or building a room (50-300 ms at
100,000 cards, under load) froze the wait, and took the GIL from the session's worker
(the first Study now's 274-482 ms stall). The loading now waits while Keeper waits on a
thread for the person, and goes on once the wait is over."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from trainer.services.services import Services
from trainer.ui.background import run_in_background
from trainer.ui.idle_loading import IdleSlices
from trainer.ui.main_window import ROOMS_BUILT_AHEAD, MainWindow

STEPS = 20_000  # more than the wait leaves time for: without the fix some run in it


def test_no_loading_step_runs_while_a_session_is_gathered(qtbot: QtBot) -> None:
    log: list[str] = []
    released = threading.Event()

    def steps() -> Iterator[None]:
        for _ in range(STEPS):
            log.append("step")
            yield

    def gather(_progress: object, _cancel: object) -> str:
        log.append("gathering")
        released.wait(timeout=30)  # until the GUI thread's timer lets it go
        log.append("gathered")
        return "session"

    done: list[bool] = []
    owner = QObject()
    IdleSlices(owner, steps(), then=lambda: done.append(True))
    QTimer.singleShot(150, released.set)  # the session's reading, seen from the GUI thread
    outcome = run_in_background(None, "Gathering today's cards...", gather, cancellable=False)

    assert outcome.value == "session"
    during = log[log.index("gathering") : log.index("gathered")]
    assert "step" not in during, "the loading ran inside the wait for the session"
    qtbot.waitUntil(lambda: done == [True], timeout=30_000)
    assert log.count("step") == STEPS, "every step ran once the wait was over"


def test_a_key_pressed_before_a_room_is_built_ahead_is_served_first(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    """A room built ahead is 40-65 ms of the GUI thread at a quiet moment: it runs in a
    turn of the event loop of its own, so what is waiting (here a key press) is served
    before it, not after the slice's other steps and the room."""
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.show()
    typed_at: list[int] = []  # how many rooms the window had when the key arrived
    field = QLineEdit()
    qtbot.addWidget(field)
    field.textChanged.connect(lambda _text: typed_at.append(window.rooms.count()))

    def press_a_key() -> Iterator[object]:
        QApplication.postEvent(
            field,
            QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"),
        )
        yield  # a quick step, as a module's import: the slice goes on

    done: list[bool] = []
    IdleSlices(window, chain(press_a_key(), window.rooms_ahead()), then=lambda: done.append(True))
    qtbot.waitUntil(lambda: done == [True], timeout=30_000)
    assert typed_at == [1], "the key waited for a room to be built"
    assert window.rooms.count() == 1 + len(ROOMS_BUILT_AHEAD)
