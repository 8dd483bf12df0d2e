"""Pausing the garbage collector's automatic runs around a big read or an import.

A read at 100,000 cards makes and frees a few hundred thousand objects; each full
collection it set off walked everything alive (20-70 ms) holding the GIL, so the GUI thread
froze that long. What such a read frees is freed by reference counting. An import is the
same (services/exchange_service.py). No Qt here: a worker thread may import this (PySide
builds its classes without a lock, PYSIDE-2404).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_paused = 0  # reads under way with the collector paused
_resume = False  # whether the collector was on when the first of them paused it
_paused_lock = threading.Lock()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic garbage collection while the block runs (nests across threads)."""
    global _paused, _resume
    with _paused_lock:
        if _paused == 0:
            _resume = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            if _paused == 0 and _resume:
                gc.enable()
