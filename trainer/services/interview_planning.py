"""The plan to the interview: per deck forecasts, reviews per day, and today's planned reviews.

Apart from `plan_service` so the home screen's countdown (a date read from the settings)
does not load the planner, the simulation and fsrs (52 ms: docs/performance.md).
`PlanService.plan` and `PlanService.todays_reviews` come here; this module never imports
`plan_service` (the dates are core's: `core/interview_dates.py`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, TypedDict, cast

from trainer.core.cards import Card
from trainer.core.clock import from_micros, to_micros
from trainer.core.interview_dates import (
    INTERVIEW_DATES_KEY,
    MAX_DAYS_AHEAD,
    InterviewDates,
    dates_from_json,
    dates_json,
)
from trainer.core.interview_plan import (
    CardPlan,
    InterviewPlan,
    SchedulerFor,
    left_alone_ratio,
    plan_interview,
    reviewed_today,
)
from trainer.core.model import CardId, CardState, Deck, DeckId
from trainer.core.plan_cards import PlanCard
from trainer.core.plan_simulation import simulate_daily_reviews
from trainer.core.queue import DoneToday, allowance
from trainer.core.study_days import study_date
from trainer.services.schedulers import deck_schedulers

if TYPE_CHECKING:
    from trainer.storage.collection import Collection

# An interview today is taken to be at 10:00, or an hour from now once 10:00 has passed.
INTERVIEW_TODAY_AFTER = timedelta(hours=1)
DAY_PLAN_KEY = "interview_day_plan"  # today's planned reviews: {"day", "dates", "target", "cards"}


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


class Planner:
    """Plans on an open collection, at `now`, in the study days of `zone`."""

    def __init__(
        self,
        collection: Collection,
        now: datetime,
        zone: tzinfo | None,
        interview_moment: Callable[[date], datetime],
        *,
        keep_day_plan: bool = True,
    ) -> None:
        """`keep_day_plan=False`: a day plan made here is left in `made_day_plan` for the
        caller to keep, outside this unit of work (a reader may be unable to write)."""
        self._collection = collection
        self._keep_day_plan = keep_day_plan
        self.made_day_plan: dict[str, Any] | None = None
        self._now = now
        self._zone = zone
        self._interview_moment = interview_moment
        self._today = study_date(now, zone)

    def report(self, dates: InterviewDates, target: float) -> PlanReport:
        """The plan for every deck with an upcoming date."""
        today = self._today
        groups = group_by_interview(self._collection.decks.all(), dates, today)
        forecasts = []
        daily: defaultdict[date, int] = defaultdict(int)
        normal = 0
        for day, group in groups.items():
            plan, normal_reviews = self._plan(group, day, target)
            normal += normal_reviews
            for offset, count in enumerate(plan.reviews_per_day()):
                daily[today + timedelta(days=offset)] += count
            by_deck: defaultdict[DeckId, list[CardPlan]] = defaultdict(list)
            for card in plan.cards:
                by_deck[card.deck_id].append(card)
            for deck in group:
                cards = by_deck.get(deck.id)
                if cards:
                    forecasts.append(_forecast(deck, day, cards))
        days = [PlanDay(day, daily[day]) for day in sorted(daily)]
        return PlanReport(target, sorted(forecasts, key=lambda f: f.name), days, normal)

    def todays_reviews(
        self, decks: Sequence[Deck], reviews: list[Card], target: float
    ) -> list[Card]:
        """For decks with an upcoming interview, today's reviews are the day plan's still
        left (within the daily limit); other decks keep whatever fell due."""
        left = self.day_plan(target)
        if not left:
            return reviews
        studied = {deck.id for deck in decks}
        wanted = sorted(i for deck_id, ids in left.items() if deck_id in studied for i in ids)
        planned = set(left)
        kept = [card for card in reviews if card.deck_id not in planned]
        return kept + self._weakest_first(self._collection.cards.by_ids(wanted), decks)

    def _weakest_first(self, cards: list[Card], decks: Sequence[Deck]) -> list[Card]:
        """The planned reviews, the least likely recalled now first: stopped early (an
        interview today), the cards most at risk were done."""
        schedulers = deck_schedulers(self._collection.settings, decks, fuzzing=False, zone=None)
        now = self._now
        return sorted(cards, key=lambda card: schedulers[card.deck_id].retrievability(card, now))

    def day_plan(self, target: float) -> dict[DeckId, list[CardId]]:
        """Per deck with an upcoming interview, the reviews today's plan has left: the plan
        is made once a study day (kept in the settings) and studying it only takes cards
        off, so the home, Study now and `keeper plan` show one figure all day."""
        made = self._made_plan(target)
        return {} if made is None else self._left_of(*made)

    def day_plan_counts(self, target: float) -> dict[DeckId, int]:
        """How many reviews `day_plan` has left per deck (the home's figures)."""
        return {deck_id: len(ids) for deck_id, ids in self.day_plan(target).items()}

    def _made_plan(self, target: float) -> tuple[list[CardId], list[Deck], datetime] | None:
        """Today's planned cards, their decks and when the plan was made (made now, if not
        yet today); None without an upcoming interview."""
        dates = dates_from_json(self._collection.settings.get(INTERVIEW_DATES_KEY))
        decks = self._collection.decks.all()
        groups = group_by_interview(decks, dates, self._today)
        if not groups:
            return None
        made_for = self._made_for(dates, target)
        stored = self._collection.settings.get(DAY_PLAN_KEY) or {}
        if {key: stored.get(key) for key in made_for} == made_for:
            ids = cast(list[CardId], stored.get("cards", []))  # kept as ints: no copy
            made_at = from_micros(stored.get("made_at", 0))
        else:
            made_at = self._now
            ids = []
            for day, group in groups.items():
                cards, inputs = self._inputs(group, day, leave_out_safe_at=target)
                # Learning and new cards come through their own queues; the plan picks reviews.
                in_review = {card.id for card in cards if card.state is CardState.REVIEW}
                chosen = reviewed_today(cards, target=target, **inputs)
                ids += [i for i in chosen if i in in_review]
            made = {**made_for, "made_at": to_micros(made_at), "cards": [*map(int, ids)]}
            if self._keep_day_plan:
                self._collection.settings.set(DAY_PLAN_KEY, made)
            else:
                self.made_day_plan = made
        return ids, [deck for group in groups.values() for deck in group], made_at

    def _left_of(
        self, ids: list[CardId], decks: list[Deck], made_at: datetime
    ) -> dict[DeckId, list[CardId]]:
        """The planned cards not reviewed since the plan was made and still in review, per
        deck, in plan order within each deck's daily review limit."""
        done = self._collection.queue.done_today(self._today)
        room = {d.id: allowance(d.options, done.get(d.id, DoneToday())).reviews for d in decks}
        left: dict[DeckId, list[CardId]] = {deck.id: [] for deck in decks}
        for card_id, deck_id in self._collection.cards.left_in_review(ids, made_at):
            if deck_id in left:
                left[deck_id].append(card_id)
        return {deck_id: cards[: room[deck_id]] for deck_id, cards in left.items()}

    def _made_for(self, dates: InterviewDates, target: float) -> dict[str, object]:
        return {"day": self._today.isoformat(), "dates": dates_json(dates), "target": target}

    def _plan(
        self, decks: Sequence[Deck], interview: date, target: float
    ) -> tuple[InterviewPlan, int]:
        """The plan, and the reviews studying every due card each day would take."""
        cards, inputs = self._inputs(decks, interview)
        plan = plan_interview(cards, target=target, **inputs)
        return plan, simulate_daily_reviews(cards, **inputs).total_reviews

    def _inputs(
        self, decks: Sequence[Deck], interview: date, leave_out_safe_at: float | None = None
    ) -> tuple[list[PlanCard], PlanInputs]:
        """The decks' cards, and what planning them needs besides a target.

        `leave_out_safe_at` (a target): leave out the cards `reviewed_today` surely leaves
        alone with it, most of a studied collection (see `left_alone_ratio`).
        """
        collection, now = self._collection, self._now
        schedulers = deck_schedulers(collection.settings, decks, fuzzing=False, zone=None)
        done = collection.queue.done_today(self._today)
        interview_at = self._interview_moment(interview)
        if interview == self._today:  # today's one study slot is now; the interview later on
            interview_at = max(interview_at, now + INTERVIEW_TODAY_AFTER)
        inputs = PlanInputs(
            now=now,
            interview_at=interview_at,
            scheduler_for=schedulers.__getitem__,
            new_per_day={deck.id: deck.options.new_per_day for deck in decks},
            new_left_today={
                d.id: allowance(d.options, done.get(d.id, DoneToday())).new for d in decks
            },
            days=max(1, (interview - self._today).days),
        )
        ratio = None
        if leave_out_safe_at is not None:
            ratio = left_alone_ratio(schedulers.values(), leave_out_safe_at)
        recalled_at = None if ratio is None else (inputs["interview_at"], ratio)
        return collection.cards.for_plan([deck.id for deck in decks], recalled_at), inputs


class PlanInputs(TypedDict):
    """The keyword arguments `plan_interview`, `reviewed_today` and the simulation share."""

    now: datetime
    interview_at: datetime
    scheduler_for: SchedulerFor
    new_per_day: dict[DeckId, int]
    new_left_today: dict[DeckId, int]
    days: int


def _forecast(deck: Deck, interview: date, cards: list[CardPlan]) -> DeckForecast:
    """A deck's figures from its cards' plans (in the plan's order, so sums come out as
    `InterviewPlan.predicted_recall(deck)` adds them)."""
    count = len(cards)
    return DeckForecast(
        deck.id,
        deck.name,
        interview,
        count,
        sum(c.recall_without for c in cards) / count,
        sum(c.recall_with_plan for c in cards) / count,
        sum(len(c.days) for c in cards),
    )


def group_by_interview(
    decks: Sequence[Deck], dates: InterviewDates, today: date
) -> dict[date, list[Deck]]:
    """The decks with an interview today or later, by interview date."""
    groups: defaultdict[date, list[Deck]] = defaultdict(list)
    for deck in decks:
        day = dates.for_deck(deck.id)
        if day is not None and 0 <= (day - today).days <= MAX_DAYS_AHEAD:
            groups[day].append(deck)
    return dict(groups)
