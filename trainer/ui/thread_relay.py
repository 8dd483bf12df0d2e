"""How a worker thread hands its results to the GUI thread: through the relay, never by
touching a QObject itself.

A worker that emitted a signal of its owner raced the owner's deletion (a room or window
closed while the job ran), and one that held its owner's methods let go of them last, on
its own thread: a window whose last reference went with the thread was destroyed there
(Qt allows that on the GUI thread only; it hung).

So a `Task` holds the receiver, the job and what to do with each result; its thread holds
the task only. Each result goes into a queue, and the relay (one QObject on the GUI thread,
never deleted) is woken to deliver it there: `then(value)` runs only while the receiver
is alive (`shiboken6.isValid`), otherwise the result is dropped quietly. Once the job has
ended, the task lets go of the receiver, the job and `then` on the GUI thread too. Results
are plain values, not QObjects.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

_ENDED = object()  # the job returned (or raised): the task lets go of what it holds


class Task:
    """`work(task)` runs on a thread and passes each result to `task.send`; `then(result)`
    runs on the GUI thread while `receiver` is alive."""

    def __init__(
        self, receiver: QObject, work: Callable[[Task], None], then: Callable[[Any], None]
    ) -> None:
        self.receiver: QObject | None = receiver
        self.work: Callable[[Task], None] | None = work
        self.then: Callable[[Any], None] | None = then

    def send(self, value: object) -> None:
        """From the worker thread: deliver `value` on the GUI thread."""
        _post(self, value)

    def deliver(self, value: object) -> None:  # on the GUI thread
        if value is _ENDED:
            self.receiver = self.work = self.then = None
        elif self.then is not None and shiboken6.isValid(self.receiver):
            self.then(value)


def start_thread(work: Callable[..., None], *args: object) -> None:
    """`work(*args)` on a daemon thread; `args` hold no QObject (a Task holds them). Call
    from the GUI thread."""
    _Relay.make()
    threading.Thread(target=work, args=args, daemon=True).start()


def run_on_thread(receiver: QObject, job: Callable[[], Any], then: Callable[[Any], None]) -> None:
    """`job()` on a daemon thread, `then(its value)` on the GUI thread if `receiver` is
    still alive by then."""
    start_thread(run_task, Task(receiver, lambda task: task.send(job()), then))


def on_gui_thread(receiver: QObject, then: Callable[[Any], None]) -> Callable[[Any], None]:
    """A callback for a thread that calls it once: `then(value)` on the GUI thread if
    `receiver` is still alive by then. Call from the GUI thread."""
    _Relay.make()
    task = Task(receiver, lambda _task: None, then)

    def called(value: object) -> None:
        _post(task, value)
        _post(task, _ENDED)

    return called


def run_task(task: Task) -> None:
    """On a worker thread: the task's work, then its end posted to the GUI thread."""
    try:
        assert task.work is not None
        task.work(task)
    finally:
        _post(task, _ENDED)


def _post(task: Task, value: object) -> None:
    assert _relay is not None, "made by start_thread"
    _relay.post(task, value)


class _Relay(QObject):
    _posted = Signal()  # emitted from worker threads: this object outlives them all

    def __init__(self) -> None:
        super().__init__()
        self._waiting: queue.SimpleQueue[tuple[Task, object]] = queue.SimpleQueue()
        self._posted.connect(self._deliver)  # queued: emitted on other threads only

    @classmethod
    def make(cls) -> None:
        global _relay  # noqa: PLW0603 - one relay for the app, made on the GUI thread
        if _relay is None:
            _relay = cls()

    def post(self, task: Task, value: object) -> None:
        self._waiting.put((task, value))
        self._posted.emit()

    def _deliver(self) -> None:  # one per post, in the order posted
        task, value = self._waiting.get_nowait()
        task.deliver(value)


_relay: _Relay | None = None  # made by the first `start_thread`
