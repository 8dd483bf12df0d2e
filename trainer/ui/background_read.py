"""A read on a worker thread that the window does not wait for: the room stays live (keys,
tabs, leaving) and draws the result when it lands.

`run_in_background` (ui/background.py) holds the window behind a progress dialog until its
job ends: right for an action that changes things, wrong for a room that only shows what
it read. Here each read gets a ticket; a result whose ticket is no longer the latest (the
room read again meanwhile) is dropped, so nothing stale is drawn over something newer.

While a read runs, the garbage collector's automatic runs are paused (services/collector.py).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QObject, Signal

from trainer.services.collector import collector_paused


class BackgroundRead(QObject):
    """Runs `job()` on a daemon thread; `landed(value, error)` comes back on the GUI thread
    for the latest read only. `error` is None, or a message for the user."""

    landed = Signal(object, object)
    _finished = Signal(int, object, object)  # from the worker (queued to the GUI thread)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ticket = 0
        self.running = False
        self._finished.connect(self._land)

    def start(self, job: Callable[[], Any]) -> None:
        """Start a read; a read still running is left to finish and its result dropped."""
        self._ticket += 1
        self.running = True
        threading.Thread(target=self._run, args=(self._ticket, job), daemon=True).start()

    def drop(self) -> None:
        """Forget the read under way: its result will not land."""
        self._ticket += 1
        self.running = False

    def _run(self, ticket: int, job: Callable[[], Any]) -> None:
        value, error = None, None
        try:
            with collector_paused():
                value = job()
        except Exception as failure:  # noqa: BLE001 - shown to the user, never a crash
            error = f"Unexpected {type(failure).__name__}: {failure}"
        with suppress(RuntimeError):  # the window closed meanwhile
            self._finished.emit(ticket, value, error)

    def _land(self, ticket: int, value: object, error: object) -> None:
        if ticket != self._ticket:
            return
        self.running = False
        self.landed.emit(value, error)
