"""What the app does once its window has painted: check the file, load what comes next.

The window paints from quick plain-sqlite reads. Right after that first paint:
- the collection's integrity check (`PRAGMA quick_check`, about half a second on a
  100,000-card file) runs on a thread. Nothing is committed to the file before it passes
  (`Database.transaction` waits for it). If the file is damaged, the same message as at
  open is shown in a dialog and Keeper closes, without writing or backing up anything;
- SQLAlchemy and the modules without Qt that the rooms use are imported on another thread,
  PySide's classes and the rooms' modules on the GUI thread between events
  (`idle_loading`), so no first visit of a room waits for them; then the rooms slowest
  to build are built, one a turn (`MainWindow.rooms_ahead`); then all that start-up made
  is frozen out of the garbage collector's walks (`gc.freeze`); the collector's automatic
  runs are paused until then;
- the instance server starts listening (a later launch raises this window);
- the garbage collector, off while `keeper` started, is turned back on;
- cards an import left out of the search index (a `keeper import`, a closed app) are
  indexed on a thread of their own, after the check (services/search_index_service.py).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from contextlib import ExitStack
from itertools import chain
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from trainer.services.collector import collector_paused
from trainer.ui.idle_loading import IdleSlices, qt_classes, room_modules
from trainer.ui.thread_relay import on_gui_thread, run_on_thread

if TYPE_CHECKING:
    from trainer.services.services import Services
    from trainer.ui.main_window import MainWindow

DAMAGED_TITLE = "Keeper cannot use your collection"


class AfterFirstPaint(QObject):
    finished = Signal()  # everything is loaded: a room's first visit loads nothing

    def __init__(
        self, window: MainWindow, services: Services, then: Callable[[], None] | None = None
    ) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._then = then  # on the GUI thread, once painted (the instance server)
        self._waiting_for = {"imports", "classes"}  # before the rooms' modules load
        self.settled = False
        self._collector = ExitStack()  # the collector's pause, from the paint to settling
        window.destroyed.connect(self._collector.close)  # closed before settling: resumed
        window.first_painted.connect(self.start)

    def start(self) -> None:
        if not gc.isenabled():  # `keeper` starts without the collector (app.launch_app):
            gc.enable()  # on once the pause below ends, with all start-up made frozen
        # No automatic collection until all is loaded and frozen: the loading makes objects
        # fast enough to set off full collections, each walking everything alive on the
        # GUI thread (64 ms at 100,000 cards, in the first second after the paint).
        self._collector.enter_context(collector_paused())
        self._services.check_pages(on_done=on_gui_thread(self, self._checked))
        self._services.search_index.catch_up_later()  # waits for the check, then indexes
        # The modules without Qt, imported on a thread:
        run_on_thread(self, self._services.warm_up, lambda _: self._ready("imports"))
        IdleSlices(self, qt_classes(), then=lambda: self._ready("classes"))
        if self._then is not None:
            self._then()

    def _ready(self, part: str) -> None:
        self._waiting_for.discard(part)
        if not self._waiting_for:  # the rooms' own imports find the rest loaded: short steps
            steps = chain(room_modules(), self._window.rooms_ahead())
            IdleSlices(self, steps, then=self._settle)

    def _settle(self) -> None:
        # What start-up made lives as long as Keeper: out of the collector's walks. A full
        # collection walks every tracked object holding the GIL, whichever thread runs it:
        # with PySide's classes and enums loaded, 0.27 s a time at 100,000 cards.
        gc.freeze()
        self._collector.close()
        self.settled = True
        self.finished.emit()

    def _checked(self, error: Exception | None) -> None:
        if error is not None:
            self._refuse(str(error))

    def _refuse(self, message: str) -> None:
        from trainer.ui import messages

        print(f"keeper: error: {message}", file=sys.stderr)
        messages.critical(self._window, DAMAGED_TITLE, message)
        self._window.close()
