"""Planning the days up to an interview: which cards to review on which day.

The goal is the interview day, not every day before it: a card only has to be recalled
with probability `target` *on that day*. So a card is left alone while its predicted recall
on the day is already high enough; otherwise it is reviewed when its recall falls to
`lowest_recall` (later reviews grow stability more, so fewer are needed), and its last
review is put on a day from which a successful review carries it to the interview above
the target. The FSRS memory model decides every step, through the core `Scheduler`;
planned reviews are assumed answered Good. Last reviews that may go on several days are
spread to keep the busiest day light.

Day 0 is today; planned reviews of day d happen at `now + d days`. New cards are learnt at
each deck's new-cards-per-day pace from today, as study sessions introduce them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from trainer.core.model import Card, CardId, CardState, DeckId
from trainer.core.scheduling import Scheduler, with_memory

DEFAULT_TARGET = 0.9
DEFAULT_LOWEST_RECALL = 0.8
DAY = timedelta(days=1)
MAX_PLAN_DAYS = 366  # a plan reaches at most a year ahead
MAX_LEARNING_STEPS = 10  # a guard: Good always leaves the learning steps well before this

SchedulerFor = Callable[[Card], Scheduler]


@dataclass(frozen=True)
class CardPlan:
    card_id: CardId
    deck_id: DeckId
    review_times: tuple[datetime, ...]  # when each planned review happens, in order
    days: tuple[int, ...]  # the day (0 = today) of each planned review
    recall_without: float  # predicted recall on the day if the card is not studied again
    recall_with_plan: float  # predicted recall on the day after the planned reviews


@dataclass(frozen=True)
class InterviewPlan:
    now: datetime
    interview_at: datetime
    day_count: int  # days 0 .. day_count - 1 can hold reviews
    target: float
    cards: tuple[CardPlan, ...]

    def reviews_per_day(self) -> list[int]:
        counts = [0] * self.day_count
        for card in self.cards:
            for day in card.days:
                counts[day] += 1
        return counts

    @property
    def total_reviews(self) -> int:
        return sum(len(card.days) for card in self.cards)

    def card_ids_on(self, day: int) -> list[CardId]:
        """The cards with a planned review on `day`, each once."""
        return [card.card_id for card in self.cards if day in card.days]

    def predicted_recall(self, deck_id: DeckId | None = None) -> float | None:
        """Mean predicted recall on the day with no more study (None: no cards)."""
        return _mean(c.recall_without for c in self.cards if deck_id in (None, c.deck_id))

    def recall_with_plan(self, deck_id: DeckId | None = None) -> float | None:
        return _mean(c.recall_with_plan for c in self.cards if deck_id in (None, c.deck_id))


def day_count(now: datetime, interview_at: datetime, days: int | None = None) -> int:
    """How many study slots (now, now + 1 day, ...) come before the interview.

    `days`, when given (the study days left, counted by the caller's calendar), caps it:
    a slot on the morning of the interview day is not a day before it.
    """
    if interview_at <= now:
        return 0
    slots = math.ceil((interview_at - now) / DAY)
    return slots if days is None else max(0, min(slots, days))


def plan_interview(
    cards: Sequence[Card],
    now: datetime,
    interview_at: datetime,
    scheduler_for: SchedulerFor,
    *,
    target: float = DEFAULT_TARGET,
    lowest_recall: float = DEFAULT_LOWEST_RECALL,
    new_per_day: Mapping[DeckId, int] | None = None,
    new_left_today: Mapping[DeckId, int] | None = None,
    days: int | None = None,
) -> InterviewPlan:
    """The plan for `cards` (suspended ones are skipped). Schedulers should not fuzz.

    `days` caps the days with reviews (see `day_count`). Raises ValueError for an
    interview more than `MAX_PLAN_DAYS` days ahead.
    """
    planner, drafts = _drafted(
        cards, now, interview_at, scheduler_for, target, lowest_recall, new_per_day,
        new_left_today, days,
    )  # fmt: skip
    planned = planner.finish(drafts, planner.last_days(drafts))
    return InterviewPlan(now, interview_at, planner.days, target, tuple(planned))


def reviewed_today(
    cards: Sequence[Card],
    now: datetime,
    interview_at: datetime,
    scheduler_for: SchedulerFor,
    *,
    target: float = DEFAULT_TARGET,
    lowest_recall: float = DEFAULT_LOWEST_RECALL,
    new_per_day: Mapping[DeckId, int] | None = None,
    new_left_today: Mapping[DeckId, int] | None = None,
    days: int | None = None,
) -> list[CardId]:
    """`plan_interview(...).card_ids_on(0)`, what a study session needs, without working
    out every card's recall on the day (a third of the plan's time at 100,000 cards)."""
    planner, drafts = _drafted(
        cards, now, interview_at, scheduler_for, target, lowest_recall, new_per_day,
        new_left_today, days,
    )  # fmt: skip
    last_days = planner.last_days(drafts)
    return [
        draft.original.id
        for draft in drafts
        if last_days.get(draft.card.id) == 0
        or any(planner.slot_of(moment) == 0 for moment in draft.times)
    ]


def _drafted(
    cards: Sequence[Card],
    now: datetime,
    interview_at: datetime,
    scheduler_for: SchedulerFor,
    target: float,
    lowest_recall: float,
    new_per_day: Mapping[DeckId, int] | None,
    new_left_today: Mapping[DeckId, int] | None,
    days: int | None,
) -> tuple[_Planner, list[_Draft]]:
    slots = day_count(now, interview_at, days)
    if slots > MAX_PLAN_DAYS:
        raise ValueError(f"an interview plan reaches at most {MAX_PLAN_DAYS} days ahead")
    lowest = min(lowest_recall, target)
    planner = _Planner(now, interview_at, slots, scheduler_for, target, lowest)
    active = sorted((card for card in cards if not card.suspended), key=lambda c: c.id)
    intro_days = new_card_days(active, new_per_day or {}, new_left_today or {})
    return planner, [planner.draft(card, intro_days.get(card.id)) for card in active]


def new_card_days(
    cards: Sequence[Card], new_per_day: Mapping[DeckId, int], new_left_today: Mapping[DeckId, int]
) -> dict[CardId, int]:
    """The day each new card is first learnt, at its deck's pace (20 a day unless told)."""
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


def recall_at(scheduler: Scheduler, card: Card, moment: datetime) -> float:
    return scheduler.retrievability(card, moment)


def review_good(scheduler: Scheduler, card: Card, moment: datetime) -> Card:
    return with_memory(card, scheduler.good_memory(card, moment))


def learn(scheduler: Scheduler, card: Card, start: datetime) -> tuple[Card, list[datetime]]:
    """Answer Good through the (re)learning steps, each when it falls due; the review times."""
    times: list[datetime] = []
    moment = start
    while len(times) < MAX_LEARNING_STEPS:
        card = review_good(scheduler, card, moment)
        times.append(moment)
        if card.memory.state is CardState.REVIEW:
            break
        moment = max(moment, card.memory.due or moment)
    return card, times


@dataclass(frozen=True)
class _Draft:
    """A card's fixed reviews, and the window of days its last review may go on."""

    card: Card  # as it will be after the fixed reviews
    original: Card
    times: tuple[datetime, ...]
    window: tuple[int, int] | None


class _Planner:
    def __init__(
        self,
        now: datetime,
        interview_at: datetime,
        days: int,
        scheduler_for: SchedulerFor,
        target: float,
        lowest_recall: float,
    ) -> None:
        self.now = now
        self.interview_at = interview_at
        self.scheduler_for = scheduler_for
        self.target = target
        self.lowest = lowest_recall
        self.days = days

    def at(self, day: int) -> datetime:
        return self.now + day * DAY

    def day_of(self, moment: datetime) -> int:
        return max(0, math.floor((moment - self.now) / DAY))

    def slot_of(self, moment: datetime) -> int:
        """The plan day a review counts on: a learning step minutes past the last slot
        belongs to that slot's session."""
        return min(self.day_of(moment), self.days - 1)

    def draft(self, card: Card, intro_day: int | None) -> _Draft:
        scheduler = self.scheduler_for(card)
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
        """The last day from `start` on which recall is still at least `lowest` (or start)."""
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
        """Whether a Good review on `day` leaves recall on the interview at the target."""
        after = review_good(scheduler, card, self.at(day))
        return recall_at(scheduler, after, self.interview_at) >= self.target

    def _first_carrying(self, scheduler: Scheduler, card: Card, low: int, high: int) -> int:
        """The earliest day in [low, high] whose review carries (high does)."""
        while low < high:
            middle = (low + high) // 2
            if self._carries(scheduler, card, middle):
                high = middle
            else:
                low = middle + 1
        return low

    def last_days(self, drafts: Sequence[_Draft]) -> dict[CardId, int]:
        """Put each movable last review on the least busy day of its window."""
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
            scheduler = self.scheduler_for(draft.card)
            if not self._carries(scheduler, draft.card, day):
                day = high
            chosen[draft.card.id] = day
            load[day] += 1
        return chosen

    def finish(self, drafts: Sequence[_Draft], last_days: dict[CardId, int]) -> list[CardPlan]:
        return [self._finish(draft, last_days.get(draft.card.id)) for draft in drafts]

    def _finish(self, draft: _Draft, last_day: int | None) -> CardPlan:
        scheduler = self.scheduler_for(draft.original)
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


def _mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None
