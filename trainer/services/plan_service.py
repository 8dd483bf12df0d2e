"""The interview date(s), the plan to the day, and study sessions that follow it.

Dates live in the settings table (core/interview_dates.py says how). The interview is taken
to be at 10:00 local time on its date; planned reviews of a day happen at the time the plan
is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, NamedTuple

from trainer.core.clock import Clock, as_utc
from trainer.core.interview_dates import (
    INTERVIEW_DATES_KEY,
    MAX_DAYS_AHEAD,
    InterviewDates,
    dates_from_json,
    dates_json,
)
from trainer.core.model import DeckId
from trainer.core.study_days import study_date
from trainer.services.settings_service import SettingSource
from trainer.services.undo import UndoHistory, journal_step
from trainer.services.unit_of_work import UnitOfWork

if TYPE_CHECKING:  # planning (interview_planning) reads through SQLAlchemy; the countdown not
    from trainer.core.cards import Card
    from trainer.core.model import Deck
    from trainer.services.interview_planning import Planner, PlanReport
    from trainer.storage.collection import Collection

__all__ = ["MAX_DAYS_AHEAD", "Countdown", "InterviewDates", "PlanService", "read_dates"]
INTERVIEW_HOUR = 10


class Countdown(NamedTuple):
    interview: date
    days: int  # whole days from today


class PlanService:
    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        zone: tzinfo | None = None,
        undo: UndoHistory | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self.zone = zone
        self._undo = undo

    # Dates -------------------------------------------------------------------------------

    def interview_dates(self) -> InterviewDates:
        with self._uow.reads() as reads:  # plain sqlite: the home screen's countdown
            return read_dates(reads.settings)

    def set_interview_date(self, day: date | None, deck_id: DeckId | None = None) -> None:
        """Set (or with None clear) the date for one deck, or for all decks.

        Raises ValueError for a date more than `MAX_DAYS_AHEAD` days from today.
        """
        from trainer.storage.row_journal import recording  # SQLAlchemy: not at start

        if day is not None:
            self.check_date(day)
        with self._uow() as collection, recording(collection) as journal:
            dates = read_dates(collection.settings)
            by_deck = dict(dates.by_deck)
            if deck_id is None:
                dates = InterviewDates(day, by_deck)
            else:
                if day is None:
                    by_deck.pop(deck_id, None)
                else:
                    by_deck[deck_id] = day
                dates = InterviewDates(dates.all_decks, by_deck)
            collection.settings.set(INTERVIEW_DATES_KEY, dates_json(dates))
        if self._undo is not None:
            label = "Clear interview date" if day is None else f"Set interview date {day:%d %b}"
            self._undo.push(journal_step(label, journal))

    def check_date(self, day: date) -> None:
        """Raise ValueError, saying why, unless a plan can reach `day`."""
        today = study_date(self._clock(), self.zone)
        if (day - today).days > MAX_DAYS_AHEAD:
            raise ValueError(
                f"{day.isoformat()} is too far ahead: plans reach {MAX_DAYS_AHEAD} days, "
                f"to {(today + timedelta(days=MAX_DAYS_AHEAD)).isoformat()}"
            )

    def countdown(self) -> Countdown | None:
        """The next interview and how many days are left, if one is set."""
        today = study_date(self._clock(), self.zone)
        upcoming = self.interview_dates().upcoming(today)
        return Countdown(upcoming[0], (upcoming[0] - today).days) if upcoming else None

    # The plan ----------------------------------------------------------------------------

    def plan(self, interview: date | None = None, *, target: float | None = None) -> PlanReport:
        """The plan for every deck with an upcoming date (`interview` sets one for all);
        `target`: the recall to reach on the day (the planner's default if None)."""
        from dataclasses import replace

        from trainer.core.interview_plan import DEFAULT_TARGET

        if interview is not None:
            self.check_date(interview)
        target = DEFAULT_TARGET if target is None else target
        with self._uow() as collection:
            dates = InterviewDates(interview) if interview else read_dates(collection.settings)
            planner = self._planner(collection)
            report = planner.report(dates, target)
            if interview is not None or target != DEFAULT_TARGET or not report.daily:
                return report  # a what-if plan: not the one studied today
            left = sum(planner.day_plan_counts(target).values())
        self._keep(planner.made_day_plan)
        return replace(report, daily=[replace(report.daily[0], reviews=left), *report.daily[1:]])

    def todays_counts(self) -> dict[DeckId, int]:
        """Per deck with an upcoming interview, the planned reviews left today (what Study
        now gives and the home shows); empty without one. Makes the day's plan if needed."""
        from trainer.core.interview_plan import DEFAULT_TARGET

        with self._uow() as collection:
            planner = self._planner(collection)
            counts = planner.day_plan_counts(DEFAULT_TARGET)
        self._keep(planner.made_day_plan)
        return counts

    def _planner(self, collection: Collection) -> Planner:
        """A planner for figures only: the day plan it makes is kept by `_keep`."""
        from trainer.services.interview_planning import Planner

        return Planner(
            collection, self._clock(), self.zone, self.interview_moment, keep_day_plan=False
        )

    def _keep(self, made: dict[str, Any] | None) -> None:
        """Keep a day plan just made, so the day shows one figure; where the collection
        cannot be written now (a read-only folder, another writer's long transaction) the
        figure is still right, and the plan is made again the next time."""
        if made is None or self._uow.database.read_only:
            return
        from trainer.services.interview_planning import DAY_PLAN_KEY
        from trainer.storage.collection import WriteRefused

        try:
            with self._uow() as collection:
                collection.settings.set(DAY_PLAN_KEY, made)
        except WriteRefused:
            pass

    def todays_reviews(
        self, collection: Collection, decks: Sequence[Deck], now: datetime, reviews: list[Card]
    ) -> list[Card]:
        """The study session's hook: for decks with an upcoming interview, today's reviews
        are the plan's, not whatever fell due; other decks keep theirs."""
        from trainer.core.interview_plan import DEFAULT_TARGET
        from trainer.services.interview_planning import Planner

        planner = Planner(collection, now, self.zone, self.interview_moment)
        return planner.todays_reviews(decks, reviews, DEFAULT_TARGET)

    def interview_moment(self, day: date) -> datetime:
        local = datetime.combine(day, time(INTERVIEW_HOUR))
        aware = local.replace(tzinfo=self.zone) if self.zone is not None else local.astimezone()
        return as_utc(aware)


def read_dates(source: SettingSource) -> InterviewDates:
    return dates_from_json(source.get(INTERVIEW_DATES_KEY))
