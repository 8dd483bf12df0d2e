"""What the rooms load on first use, loaded beforehand on the GUI thread while it is idle.

A room's first visit loaded its modules and PySide's classes at the click: PySide builds a
class, with every Python enum it holds, the first time it is used, and a QObject whose own
class PySide does not wrap (a text edit's document's parent) makes it build every class of
the loaded Qt modules. That froze the window for 0.1-0.4 s on the first Study now, browser,
statistics and stories at 100,000 cards. Once the window has painted, the same work is
done here a few milliseconds at a time, between events, so the window keeps answering.

On the GUI thread, not another: PySide builds its classes lazily without a lock (with the
GIL, building one can switch threads midway), so a second thread could build a class the
GUI thread is building (PYSIDE-2404), and a ui module builds the classes it imports. The
modules without Qt are imported on the after-start thread (`Services.warm_up`).

Not while Keeper waits on a thread for the person (`held`, around `run_in_background`'s
nested loop): a Study now clicked during the loading ran its steps inside that wait, a
room's module or a whole room at a time (50-300 ms at 100,000 cards under load), and took
the GIL from the session's worker. The loading goes on once the wait is over.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib import import_module

from PySide6.QtCore import QObject, QTimer

SLICE_S = 0.008  # work per turn of the event loop: well under a frame
NEW_TURN = object()  # a step yielding it ends its slice: what follows starts a turn alone
HELD_POLL_MS = 50  # while held: how often to look again whether the wait is over

_holds = 0  # waits under way (nested event loops on the GUI thread only)

# QtNetwork: the instance server's; QtCharts: the statistics'.
QT_MODULES = (
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtNetwork",
    "PySide6.QtCharts",
)

# The rooms and the dialogs a session opens, each with its own imports.
ROOM_MODULES = (
    "trainer.ui.room_builders",
    "trainer.ui.study_view",
    "trainer.ui.summary_view",
    "trainer.ui.edit_card_dialog",
    "trainer.ui.browser_view",
    "trainer.ui.statistics.statistics_view",
    "trainer.ui.stories.stories_view",
    "trainer.ui.settings_dialog",
    "trainer.ui.background",
    "trainer.ui.session_gathering",
    "trainer.ui.messages",
)


def qt_classes() -> Iterator[None]:
    """Builds every class of the Qt modules Keeper uses, one a step (the `Qt` namespace,
    the largest, takes 30 ms: one step all the same)."""
    for name in QT_MODULES:
        module = import_module(name)
        yield
        for attribute in dir(module):
            getattr(module, attribute)
            yield


def room_modules() -> Iterator[None]:
    for name in ROOM_MODULES:
        import_module(name)
        yield


@contextmanager
def held() -> Iterator[None]:
    """No idle slice runs while the block runs (the GUI thread's own nested waits)."""
    global _holds
    _holds += 1
    try:
        yield
    finally:
        _holds -= 1


class IdleSlices(QObject):
    """Runs `steps` on the GUI thread, `SLICE_S` of them at a time between events (a step
    that yields `NEW_TURN` ends its slice), except while `held`, then calls `then`."""

    def __init__(self, parent: QObject, steps: Iterable[object], then: Callable[[], None]) -> None:
        super().__init__(parent)
        self._steps = iter(steps)
        self._then = then
        self._timer = QTimer(self)
        self._timer.setInterval(0)  # again as soon as the events waiting are served
        self._timer.timeout.connect(self._slice)
        self._timer.start()

    def _slice(self) -> None:
        if _holds:
            self._timer.setInterval(HELD_POLL_MS)
            return
        self._timer.setInterval(0)
        deadline = time.perf_counter() + SLICE_S
        while time.perf_counter() < deadline:
            try:
                step = next(self._steps)
            except Exception:  # noqa: BLE001 - StopIteration, or a head start lost: the
                self._timer.stop()  # room that uses it loads it itself, and reports any error
                self._then()
                return
            if step is NEW_TURN:
                return
