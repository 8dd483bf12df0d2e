"""Checking an interview plan by replaying FSRS, and the plain daily schedule to compare.

Both answer every review Good, with the core `Scheduler`, so they measure the schedule,
not luck. `replay_plan` applies a plan's reviews to the cards; `simulate_daily_reviews`
studies whatever falls due each day, as sessions do without an interview date.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter

from trainer.core.cards import Card
from trainer.core.clock import to_micros
from trainer.core.interview_plan import (
    MAX_PLAN_DAYS,
    InterviewPlan,
    SchedulerFor,
    day_count,
    new_card_days,
)
from trainer.core.model import CardId, CardState, DeckId
from trainer.core.plan_cards import DAY, DAY_MICROS, PlanCard, learn
from trainer.core.scheduling import with_memory


@dataclass(frozen=True)
class SimulationResult:
    reviews_per_day: list[int]
    recall: dict[CardId, float]  # predicted recall on the interview day, per card

    @property
    def total_reviews(self) -> int:
        return sum(self.reviews_per_day)

    @property
    def lowest_recall(self) -> float:
        return min(self.recall.values(), default=1.0)


def replay_plan(
    plan: InterviewPlan, cards: Sequence[Card], scheduler_for: SchedulerFor
) -> SimulationResult:
    """Apply every planned review (Good, at its planned time) and read recall on the day."""
    by_id = {card.id: card for card in cards}
    counts = [0] * plan.day_count
    recall: dict[CardId, float] = {}
    for planned in plan.cards:
        card = by_id[planned.card_id]
        scheduler = scheduler_for(card.deck_id)
        for moment, day in zip(planned.review_times, planned.days, strict=True):
            if card.memory.last_review is not None and moment < card.memory.last_review:
                raise ValueError(f"card {card.id}: planned reviews go back in time")
            card = with_memory(card, scheduler.good_memory(card, moment))
            counts[day] += 1
        recall[card.id] = 0.0 if card.is_new else scheduler.retrievability(card, plan.interview_at)
    return SimulationResult(counts, recall)


def simulate_daily_reviews(
    cards: Sequence[PlanCard],
    now: datetime,
    interview_at: datetime,
    scheduler_for: SchedulerFor,
    *,
    new_per_day: Mapping[DeckId, int] | None = None,
    new_left_today: Mapping[DeckId, int] | None = None,
    days: int | None = None,
) -> SimulationResult:
    """Study every card the day it falls due (new cards at the decks' pace) until the day.
    Schedulers should not fuzz."""
    days = day_count(now, interview_at, days)
    if days > MAX_PLAN_DAYS:
        raise ValueError(f"a simulation reaches at most {MAX_PLAN_DAYS} days ahead")
    active = sorted((card for card in cards if not card.suspended), key=attrgetter("id"))
    intro = new_card_days(active, new_per_day or {}, new_left_today or {})
    daily = _Daily(now, interview_at, days, scheduler_for)
    recall = {card.id: daily.study(card, intro.get(card.id)) for card in active}
    return SimulationResult(daily.counts, recall)


class _Daily:
    """Cards studied whenever due. Cards do not meet, so each is followed on its own from one
    due day to the next, not looked at every day."""

    def __init__(
        self, now: datetime, interview_at: datetime, days: int, scheduler_for: SchedulerFor
    ) -> None:
        self.now = now
        self.days = days
        self.scheduler_for = scheduler_for
        self.counts = [0] * days
        self.interview_day = (interview_at - now).days
        self._now_micros = to_micros(now)
        self._interview_micros = to_micros(interview_at)

    def study(self, card: PlanCard, intro_day: int | None) -> float:
        """Count the card's reviews until the interview; its recall on the day."""
        formulas = self.scheduler_for(card.deck_id).formulas
        if card.state is CardState.NEW:
            if intro_day is None or intro_day >= self.days:
                return 0.0  # never learnt
            day = intro_day
        else:
            day = self._due_day(card.due)
        while card.state is not CardState.REVIEW and day < self.days:
            learnt = learn(formulas, card, self.now + day * DAY)
            self.counts[day] += len(learnt.times)
            card = card._replace(
                state=learnt.state,
                step=learnt.step,
                stability=learnt.stability,
                difficulty=learnt.difficulty,
                due=to_micros(learnt.due),
                last_review=to_micros(learnt.times[-1]),
            )
            day = max(day + 1, self._due_day(card.due))
        stability, difficulty, last = card.stability, card.difficulty, card.last_review
        to_start = math.inf if last is None else (self._now_micros - last) // DAY_MICROS
        to_interview = math.inf if last is None else (self._interview_micros - last) // DAY_MICROS
        while day < self.days:  # in review from here
            stability = formulas.good_stability(stability, difficulty, to_start + day)  # type: ignore[arg-type]
            difficulty = formulas.good_difficulty(difficulty)  # type: ignore[arg-type]
            self.counts[day] += 1
            to_start, to_interview = -day, self.interview_day - day
            day += formulas.interval(stability)
        return formulas.recall(stability, to_interview)

    def _due_day(self, due: int | None) -> int:
        """The first day whose study time (now + d days) is at or past `due`."""
        if due is None:
            return self.days
        return max(0, -((self._now_micros - due) // DAY_MICROS))
