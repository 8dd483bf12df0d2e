"""The rest of a browser search, found on a thread while the first rows are already shown.

One thread at most, and it runs only the newest search asked for: a search typed while
another runs replaces the one waiting, and a result that lands after a newer search was
asked for is dropped (its generation is no longer current). A search the browser shows no
rows of yet (one whose first rows would cost the GUI thread a sort of every card it finds)
lands its first rows first (`Found.head`), then its whole list. Results reach the GUI
thread through a queued signal; nothing here touches a widget.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, Signal

from trainer.core.browse import SortColumn
from trainer.core.model import CardId

Search = Callable[[str, SortColumn, bool], list[CardId]]
Top = Callable[[str, SortColumn, bool, int], list[CardId]]


@dataclass(frozen=True)
class Found:
    generation: int
    ids: list[CardId]
    ms: float
    error: str | None = None
    head: bool = False  # only the first rows: the whole list comes next


class BackgroundSearch(QObject):
    landed = Signal(object)  # a Found, on the GUI thread (queued from the worker)

    def __init__(self, search: Search, top: Top, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._top = top
        self._lock = threading.Lock()
        self._waiting: tuple[int, str, SortColumn, bool, int] | None = None
        self._running = False
        self.generation = 0  # of the newest search asked for (or cancelled)

    def start(self, query: str, sort: SortColumn, descending: bool, head_rows: int = 0) -> int:
        """Find every card of `query` on the thread, its first `head_rows` landed first when
        asked; any older search's result is dropped."""
        with self._lock:
            self.generation += 1
            self._waiting = (self.generation, query, sort, descending, head_rows)
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
            generation, query, sort, descending, head_rows = request
            if head_rows:
                top = partial(self._top, query, sort, descending, head_rows)
                head = self._find(generation, top)
                if head.error is not None or not self._current(generation):
                    self._land(head)  # a failure is the search's; a stale head is dropped
                    continue
                self._land(Found(generation, head.ids, head.ms, head=True))
            self._land(self._find(generation, partial(self._search, query, sort, descending)))

    def _current(self, generation: int) -> bool:
        with self._lock:
            return generation == self.generation

    @staticmethod
    def _find(generation: int, search: Callable[[], list[CardId]]) -> Found:
        started = time.perf_counter()
        try:
            ids, error = search(), None
        except Exception as failure:  # noqa: BLE001 - reported in the browser, never a crash
            ids, error = [], f"{type(failure).__name__}: {failure}"
        return Found(generation, ids, (time.perf_counter() - started) * 1000, error)

    def _land(self, found: Found) -> None:
        with suppress(RuntimeError):  # the browser was closed meanwhile
            self.landed.emit(found)
