"""Work off the GUI thread: a job runs on a QThread behind a window-modal progress dialog.

`run_in_background` returns once the job is done; meanwhile a nested event loop keeps the
window painting (the dialog shows after 300 ms) and start-up's loading ahead waits
(`idle_loading.held`). The window takes no keys or clicks while it waits, as behind the
dialog: a second Enter on Study now would otherwise start a second session inside the
first one's wait. Only Qt, the standard library and Qt-only ui modules here: a room that
waits on a thread must not first load what an import uses.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QLabel, QProgressDialog, QWidget

from trainer.ui.idle_loading import held
from trainer.ui.safe_text import plain

Job = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class Cancelled(Exception):
    """Raised by a job that stopped because its cancel was asked for."""


@dataclass(frozen=True)
class Outcome:
    value: Any = None
    error: str | None = None
    cancelled: bool = False


class _Worker(QObject):
    """Runs the job on its own thread; talks back only through signals."""

    progressed = Signal(int, int)
    done = Signal(object)

    def __init__(self, job: Job, shown_errors: tuple[type[Exception], ...]) -> None:
        super().__init__()
        self._job = job
        self._shown_errors = shown_errors
        self.cancel_requested = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            value = self._job(self.progressed.emit, self.cancel_requested.is_set)
            outcome = Outcome(value=value)
        except Cancelled:
            outcome = Outcome(cancelled=True)
        except self._shown_errors as error:
            outcome = Outcome(error=str(error))
        except Exception as error:  # noqa: BLE001 - shown to the user, never a crash
            outcome = Outcome(error=f"Unexpected {type(error).__name__}: {error}")
        self.done.emit(outcome)


_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Shortcut,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
    }
)


class _HoldInput(QObject):
    """Drops the user's input to every widget but the progress dialog while it is installed."""

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__()
        self._dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() not in _INPUT or self._for_the_dialog(watched):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # taken as text, so no shortcut fires from it
        return True

    def _for_the_dialog(self, watched: QObject) -> bool:
        if isinstance(watched, QWidget):
            return watched.window() is self._dialog
        return isinstance(watched, QWindow) and watched is self._dialog.windowHandle()


class _Watcher(QObject):
    """Lives on the GUI thread: moves the progress bar and ends the wait."""

    def __init__(self, dialog: QProgressDialog, loop: QEventLoop) -> None:
        super().__init__()
        self._dialog = dialog
        self._loop = loop
        self.outcome = Outcome(error="The work stopped without a result.")

    @Slot(int, int)
    def progressed(self, done: int, total: int) -> None:
        if total > 0:
            self._dialog.setMaximum(total)
            self._dialog.setValue(min(done, total))

    @Slot(object)
    def finished(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self._loop.quit()


def run_in_background(
    parent: QWidget | None,
    label: str,
    job: Job,
    *,
    cancellable: bool = True,
    shown_errors: tuple[type[Exception], ...] = (),
) -> Outcome:
    """Run `job(progress, cancel)` on a worker thread behind a progress dialog.

    An exception of `shown_errors` becomes the outcome's error (its message), `Cancelled` a
    cancelled outcome, any other an "Unexpected ..." error."""
    # The label often names a file: a label of its own shows the name as typed, never HTML.
    dialog = QProgressDialog("", "Cancel" if cancellable else "", 0, 0, parent)
    dialog.setLabel(plain(QLabel(label)))
    dialog.setWindowTitle("Keeper")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(300)
    if not cancellable:
        dialog.setCancelButton(None)
    loop = QEventLoop()
    watcher = _Watcher(dialog, loop)
    worker = _Worker(job, shown_errors)
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.progressed.connect(watcher.progressed)
    worker.done.connect(watcher.finished)
    dialog.canceled.connect(lambda: _request_cancel(worker, dialog))
    hold = _HoldInput(dialog)
    app = QApplication.instance()
    if app is not None:
        app.installEventFilter(hold)
    thread.start()
    try:
        with held():  # start-up's loading ahead waits too: the worker has the GIL to itself
            loop.exec()
    finally:
        if app is not None:
            app.removeEventFilter(hold)
    thread.quit()
    thread.wait()
    dialog.close()
    dialog.deleteLater()
    return watcher.outcome


def _request_cancel(worker: _Worker, dialog: QProgressDialog) -> None:
    worker.cancel_requested.set()
    dialog.setLabelText("Cancelling: putting everything back...")
