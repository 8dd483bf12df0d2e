"""A study session's cards gathered on a worker thread, behind a progress dialog.

Reading a day's cards takes a quarter of a second and more at 100,000 cards (seconds with
an interview plan), so it never runs on the GUI thread; the collector is paused meanwhile
(its full collections held the GIL 20-70 ms each, services/collector.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from trainer.services.collector import collector_paused
from trainer.ui import messages
from trainer.ui.background import run_in_background

if TYPE_CHECKING:  # not imported at the click: the warm-up thread may be importing it
    from trainer.core.session import StudySession


def gather_session(
    parent: QWidget, label: str, make: Callable[[], StudySession]
) -> StudySession | None:
    """The session `make` returns, or None once the person was told why there is none."""

    def gather(_progress: object, _cancel: object) -> StudySession:
        with collector_paused():
            return make()

    outcome = run_in_background(parent, label, gather, cancellable=False)
    if outcome.error:
        messages.warning(parent, "Keeper", outcome.error)
        return None
    return outcome.value
