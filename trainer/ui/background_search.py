"""The rest of a browser search, found on a thread while the first rows are already shown.

One thread at most, and it runs only the newest search asked for: a search typed while
another runs replaces the one waiting, and a result that lands after a newer search was
asked for is dropped (its generation is no longer current). Results reach the GUI thread
through a queued signal; nothing here touches a widget.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from trainer.core.browse import SortColumn
from trainer.core.model import CardId

Search = Callable[[str, SortColumn, bool], list[CardId]]


@dataclass(frozen=True)
class Found:
    generation: int
    ids: list[CardId]
    ms: float
    error: str | None = None


class BackgroundSearch(QObject):
    landed = Signal(object)  # a Found, on the GUI thread (queued from the worker)

    def __init__(self, search: Search, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._lock = threading.Lock()
        self._waiting: tuple[int, str, SortColumn, bool] | None = None
        self._running = False
        self.generation = 0  # of the newest search asked for (or cancelled)

    def start(self, query: str, sort: SortColumn, descending: bool) -> int:
        """Find every card of `query` on the thread; any older search's result is dropped."""
        with self._lock:
            self.generation += 1
            self._waiting = (self.generation, query, sort, descending)
            if not self._running:
                self._running = True
                threading.Thread(target=self._work, daemon=True).start()
            return self.generation

    def cancel(self) -> None:
        """Drop whatever is running or waiting: its result will not be used."""
        with self._lock:
            self.generation += 1
            self._waiting = None

    def is_current(self, found: Found) -> bool:
        return found.generation == self.generation

    def _work(self) -> None:
        while True:
            with self._lock:
                request, self._waiting = self._waiting, None
                if request is None:
                    self._running = False
                    return
            generation, query, sort, descending = request
            started = time.perf_counter()
            try:
                found = Found(generation, self._search(query, sort, descending), 0.0)
            except Exception as error:  # noqa: BLE001 - reported in the browser, never a crash
                found = Found(generation, [], 0.0, f"{type(error).__name__}: {error}")
            ms = (time.perf_counter() - started) * 1000
            with suppress(RuntimeError):  # the browser was closed meanwhile
                self.landed.emit(Found(found.generation, found.ids, ms, found.error))
