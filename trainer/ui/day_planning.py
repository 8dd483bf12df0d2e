"""Today's interview plan, made on a thread when the home screen first needs it each day.

With an interview date set, the home's review counts are the day's plan, which the planner
makes once a study day (half a second and more at 100,000 cards). Until it is made the home
shows each deck's counts as due and says the plan is being made; when the thread is done
the window refreshes the home with the plan's counts.
"""

from __future__ import annotations

import threading
from contextlib import suppress
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from trainer.services.collector import collector_paused

if TYPE_CHECKING:
    from trainer.services.services import Services


class DayPlanning(QObject):
    done = Signal()  # from the planning thread to the GUI thread (queued)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.running = False
        self._failed = False  # then the home plans as before, where any error is reported

    def start_if_needed(self) -> bool:
        """True while today's plan is being made (started now if it needs making)."""
        if not self.running and not self._failed and self._services.plan.day_plan_pending():
            self.running = True
            threading.Thread(target=self._make, daemon=True).start()
        return self.running

    def _make(self) -> None:
        try:
            with collector_paused():  # its full collections held the GIL 20-70 ms each
                self._services.plan.todays_counts()  # makes and keeps today's plan
        except Exception:  # noqa: BLE001 - shown by the refresh that plans it again
            self._failed = True
        self.running = False
        with suppress(RuntimeError):  # the window closed meanwhile
            self.done.emit()
