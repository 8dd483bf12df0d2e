"""Today's interview plan, made on a thread when the home screen first needs it each day.

With an interview date set, the home's review counts are the day's plan, which the planner
makes once a study day (half a second and more at 100,000 cards). Until it is made the home
shows each deck's counts as due and says the plan is being made; when the thread is done
the window refreshes the home with the plan's counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from trainer.services.collector import collector_paused
from trainer.ui.thread_relay import run_on_thread

if TYPE_CHECKING:
    from trainer.services.services import Services


class DayPlanning(QObject):
    done = Signal()  # the planning thread is done (on the GUI thread, through the relay)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.running = False
        self._failed = False  # then the home plans as before, where any error is reported

    def start_if_needed(self) -> bool:
        """True while today's plan is being made (started now if it needs making)."""
        if not self.running and not self._failed and self._services.plan.day_plan_pending():
            self.running = True
            run_on_thread(self, self._make, self._made)
        return self.running

    def _make(self) -> bool:
        """On the thread: True if the plan failed."""
        try:
            with collector_paused():  # its full collections held the GIL 20-70 ms each
                self._services.plan.todays_counts()  # makes and keeps today's plan
        except Exception:  # noqa: BLE001 - shown by the refresh that plans it again
            return True
        return False

    def _made(self, failed: bool) -> None:
        self._failed = failed
        self.running = False
        self.done.emit()
