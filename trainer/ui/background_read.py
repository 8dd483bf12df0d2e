"""A read on a worker thread that the window does not wait for: the room stays live (keys,
tabs, leaving) and draws the result when it lands.

`run_in_background` (ui/background.py) holds the window behind a progress dialog until its
job ends: right for an action that changes things, wrong for a room that only shows what
it read. Here each read gets a ticket; a result whose ticket is no longer the latest (the
room read again meanwhile) is dropped, so nothing stale is drawn over something newer.

A read starts once its room has painted (or a moment later if nothing paints it): the
worker holds Python's lock for most of its work, and started before the paint it made the
room's first paint wait for it (a 7 ms paint took 12-99 ms at 100,000 cards).

While a read runs, the garbage collector's automatic runs are paused (services/collector.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from trainer.services.collector import collector_paused
from trainer.ui.thread_relay import run_on_thread


class BackgroundRead(QObject):
    """Runs `job()` on a daemon thread once `room` has painted; `landed(value, error)` comes
    back on the GUI thread (through ui/thread_relay.py) for the latest read only. `error` is
    None, or a message for the user."""

    UNPAINTED_MS = 100  # a read whose room does not paint starts after this
    landed = Signal(object, object)

    def __init__(self, room: QWidget) -> None:
        super().__init__(room)
        self._ticket = 0
        self.running = False  # from `start` until the latest read lands
        self._waiting: Callable[[], Any] | None = None  # a read to start once painted
        self._painted = QTimer(self)
        self._painted.setSingleShot(True)
        self._painted.timeout.connect(self._begin)
        room.installEventFilter(self)

    def start(self, job: Callable[[], Any]) -> None:
        """Read once the room has painted; a read still running is left to finish and its
        result dropped, one not started yet is replaced."""
        self._ticket += 1
        self.running = True
        self._waiting = job
        self._painted.start(self.UNPAINTED_MS)

    def drop(self) -> None:
        """Forget the read under way or waiting: its result, if any, is not drawn."""
        self._ticket += 1
        self.running = False
        self._waiting = None

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and self._waiting is not None:
            self._painted.start(0)  # after this paint, the room's children included
        return False

    def _begin(self) -> None:
        job, self._waiting = self._waiting, None
        if job is not None:
            run_on_thread(self, partial(_read, job), partial(self._land, self._ticket))

    def _land(self, ticket: int, outcome: tuple[object, object]) -> None:
        if ticket != self._ticket:
            return
        self.running = False
        self.landed.emit(*outcome)


def _read(job: Callable[[], Any]) -> tuple[object, object]:
    """`job()`'s value and None, or None and a message for the user."""
    try:
        with collector_paused():
            return job(), None
    except Exception as failure:  # noqa: BLE001 - shown to the user, never a crash
        return None, f"Unexpected {type(failure).__name__}: {failure}"
