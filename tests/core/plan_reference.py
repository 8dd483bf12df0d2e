"""The interview plan and the daily simulation as first written: a card object at a time, each
Good answer graded by fsrs itself, each recall read by fsrs. Slow, plain, and what the fast
planner in `trainer.core` must give bit for bit (`test_interview_plan_equivalence.py`)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from trainer.core.cards import Card, Rating
from trainer.core.clock import as_utc
from trainer.core.interview_plan import (
    MAX_PLAN_DAYS,
    CardPlan,
    InterviewPlan,
    SchedulerFor,
    day_count,
)
from trainer.core.model import CardId, CardState, DeckId
from trainer.core.plan_cards import DAY, DAY_MICROS, MAX_LEARNING_STEPS, PlanCard
from trainer.core.plan_simulation import SimulationResult
from trainer.core.scheduling import Scheduler, _to_fsrs, with_memory


def recall_at(scheduler: Scheduler, card: Card, moment: datetime) -> float:
    memory = card.memory
    if memory.state is CardState.NEW or memory.last_review is None or not memory.stability:
        return 0.0
    return scheduler._fsrs.get_card_retrievability(_to_fsrs(card, moment), as_utc(moment))


def review_good(scheduler: Scheduler, card: Card, moment: datetime) -> Card:
    return with_memory(card, scheduler.grade(card, Rating.GOOD, moment).after)


def learn(scheduler: Scheduler, card: Card, start: datetime) -> tuple[Card, list[datetime]]:
    times: list[datetime] = []
    moment = start
    while len(times) < MAX_LEARNING_STEPS:
        card = review_good(scheduler, card, moment)
        times.append(moment)
        if card.memory.state is CardState.REVIEW:
            break
        moment = max(moment, card.memory.due or moment)
    return card, times


def new_card_days(
    cards: Sequence[Card], new_per_day: Mapping[DeckId, int], new_left_today: Mapping[DeckId, int]
) -> dict[CardId, int]:
    days: dict[CardId, int] = {}
    seen: dict[DeckId, int] = {}
    for card in cards:
        if not card.is_new:
            continue
        index = seen.get(card.deck_id, 0)
        seen[card.deck_id] = index + 1
        per_day = new_per_day.get(card.deck_id, 20)
        today = min(per_day, new_left_today.get(card.deck_id, per_day))
        if index < today:
            days[card.id] = 0
        elif per_day > 0:
            days[card.id] = 1 + (index - today) // per_day
    return days


@dataclass(frozen=True)
class _Draft:
    card: Card  # as it will be after the fixed reviews
    original: Card
    times: tuple[datetime, ...]
    window: tuple[int, int] | None


def reference_plan(
    cards: Sequence[Card],
    now: datetime,
    interview_at: datetime,
    scheduler_for: SchedulerFor,
    *,
    target: float,
    lowest_recall: float,
    new_per_day: Mapping[DeckId, int],
    new_left_today: Mapping[DeckId, int],
    days: int | None,
) -> InterviewPlan:
    slots = day_count(now, interview_at, days)
    assert slots <= MAX_PLAN_DAYS
    planner = _Planner(now, interview_at, slots, scheduler_for, target, min(lowest_recall, target))
    active = sorted((card for card in cards if not card.suspended), key=lambda c: c.id)
    intro_days = new_card_days(active, new_per_day, new_left_today)
    drafts = [planner.draft(card, intro_days.get(card.id)) for card in active]
    last_days = planner.last_days(drafts)
    planned = [planner.finish(draft, last_days.get(draft.card.id)) for draft in drafts]
    return InterviewPlan(now, interview_at, slots, target, tuple(planned))


class _Planner:
    def __init__(
        self,
        now: datetime,
        interview_at: datetime,
        days: int,
        scheduler_for: SchedulerFor,
        target: float,
        lowest: float,
    ) -> None:
        self.now, self.interview_at, self.days = now, interview_at, days
        self.scheduler_for, self.target, self.lowest = scheduler_for, target, lowest

    def at(self, day: int) -> datetime:
        return self.now + day * DAY

    def day_of(self, moment: datetime) -> int:
        return max(0, math.floor((moment - self.now) / DAY))

    def slot_of(self, moment: datetime) -> int:
        return min(self.day_of(moment), self.days - 1)

    def draft(self, card: Card, intro_day: int | None) -> _Draft:
        scheduler = self.scheduler_for(card.deck_id)
        times: list[datetime] = []
        current, start = card, 0
        state = card.memory.state
        if state is CardState.NEW:
            if intro_day is None or intro_day >= self.days:
                return _Draft(card, card, (), None)
            current, times = learn(scheduler, card, self.at(intro_day))
            start = intro_day + 1
        elif state in (CardState.LEARNING, CardState.RELEARNING):
            first = max(self.now, card.memory.due or self.now)
            if self.day_of(first) >= self.days:
                return _Draft(card, card, (), None)
            current, times = learn(scheduler, card, first)
            start = self.day_of(first) + 1
        window = None
        while start < self.days:
            if recall_at(scheduler, current, self.interview_at) >= self.target:
                break
            latest = self._last_day_above(scheduler, current, start)
            if self._carries(scheduler, current, latest):
                window = (self._first_carrying(scheduler, current, start, latest), latest)
                break
            moment = self.at(latest)
            current = review_good(scheduler, current, moment)
            times.append(moment)
            start = latest + 1
        return _Draft(current, card, tuple(times), window)

    def _last_day_above(self, scheduler: Scheduler, card: Card, start: int) -> int:
        low, high = start, self.days - 1
        if recall_at(scheduler, card, self.at(low)) < self.lowest:
            return start
        while low < high:
            middle = (low + high + 1) // 2
            if recall_at(scheduler, card, self.at(middle)) >= self.lowest:
                low = middle
            else:
                high = middle - 1
        return low

    def _carries(self, scheduler: Scheduler, card: Card, day: int) -> bool:
        after = review_good(scheduler, card, self.at(day))
        return recall_at(scheduler, after, self.interview_at) >= self.target

    def _first_carrying(self, scheduler: Scheduler, card: Card, low: int, high: int) -> int:
        while low < high:
            middle = (low + high) // 2
            if self._carries(scheduler, card, middle):
                high = middle
            else:
                low = middle + 1
        return low

    def last_days(self, drafts: Sequence[_Draft]) -> dict[CardId, int]:
        load = [0] * self.days
        for draft in drafts:
            for moment in draft.times:
                load[self.slot_of(moment)] += 1
        order = sorted(
            (d for d in drafts if d.window is not None),
            key=lambda d: (d.window[1] - d.window[0], d.window[0]),  # type: ignore[index]
        )
        chosen: dict[CardId, int] = {}
        for draft in order:
            low, high = draft.window  # type: ignore[misc]
            day = min(range(low, high + 1), key=lambda d: (load[d], d))
            if not self._carries(self.scheduler_for(draft.card.deck_id), draft.card, day):
                day = high
            chosen[draft.card.id] = day
            load[day] += 1
        return chosen

    def finish(self, draft: _Draft, last_day: int | None) -> CardPlan:
        scheduler = self.scheduler_for(draft.original.deck_id)
        times = list(draft.times)
        final = draft.card
        if last_day is not None:
            times.append(self.at(last_day))
            final = review_good(scheduler, final, times[-1])
        studied = not draft.original.is_new
        return CardPlan(
            card_id=draft.original.id,
            deck_id=draft.original.deck_id,
            review_times=tuple(times),
            days=tuple(self.slot_of(moment) for moment in times),
            recall_without=(
                recall_at(scheduler, draft.original, self.interview_at) if studied else 0.0
            ),
            recall_with_plan=(
                recall_at(scheduler, final, self.interview_at) if times or studied else 0.0
            ),
        )


def reference_simulation(
    cards: Sequence[Card],
    now: datetime,
    interview_at: datetime,
    scheduler_for: SchedulerFor,
    *,
    new_per_day: Mapping[DeckId, int],
    new_left_today: Mapping[DeckId, int],
    days: int | None,
) -> SimulationResult:
    days = day_count(now, interview_at, days)
    active = sorted((card for card in cards if not card.suspended), key=lambda c: c.id)
    intro = new_card_days(active, new_per_day, new_left_today)
    current = {card.id: card for card in active}
    counts = [0] * days
    for day in range(days):
        moment = now + day * DAY
        for card_id, card in current.items():
            scheduler = scheduler_for(card.deck_id)
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
        card_id: 0.0 if card.is_new else recall_at(scheduler_for(card.deck_id), card, interview_at)
        for card_id, card in current.items()
    }
    return SimulationResult(counts, recall)


def left_alone(card: PlanCard, interview: int, ratio: float) -> bool:
    """What `CardRepository.for_plan` leaves out in SQL, given `left_alone_ratio`."""
    return (
        card.state is CardState.REVIEW
        and card.last_review is not None
        and card.stability is not None
        and card.stability > 0
        and interview - card.last_review < card.stability * (ratio * DAY_MICROS)
    )
