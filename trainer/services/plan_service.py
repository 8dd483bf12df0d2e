"""The interview date(s), the plan to the day, and study sessions that follow it.

Dates live in the settings table as JSON: {"all": "YYYY-MM-DD" | null, "decks": {id: date}}.
A deck's own date wins over the one for all decks. The interview is taken to be at 10:00
local time on its date; planned reviews of a day happen at the time the plan is made.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from trainer.core.clock import Clock, as_utc, study_day_start
from trainer.core.interview_plan import (
    DEFAULT_TARGET,
    MAX_PLAN_DAYS,
    InterviewPlan,
    plan_interview,
)
from trainer.core.model import Card, CardId, CardState, Deck, DeckId
from trainer.core.plan_simulation import simulate_daily_reviews
from trainer.core.queue import DoneToday, allowance
from trainer.core.scheduling import Scheduler
from trainer.core.study_days import study_date
from trainer.services.settings_service import SettingSource
from trainer.services.study_service import PARAMETERS_KEY
from trainer.services.unit_of_work import UnitOfWork

if TYPE_CHECKING:  # planning reads through SQLAlchemy; the countdown does not
    from trainer.storage.collection import Collection
INTERVIEW_DATES_KEY = "interview_dates"
INTERVIEW_HOUR = 10
MAX_DAYS_AHEAD = MAX_PLAN_DAYS - 1  # the furthest interview date a plan accepts, from today


@dataclass(frozen=True)
class InterviewDates:
    all_decks: date | None = None
    by_deck: dict[DeckId, date] = field(default_factory=dict)

    def for_deck(self, deck_id: DeckId) -> date | None:
        return self.by_deck.get(deck_id, self.all_decks)

    def upcoming(self, today: date) -> list[date]:
        dates = {*self.by_deck.values(), *([self.all_decks] if self.all_decks else [])}
        return sorted(day for day in dates if day > today)


@dataclass(frozen=True)
class DeckForecast:
    deck_id: DeckId
    name: str
    interview: date
    cards: int
    predicted_recall: float  # on the day, if not studied again
    recall_with_plan: float  # on the day, after the planned reviews
    reviews: int  # planned reviews until then


@dataclass(frozen=True)
class PlanDay:
    day: date
    reviews: int


@dataclass(frozen=True)
class PlanReport:
    target: float
    decks: list[DeckForecast]
    daily: list[PlanDay]
    normal_reviews: int  # what studying every due card each day would take until then

    @property
    def total_reviews(self) -> int:
        return sum(day.reviews for day in self.daily)


@dataclass(frozen=True)
class Countdown:
    interview: date
    days: int  # whole days from today


class PlanService:
    def __init__(self, uow: UnitOfWork, clock: Clock, zone: tzinfo | None = None) -> None:
        self._uow = uow
        self._clock = clock
        self.zone = zone

    # Dates -------------------------------------------------------------------------------

    def interview_dates(self) -> InterviewDates:
        with self._uow.reads() as reads:  # plain sqlite: the home screen's countdown
            return _read_dates(reads)

    def set_interview_date(self, day: date | None, deck_id: DeckId | None = None) -> None:
        """Set (or with None clear) the date for one deck, or for all decks.

        Raises ValueError for a date more than `MAX_DAYS_AHEAD` days from today.
        """
        if day is not None:
            self.check_date(day)
        with self._uow() as collection:
            dates = _read_dates(collection)
            by_deck = dict(dates.by_deck)
            if deck_id is None:
                dates = InterviewDates(day, by_deck)
            else:
                if day is None:
                    by_deck.pop(deck_id, None)
                else:
                    by_deck[deck_id] = day
                dates = InterviewDates(dates.all_decks, by_deck)
            collection.set_setting(INTERVIEW_DATES_KEY, _dates_json(dates))

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

    def plan(self, interview: date | None = None, *, target: float = DEFAULT_TARGET) -> PlanReport:
        """The plan for every deck with an upcoming date (`interview` sets one for all)."""
        now = self._clock()
        today = study_date(now, self.zone)
        if interview is not None:
            self.check_date(interview)
        with self._uow() as collection:
            dates = InterviewDates(interview) if interview else _read_dates(collection)
            groups = _group(collection.decks(), dates, today)
            plans = {
                day: self._plan(collection, group, now, day, target)
                for day, group in groups.items()
            }
        forecasts = []
        daily: defaultdict[date, int] = defaultdict(int)
        normal = 0
        for day, (plan, normal_reviews) in plans.items():
            normal += normal_reviews
            for offset, count in enumerate(plan.reviews_per_day()):
                daily[today + timedelta(days=offset)] += count
            for deck in groups[day]:
                cards = sum(1 for c in plan.cards if c.deck_id == deck.id)
                if not cards:
                    continue
                forecasts.append(
                    DeckForecast(
                        deck.id,
                        deck.name,
                        day,
                        cards,
                        plan.predicted_recall(deck.id) or 0.0,
                        plan.recall_with_plan(deck.id) or 0.0,
                        sum(len(c.days) for c in plan.cards if c.deck_id == deck.id),
                    )
                )
        days = [PlanDay(day, daily[day]) for day in sorted(daily)]
        return PlanReport(target, sorted(forecasts, key=lambda f: f.name), days, normal)

    def todays_reviews(
        self, collection: Collection, decks: Sequence[Deck], now: datetime, reviews: list[Card]
    ) -> list[Card]:
        """The study session's hook: for decks with an upcoming interview, today's reviews
        are the plan's, not whatever fell due; other decks keep theirs."""
        today = study_date(now, self.zone)
        dates = _read_dates(collection)
        groups = _group(decks, dates, today)
        if not groups:
            return reviews
        wanted: list[CardId] = []
        for day, group in groups.items():
            plan, _normal = self._plan(collection, group, now, day, DEFAULT_TARGET, compare=False)
            wanted += plan.card_ids_on(0)
        planned_decks = {deck.id for group in groups.values() for deck in group}
        # Learning and new cards come through their own queues; the plan picks the reviews.
        from trainer.storage.review_history import cards_by_ids

        cards = [c for c in cards_by_ids(collection, wanted) if c.memory.state is CardState.REVIEW]
        return [card for card in reviews if card.deck_id not in planned_decks] + cards

    def _plan(
        self,
        collection: Collection,
        decks: Sequence[Deck],
        now: datetime,
        interview: date,
        target: float,
        *,
        compare: bool = True,
    ) -> tuple[InterviewPlan, int]:
        from trainer.storage.review_history import memory_cards

        cards = memory_cards(collection, [deck.id for deck in decks])
        parameters = collection.setting(PARAMETERS_KEY)
        schedulers = {
            deck.id: Scheduler(
                deck.options, parameters=tuple(parameters) if parameters else None, fuzzing=False
            )
            for deck in decks
        }
        done = collection.done_today(study_day_start(now, self.zone))
        per_day = {deck.id: deck.options.new_per_day for deck in decks}
        left = {d.id: allowance(d.options, done.get(d.id, DoneToday())).new for d in decks}
        moment = self.interview_moment(interview)
        days = (interview - study_date(now, self.zone)).days
        plan = plan_interview(
            cards,
            now,
            moment,
            lambda card: schedulers[card.deck_id],
            target=target,
            new_per_day=per_day,
            new_left_today=left,
            days=days,
        )
        normal = 0
        if compare:
            normal = simulate_daily_reviews(
                cards,
                now,
                moment,
                lambda card: schedulers[card.deck_id],
                new_per_day=per_day,
                new_left_today=left,
                days=days,
            ).total_reviews
        return plan, normal

    def interview_moment(self, day: date) -> datetime:
        local = datetime.combine(day, time(INTERVIEW_HOUR))
        aware = local.replace(tzinfo=self.zone) if self.zone is not None else local.astimezone()
        return as_utc(aware)


def _group(decks: Sequence[Deck], dates: InterviewDates, today: date) -> dict[date, list[Deck]]:
    """The decks with an interview after today, by interview date."""
    groups: defaultdict[date, list[Deck]] = defaultdict(list)
    for deck in decks:
        day = dates.for_deck(deck.id)
        if day is not None and 0 < (day - today).days <= MAX_DAYS_AHEAD:
            groups[day].append(deck)
    return dict(groups)


def _read_dates(source: SettingSource) -> InterviewDates:
    value = source.setting(INTERVIEW_DATES_KEY) or {}
    by_deck = {}
    for key, text in (value.get("decks") or {}).items():
        parsed = _parse(text)
        if parsed is not None:
            by_deck[DeckId(int(key))] = parsed
    return InterviewDates(_parse(value.get("all")), by_deck)


def _dates_json(dates: InterviewDates) -> dict[str, object]:
    return {
        "all": dates.all_decks.isoformat() if dates.all_decks else None,
        "decks": {str(int(k)): v.isoformat() for k, v in sorted(dates.by_deck.items())},
    }


def _parse(text: object) -> date | None:
    if not isinstance(text, str):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
