"""The rest of a browser search, found on a thread while the first rows are already shown.

One thread at most, and it runs only the newest search asked for: a search typed while
another runs replaces the one waiting, and a result that lands after a newer search was
asked for is dropped (its generation is no longer current). A search the browser shows no
rows of yet (one whose first rows would cost the GUI thread a sort of every card it finds)
lands its first rows first (`Found.head`), then its whole list. Results reach the GUI
thread through the relay (ui/thread_relay.py): the thread emits no signal, touches no widget.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, Signal

from trainer.core.browse import SortColumn
from trainer.core.model import CardId
from trainer.ui.thread_relay import Task, run_task, start_thread

Search = Callable[[str, SortColumn, bool], list[CardId]]
Top = Callable[[str, SortColumn, bool, int], list[CardId]]


@dataclass(frozen=True)
class Found:
    generation: int
    ids: list[CardId]
    ms: float
    error: str | None = None
    head: bool = False  # only the first rows: the whole list comes next


class _Searches:
    """What the GUI thread and the search thread share: no QObject, as the thread holds it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.waiting: Task | None = None
        self.running = False
        self.generation = 0  # of the newest search asked for (or cancelled)

    def current(self, generation: int) -> bool:
        with self.lock:
            return generation == self.generation


class BackgroundSearch(QObject):
    landed = Signal(object)  # a Found, on the GUI thread (through ui/thread_relay.py)

    def __init__(self, search: Search, top: Top, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._top = top
        self._searches = _Searches()

    def start(self, query: str, sort: SortColumn, descending: bool, head_rows: int = 0) -> int:
        """Find every card of `query` on the thread, its first `head_rows` landed first when
        asked; any older search's result is dropped."""
        searches = self._searches
        with searches.lock:
            searches.generation += 1
            find = partial(self._find_all, searches.generation, query, sort, descending, head_rows)
            searches.waiting = Task(self, find, self.landed.emit)
            if not searches.running:
                searches.running = True
                start_thread(_work, searches)
            return searches.generation

    def cancel(self) -> None:
        """Drop whatever is running or waiting: its result will not be used."""
        with self._searches.lock:
            self._searches.generation += 1
            self._searches.waiting = None

    def is_current(self, found: Found) -> bool:
        return found.generation == self._searches.generation

    def _find_all(  # noqa: PLR0913 - one search as asked, and where its results go
        self,
        generation: int,
        query: str,
        sort: SortColumn,
        descending: bool,
        head_rows: int,
        task: Task,
    ) -> None:
        if head_rows:
            head = _find(generation, partial(self._top, query, sort, descending, head_rows))
            if head.error is not None or not self._searches.current(generation):
                task.send(head)  # a failure is the search's; a stale head is dropped
                return
            task.send(Found(generation, head.ids, head.ms, head=True))
        task.send(_find(generation, partial(self._search, query, sort, descending)))


def _work(searches: _Searches) -> None:
    """The search thread: the newest search waiting, until none is."""
    while True:
        with searches.lock:
            task, searches.waiting = searches.waiting, None
            if task is None:
                searches.running = False
                return
        run_task(task)


def _find(generation: int, search: Callable[[], list[CardId]]) -> Found:
    started = time.perf_counter()
    try:
        ids, error = search(), None
    except Exception as failure:  # noqa: BLE001 - reported in the browser, never a crash
        ids, error = [], f"{type(failure).__name__}: {failure}"
    return Found(generation, ids, (time.perf_counter() - started) * 1000, error)
