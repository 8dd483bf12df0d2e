"""The event-loop stall probe: the longest the GUI thread went without serving its events.

    python bench/stall_probe.py DATA_DIR [--settle S] [--early-study] [--stacks FILE]

Starts Keeper on DATA_DIR (offscreen, through `create_application` and `start_app`, as
`keeper` does), runs a 5 ms timer, and drives each room in turn the way a person does:
home, Study now (and grades), the browser (open, search, scroll), each page of the
statistics, stories and rehearse, settings, the import and export dialogs, then Study now
and home again with an interview date set. A step is one action followed by `--settle`
seconds of event loop (background work signals back in that time). The worst gap between
two ticks during a step is what a person would have felt as a frozen window; a step that
waits on a thread behind a progress dialog runs a nested loop, so the timer keeps ticking.
Modal dialogs are closed by a timer after 400 ms. Prints one JSON object: worst stall in
milliseconds per room (and per step). Edits a copy only: give it a working copy.

`--stacks FILE` finds what a stall was: whenever the timer has not ticked for
`--stacks-after` ms, every thread's Python stack is written to FILE (by `faulthandler`'s
own thread, which needs no GIL), under the name of the step it happened in. That thread
reads the others' frames while they run: a diagnosis, not a measurement (it crashed the
probe once in about twenty runs).
"""

from __future__ import annotations

import argparse
import cProfile
import faulthandler
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

TICK_MS = 5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--settle", type=float, default=0.6, help="event loop after a step (s)")
    parser.add_argument(
        "--profile",
        type=Path,
        help="also profile each step on the GUI thread (cProfile): one .pstats file per step here",
    )
    parser.add_argument(
        "--early-study",
        action="store_true",
        help="first Study now 0.1 s after the window opens (start-up still loading), then home",
    )
    parser.add_argument("--stacks", type=Path, help="every thread's stack at each stall, here")
    parser.add_argument(
        "--stacks-after", type=float, default=60.0, help="a stall, for --stacks (ms)"
    )
    args = parser.parse_args(argv)
    stacks = args.stacks.open("w") if args.stacks else None
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from trainer.app import start_app
    from trainer.core.study_days import study_date
    from trainer.ui.application import create_application

    _app = create_application()  # the QApplication, alive while Keeper runs
    opened = start_app(args.data_dir)
    if isinstance(opened, int):
        sys.exit(f"Keeper did not start (exit status {opened})")
    window, services = opened.window, opened.services
    worst = {"gap": 0.0, "last": time.perf_counter()}

    def tick() -> None:
        now = time.perf_counter()
        worst["gap"] = max(worst["gap"], now - worst["last"])
        worst["last"] = now
        if stacks is not None:  # again from now: written only if the next tick is late
            faulthandler.dump_traceback_later(args.stacks_after / 1000, file=stacks)

    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(TICK_MS)
    ticker.timeout.connect(tick)
    ticker.start()

    def settle(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    def close_dialog_soon() -> None:
        def close() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(100, close)  # not shown yet (still being built)
            else:
                dialog.reject()  # type: ignore[attr-defined]

        QTimer.singleShot(400, close)

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
        QTest.keyClick(QApplication.focusWidget() or window, key, modifier)

    steps: dict[str, float] = {}

    def step(name: str, action: Callable[[], object], modal: bool = False) -> None:
        settle(0.1)
        if modal:
            close_dialog_soon()
        profiler = cProfile.Profile() if args.profile else None
        if stacks is not None:
            stacks.write(f"\n=== {name}\n")
            stacks.flush()
        worst["gap"], worst["last"] = 0.0, time.perf_counter()
        if profiler is not None:
            profiler.enable()
        action()
        settle(args.settle)
        if profiler is not None:
            profiler.disable()
            args.profile.mkdir(parents=True, exist_ok=True)
            profiler.dump_stats(args.profile / f"{len(steps):02d} {name.replace(':', '')}.pstats")
        steps[name] = round(worst["gap"] * 1000, 1)

    def grade_some() -> None:
        for _ in range(10):
            press(Qt.Key.Key_Space)
            settle(0.02)
            press(Qt.Key.Key_3)
            settle(0.02)

    def scroll_browser() -> None:
        bar = window.browser.table.verticalScrollBar()
        for fraction in range(10):
            bar.setValue(bar.maximum() * fraction // 9)
            settle(0.02)

    def search(text: str) -> Callable[[], None]:
        def run() -> None:
            window.browser.search.setText(text)
            window.browser.run_search()

        return run

    def rehearse() -> None:
        stories = window.stories
        if stories.current_story() is None:
            stories.new_story()
            stories.editor.fields["situation"].setPlainText("A hard call at work.")  # type: ignore[attr-defined]
        stories.start_rehearsal()

    def set_interview() -> None:
        today = study_date(services.clock(), services.plan.zone)
        services.plan.set_interview_date(today + timedelta(days=20), None)

    window.activateWindow()
    if args.early_study:  # a quick person: start-up's loading is still under way
        step("study: Study now, early", lambda: window.start_study(None))
        step("home: back from the early study", window.go_home)
    step("home: start (first paint)", lambda: None)
    step("home: refresh", window.go_home)
    step("study: Study now", lambda: window.start_study(None))
    step("study: show answer and grade, 10 cards", grade_some)
    step("home: back from study", window.go_home)
    step("browser: open (Ctrl+3)", lambda: press(Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier))
    step("browser: search tag:metrics", search("tag:metrics"))
    step("browser: search clear", search(""))
    step("browser: scroll", scroll_browser)
    step("statistics: open (progress page)", window.go_statistics)
    step("statistics: interview plan page", lambda: window.statistics.tabs.setCurrentIndex(1))
    step("statistics: memory model page", lambda: window.statistics.tabs.setCurrentIndex(2))
    step("statistics: back to progress page", lambda: window.statistics.tabs.setCurrentIndex(0))
    step("stories: open", window.go_stories)
    step("rehearse: start", rehearse)
    step("rehearse: leave", window.stories.end_rehearsal)
    step("home: from stories", window.go_home)
    step("settings: open and close", window.manage.open_settings, modal=True)
    step("import dialog: open and cancel", window.import_file, modal=True)
    step("export dialog: open and cancel", window.export_file, modal=True)
    set_interview()
    step("home: refresh, interview date set", window.go_home)
    step("study: Study now, interview date set", lambda: window.start_study(None))
    step("home: back, interview date set", window.go_home)
    step("statistics: open, interview date set", window.go_statistics)
    step(
        "statistics: plan page, interview date set",
        lambda: window.statistics.tabs.setCurrentIndex(1),
    )
    ticker.stop()
    rooms: dict[str, float] = {}
    for name, gap in steps.items():
        room = name.split(":")[0]
        rooms[room] = max(rooms.get(room, 0.0), gap)
    print(json.dumps({"rooms": rooms, "steps": steps, "tick_ms": TICK_MS}), flush=True)
    os._exit(0)  # the copy is thrown away; closing (a backup) is not being measured


if __name__ == "__main__":
    sys.exit(main())
