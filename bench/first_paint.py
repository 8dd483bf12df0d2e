"""The benchmark's start-up driver: process start to the first painted window.

    python bench/first_paint.py empty                  # an empty QMainWindow: the floor
    python bench/first_paint.py label                  # the same with one line of text
    python bench/first_paint.py keeper DATA_DIR        # Keeper, the way `keeper` starts it
    python bench/first_paint.py keeper DATA_DIR --use  # then a little use, for peak memory

`bench/run.py` spawns it and subtracts the moment it spawned it (time.monotonic is one clock
for every process), so Python's own start-up counts. Keeper starts through
`create_application` and `start_app`, exactly as `launch_app` does, then the event loop runs.
A filter on the main window notes its first Paint event; a zero timer then fires once that
paint (the whole window, children included) is done. Prints one JSON line and exits at once,
without closing the collection (nothing was changed, and the close is not being timed).
"""

import json
import os
import sys
import time


def main() -> None:
    mode = sys.argv[1]
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    marks: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if "paint" not in marks and event.type() == QEvent.Type.Paint:
                marks["paint"] = time.monotonic()
                QTimer.singleShot(0, painted)
            return False

    def painted() -> None:
        marks["painted"] = time.monotonic()
        if "--use" in sys.argv:
            use_a_little(window)  # type: ignore[arg-type]
        report(marks)

    if mode in ("empty", "label"):
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(980, 680)
        if mode == "label":  # a reference, not the floor: the cost of drawing any text
            from PySide6.QtWidgets import QLabel

            window.setCentralWidget(QLabel("Keeper"))
        window.show()
    else:
        from pathlib import Path

        from trainer.app import start_app
        from trainer.ui.application import create_application

        app = create_application()
        opened = start_app(Path(sys.argv[2]))
        if isinstance(opened, int):
            sys.exit(f"Keeper did not start (exit status {opened})")
        window = opened.window
    watcher = FirstPaint()
    window.installEventFilter(watcher)
    app.exec()


def use_a_little(window: object) -> None:
    """Study 20 cards, open the browser and scroll it, open the statistics, go home."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget() or window
        QTest.keyClick(target, key, modifier)
        QApplication.processEvents()

    window.activateWindow()  # type: ignore[attr-defined]
    QApplication.processEvents()
    window.start_study(None)  # type: ignore[attr-defined]  # what Enter on "Study now" does
    for _ in range(20):
        press(Qt.Key.Key_Space)
        press(Qt.Key.Key_3)
    press(Qt.Key.Key_Escape)
    press(Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # the browser
    table = window.browser.table  # type: ignore[attr-defined]
    bar = table.verticalScrollBar()
    for step in range(10):
        bar.setValue(bar.maximum() * step // 9)
        table.viewport().repaint()
    press(Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # the statistics room
    for _ in range(50):  # let a room that loads in the background finish
        QApplication.processEvents()
        time.sleep(0.02)
    press(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)


def report(marks: dict[str, float]) -> None:
    marks["vm_hwm_mb"] = _peak_rss_mb()
    marks["process_age_ms"] = _process_age_ms()
    print(json.dumps(marks), flush=True)
    os._exit(0)


def _peak_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _process_age_ms() -> float:
    """A cross-check from the kernel: how long ago this process started (10 ms ticks)."""
    with open("/proc/self/stat", encoding="ascii") as stat:
        started_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
    uptime = time.clock_gettime(time.CLOCK_BOOTTIME)
    return (uptime - started_ticks / os.sysconf("SC_CLK_TCK")) * 1000


if __name__ == "__main__":
    main()
