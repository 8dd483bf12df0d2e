"""The Qt binding itself: PySide6 6.12.0 leaked a reference to True on every Python emit,
and the app aborted after a few thousand (bool_dealloc). pyproject excludes that release;
this catches the next one that does the same."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    plain = Signal()
    with_value = Signal(int)


def test_emitting_signals_from_python_does_not_leak_references(qtbot: object) -> None:
    emitter = Emitter()
    received: list[int] = []
    emitter.plain.connect(lambda: received.append(0))
    emitter.with_value.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(500):
        emitter.plain.emit()
        emitter.with_value.emit(n)
    assert len(received) == 1000
    assert abs(sys.getrefcount(True) - before) < 50
