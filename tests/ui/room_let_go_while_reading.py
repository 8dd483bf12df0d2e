"""Run as a script by test_thread_relay.py: a room (a window of its own) is closed and let
go of while its read runs on a thread; prints the name of the thread that destroyed it.

Before the relay the read's thread held the room's method, let go of it last and destroyed
the window there: Qt's `~QWidget` then waited for the GUI thread, blocked here in `join`.
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from trainer.ui.background_read import BackgroundRead

reading, release = threading.Event(), threading.Event()


class Room(QWidget):
    def read(self) -> int:
        reading.set()
        release.wait()
        return 1


def main() -> None:
    app = QApplication([])
    destroyed_on: list[str] = []
    room = Room()
    room.destroyed.connect(
        lambda: destroyed_on.append(threading.current_thread().name),
        Qt.ConnectionType.DirectConnection,  # on the thread that destroys it
    )
    BackgroundRead(room).start(room.read)
    room.show()
    while not reading.is_set():
        app.processEvents()
    room.close()
    del room
    gc.collect()
    release.set()
    for worker in threading.enumerate():
        if worker is not threading.main_thread():
            worker.join()
    app.processEvents()  # what the thread handed over is let go of here
    QTimer.singleShot(0, app.quit)
    app.exec()
    print(destroyed_on)


if __name__ == "__main__":
    main()
