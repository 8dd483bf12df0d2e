"""Keeper's interactive timings on one collection, in one process, through the real window.

    python bench/keeper_timings.py DATA_DIR [--runs K] [--grades G]

Run by `bench/run.py` on a copy of the benchmark collection (it studies, so it writes).
Prints one JSON line of samples in milliseconds; run.py summarises them. Offscreen Qt.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

SEARCHES = ("retention", "pricing launch", "tag:metrics", "is:due", "deck:Bench deck 07", "zzzz")
Samples = dict[str, list[float]]


def ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def repeat(work: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append(ms_since(started))
    return samples


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key to whatever has focus, as a person typing would (shortcuts included)."""
    target = QApplication.focusWidget()
    if target is None:  # a progress dialog came and went: the window is active again
        window = QApplication.activeWindow() or QApplication.topLevelWidgets()[0]
        window.activateWindow()
        QApplication.processEvents()
        target = QApplication.focusWidget() or window
    QTest.keyClick(target, key, modifier)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--grades", type=int, default=200)
    args = parser.parse_args()

    from trainer.app import open_services
    from trainer.services.services import Services
    from trainer.ui.application import create_application
    from trainer.ui.main_window import MainWindow

    create_application()
    samples: Samples = {}

    def open_quick() -> Services:
        """As the app and `keeper` open it (a Keeper from before the deferred integrity
        check, measured for the record, opens with the check)."""
        try:
            return open_services(args.data_dir, defer_check=True)
        except TypeError:
            return open_services(args.data_dir)

    def open_and_count() -> None:
        opened = open_quick()
        opened.study.overview()
        opened.close()

    samples["open collection + due counts (in process)"] = repeat(open_and_count, args.runs)
    services = open_quick()
    integrity = getattr(services.database, "integrity", None)
    if integrity is not None:
        integrity.wait()  # what the app starts once painted; done here first
    window = MainWindow(services, args.data_dir)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    wait_for(lambda: QApplication.focusWidget() is not None)

    samples["home due counts (study.overview)"] = repeat(services.study.overview, args.runs * 4)
    samples["home screen refresh (counts, today, countdown)"] = repeat(
        lambda: (window.refresh(), window.home.repaint()), args.runs * 2
    )
    # Before the grading below, which may leave nothing due on a small collection.
    samples["study now with an interview date set"] = interview_session(window, services, args.runs)
    samples.update(study(window, services, args.runs, args.grades))
    samples.update(browse(window, services, args.runs))
    samples["statistics room (Ctrl+4 until shown)"] = statistics_room(window, args.runs)
    print(json.dumps(samples), flush=True)
    os._exit(0)  # the window and collection are thrown away with the copy


def wait_for(condition: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window never got there")
        QApplication.processEvents()
        time.sleep(0.005)


def study(window, services, runs: int, grades: int) -> Samples:  # type: ignore[no-untyped-def]
    """Study now, then grades by key press: from the digit to the next card painted."""
    start_samples, grade_samples, service_samples = [], [], []
    for run in range(runs):
        window.go_home()
        window.activateWindow()  # the planning dialog before may have taken it (offscreen)
        wait_for(lambda: QApplication.focusWidget() is window.home.study_now)
        started = time.perf_counter()
        press(Qt.Key.Key_Return)  # "Study now" has the focus at home
        view = window.study
        view.repaint()
        assert window.rooms.currentWidget() is view, "Study now did not start a session"
        start_samples.append(ms_since(started))
        for number in range(grades):
            if window.rooms.currentWidget() is not view:
                break  # the session ended
            press(Qt.Key.Key_Space)
            view.repaint()
            key = Qt.Key.Key_1 if (number + run) % 10 == 0 else Qt.Key.Key_3
            started = time.perf_counter()
            press(key)  # committed, next card drawn and rendered
            view.repaint()  # and painted, synchronously
            grade_samples.append(ms_since(started))
        press(Qt.Key.Key_Escape)
    # The same grades without the window: the figure to set beside Anki's answerCard.
    from trainer.core.cards import Rating

    session = services.study.start_session()
    for number in range(grades * runs):
        if session.current is None:
            break
        session.reveal()
        started = time.perf_counter()
        review = session.grade(Rating.AGAIN if number % 10 == 0 else Rating.GOOD)
        services.study.record(review)
        _ = session.current
        service_samples.append(ms_since(started))
    return {
        "study now -> first card shown": start_samples,
        "grade -> next card shown (key press, commit, paint)": grade_samples,
        "grade -> next card (service only, no window)": service_samples,
    }


def browse(window, services, runs: int) -> Samples:  # type: ignore[no-untyped-def]
    opened = []
    for _ in range(runs):
        window.go_home()
        QApplication.processEvents()
        started = time.perf_counter()
        press(Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        window.browser.repaint()
        opened.append(ms_since(started))
    browser = window.browser
    searches: Samples = {query: [] for query in SEARCHES}
    for _ in range(runs):
        for query in SEARCHES:  # in turn, so no query is timed only right after itself
            started = time.perf_counter()
            browser.search.setText(query)
            browser.run_search()
            browser.table.viewport().repaint()
            searches[query].append(ms_since(started))
            whole_list_in(browser)  # untimed: the next query starts from a still browser
    browser.search.setText("")
    browser.run_search()
    whole_list_in(browser)  # every row in, so the scroll bar spans them all
    bar = browser.table.verticalScrollBar()
    spots = [bar.maximum() * n // 10 for n in (9, 2, 7, 4, 10, 1, 5, 8, 3, 6)]
    scrolls = []
    for _ in range(runs):
        for spot in spots:
            started = time.perf_counter()
            bar.setValue(spot)
            browser.table.viewport().repaint()
            scrolls.append(ms_since(started))
    return {
        "browser open (Ctrl+3: model reset, first rows, paint)": opened,
        **{f"browser search: {query}": values for query, values in searches.items()},
        **{
            f"search: {query}": repeat(lambda q=query: services.browse.search(q), runs * 2)
            for query in SEARCHES
        },
        "browser scroll, one far jump + paint": scrolls,
    }


def whole_list_in(browser) -> None:  # type: ignore[no-untyped-def]
    """Wait for the rest of a search (found on a thread after its first rows are shown)."""
    while not browser.model.complete:
        QApplication.processEvents()


def statistics_room(window, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    """What Ctrl+4 does (the Go menu's action), until the room shows its figures."""
    samples = []
    for _ in range(max(1, runs // 2)):
        window.go_home()
        QApplication.processEvents()
        started = time.perf_counter()
        window.statistics_action.trigger()
        room = window.statistics
        wait_for(lambda room=room: room.isVisible() and not getattr(room, "loading", False), 120)
        room.repaint()
        samples.append(ms_since(started))
    window.go_home()
    return samples


def interview_session(window, services, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    from trainer.core.study_days import study_date

    today = study_date(services.clock(), services.plan.zone)
    services.plan.set_interview_date(today + timedelta(days=30))
    samples = []
    try:
        for _ in range(max(1, runs // 2)):
            window.go_home()
            QApplication.processEvents()
            started = time.perf_counter()
            window.home.study_now.click()  # what Enter on it does
            window.study.repaint()
            samples.append(ms_since(started))
            assert window.rooms.currentWidget() is window.study, "no session started"
            press(Qt.Key.Key_Escape)
    finally:
        services.plan.set_interview_date(None)
    return samples


if __name__ == "__main__":
    sys.exit(main())
