"""Worker threads hand their results to the relay (ui/thread_relay.py): they land on the GUI
thread while their receiver is alive, are dropped quietly once it is gone, and whatever a
thread held is let go of on the GUI thread."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from pytestqt.qtbot import QtBot

from trainer.ui.thread_relay import Task, on_gui_thread, run_on_thread, run_task, start_thread


def test_a_room_let_go_of_while_its_read_runs_is_destroyed_on_the_gui_thread() -> None:
    # In a process of its own: before the relay the read's thread destroyed the window.
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.room_let_go_while_reading"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["['MainThread']"]


def test_a_result_for_a_receiver_deleted_meanwhile_is_dropped_quietly(
    qtbot: QtBot, thread_errors: list[BaseException | None]
) -> None:
    gone, alive = QObject(), QObject()
    landed: list[str] = []
    release = threading.Event()
    run_on_thread(gone, lambda: release.wait(30) and "late", landed.append)
    gone.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    release.set()
    run_on_thread(alive, lambda: "next", landed.append)  # delivered after the first
    qtbot.waitUntil(lambda: landed == ["next"])
    assert thread_errors == []


def test_results_land_on_the_gui_thread_in_the_order_sent(qtbot: QtBot) -> None:
    receiver = QObject()
    landed: list[tuple[int, bool]] = []

    def work(task: Task) -> None:
        for number in range(3):
            task.send(number)

    def then(number: int) -> None:
        landed.append((number, threading.current_thread() is threading.main_thread()))

    start_thread(run_task, Task(receiver, work, then))
    qtbot.waitUntil(lambda: len(landed) == 3)
    assert landed == [(0, True), (1, True), (2, True)]


def test_a_job_that_fails_is_reported_on_its_thread_and_lands_nothing(
    qtbot: QtBot, thread_errors: list[BaseException | None]
) -> None:
    receiver = QObject()
    landed: list[object] = []

    def fail() -> None:
        raise ValueError("no")

    run_on_thread(receiver, fail, landed.append)
    qtbot.waitUntil(lambda: thread_errors != [])
    run_on_thread(receiver, lambda: "next", landed.append)  # the relay still delivers
    qtbot.waitUntil(lambda: landed == ["next"])
    assert [type(error) for error in thread_errors] == [ValueError]


def test_a_callback_another_thread_calls_lands_on_the_gui_thread_while_its_receiver_lives(
    qtbot: QtBot, thread_errors: list[BaseException | None]
) -> None:
    gone, alive = QObject(), QObject()
    landed: list[tuple[str, bool]] = []

    def then(value: str) -> None:
        landed.append((value, threading.current_thread() is threading.main_thread()))

    to_gone, to_alive = on_gui_thread(gone, then), on_gui_thread(alive, then)
    gone.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for callback, value in ((to_gone, "late"), (to_alive, "checked")):
        caller = threading.Thread(target=callback, args=(value,))  # as the integrity check
        caller.start()
        caller.join()
    qtbot.waitUntil(lambda: landed == [("checked", True)])
    assert thread_errors == []
