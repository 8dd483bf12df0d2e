"""The home's deck counts: as due at once, and with an interview date the day plan's.

With an interview date set, the home's review counts are today's plan. Reading what it has
left takes 40-120 ms at 100,000 cards (SQLite over the plan's cards), and making it, once a
study day, half a second and more: neither runs on the GUI thread. The home shows each
deck's counts as due at once, says the plan's are coming, and shows them when the read
lands; a read started again meanwhile (back from a session) drops the older one, so the
counts shown are never older than the last refresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject

from trainer.core.queue import DeckOverview
from trainer.core.study_days import study_date
from trainer.ui.background_read import BackgroundRead

if TYPE_CHECKING:
    from trainer.services.services import Services
    from trainer.ui.home_view import HomeView


class HomeCounts(QObject):
    def __init__(self, services: Services, home: HomeView) -> None:
        super().__init__(home)
        self._services = services
        self._home = home
        self._read = BackgroundRead(home)
        self._read.landed.connect(self._landed)

    def show(self) -> None:
        study, plan = self._services.study, self._services.plan
        self._home.show_decks(study.overview(planned=False))
        if not plan.interview_dates().upcoming(study_date(self._services.clock(), plan.zone)):
            self._read.drop()  # a date just cleared: a plan's counts still on the way are old
            return
        self._home.show_planning()
        self._read.start(study.overview)  # makes and keeps today's plan if not yet made

    def _landed(self, decks: object, error: object) -> None:
        if error is not None:
            self._home.show_planning_failed(str(error))
        else:
            self._home.show_decks(cast(Sequence[DeckOverview], decks))
