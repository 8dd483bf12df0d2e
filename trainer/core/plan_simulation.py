"""Checking an interview plan by replaying FSRS, and the plain daily schedule to compare.

Both answer every review Good, with the core `Scheduler`, so they measure the schedule,
not luck. `replay_plan` applies a plan's reviews to the cards; `simulate_daily_reviews`
studies whatever falls due each day, as sessions do without an interview date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from trainer.core.interview_plan import (
    DAY,
    MAX_PLAN_DAYS,
    InterviewPlan,
    SchedulerFor,
    day_count,
    learn,
    new_card_days,
    recall_at,
    review_good,
)
from trainer.core.model import Card, CardId, CardState, DeckId


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
        scheduler = scheduler_for(card)
        for moment, day in zip(planned.review_times, planned.days, strict=True):
            if card.memory.last_review is not None and moment < card.memory.last_review:
                raise ValueError(f"card {card.id}: planned reviews go back in time")
            card = review_good(scheduler, card, moment)
            counts[day] += 1
        recall[card.id] = 0.0 if card.is_new else recall_at(scheduler, card, plan.interview_at)
    return SimulationResult(counts, recall)


def simulate_daily_reviews(
    cards: Sequence[Card],
    now: datetime,
    interview_at: datetime,
    scheduler_for: SchedulerFor,
    *,
    new_per_day: Mapping[DeckId, int] | None = None,
    new_left_today: Mapping[DeckId, int] | None = None,
    days: int | None = None,
) -> SimulationResult:
    """Study every card the day it falls due (new cards at the decks' pace) until the day."""
    days = day_count(now, interview_at, days)
    if days > MAX_PLAN_DAYS:
        raise ValueError(f"a simulation reaches at most {MAX_PLAN_DAYS} days ahead")
    active = sorted((card for card in cards if not card.suspended), key=lambda c: c.id)
    intro = new_card_days(active, new_per_day or {}, new_left_today or {})
    current = {card.id: card for card in active}
    counts = [0] * days
    for day in range(days):
        moment = now + day * DAY
        for card_id, card in current.items():
            scheduler = scheduler_for(card)
            if card.is_new:
                if intro.get(card_id) != day:
                    continue
                card, times = learn(scheduler, card, moment)
            elif card.memory.due is not None and card.memory.due <= moment:
                if card.memory.state is CardState.REVIEW:
                    card = review_good(scheduler, card, moment)
                    times = [moment]
                else:
                    card, times = learn(scheduler, card, moment)
            else:
                continue
            current[card_id] = card
            counts[day] += len(times)
    recall = {
        card_id: 0.0 if card.is_new else recall_at(scheduler_for(card), card, interview_at)
        for card_id, card in current.items()
    }
    return SimulationResult(counts, recall)
