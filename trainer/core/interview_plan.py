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

A plan covers every card of its decks (100,000 and more), so it works on plain numbers: a
card is a `PlanCard` tuple, and once answered its memory is its stability, difficulty and
the whole days from its last review (`_Memory`), moved by fsrs's own formulas
(`Scheduler.formulas`) rather than through fsrs cards.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from typing import NamedTuple

from trainer.core.model import CardId, CardState, DeckId
from trainer.core.plan_cards import DAY, DAY_MICROS, PlanCard, from_micros, learn, micros
from trainer.core.scheduling import Formulas, Scheduler

DEFAULT_TARGET = 0.9
DEFAULT_LOWEST_RECALL = 0.8
MAX_PLAN_DAYS = 366  # a plan reaches at most a year ahead

SchedulerFor = Callable[[DeckId], Scheduler]  # the scheduler of a deck


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
    cards: Sequence[PlanCard],
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
    planner, active, drafts = _drafted(
        cards, now, interview_at, scheduler_for, target, lowest_recall, new_per_day,
        new_left_today, days,
    )  # fmt: skip
    last_days = planner.last_days(active, drafts)
    planned = [
        planner.finish(card, draft, last_days.get(card.id))
        for card, draft in zip(active, drafts, strict=True)
    ]
    return InterviewPlan(now, interview_at, planner.days, target, tuple(planned))


def reviewed_today(
    cards: Sequence[PlanCard],
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
    out every card's recall on the day. The same with the cards under `left_alone_ratio`
    left out of `cards`."""
    planner, active, drafts = _drafted(
        cards, now, interview_at, scheduler_for, target, lowest_recall, new_per_day,
        new_left_today, days,
    )  # fmt: skip
    last_days = planner.last_days(active, drafts)
    return [
        card.id
        for card, draft in zip(active, drafts, strict=True)
        if draft is not None and (0 in draft.slots or last_days.get(card.id) == 0)
    ]


def left_alone_ratio(schedulers: Iterable[Scheduler], target: float) -> float | None:
    """Cards in review last reviewed less than this ratio times their stability (in days)
    before the interview are recalled above `target` on the day, so `reviewed_today` leaves
    them alone: a reader may leave them out. None if no card can be left out.

    0.1% short of the forgetting curve's own bound: no rounding can then leave out a card
    the plan would review (for targets up to 0.999: nearer 1 the margin gets as fine as
    rounding). Most cards of a studied collection are below it.
    """
    if not 0 < target <= 0.999:
        return None
    return 0.999 * min(s.formulas.days_per_stability(target) for s in schedulers)


def _drafted(
    cards: Sequence[PlanCard],
    now: datetime,
    interview_at: datetime,
    scheduler_for: SchedulerFor,
    target: float,
    lowest_recall: float,
    new_per_day: Mapping[DeckId, int] | None,
    new_left_today: Mapping[DeckId, int] | None,
    days: int | None,
) -> tuple[_Planner, list[PlanCard], list[_Draft | None]]:
    slots = day_count(now, interview_at, days)
    if slots > MAX_PLAN_DAYS:
        raise ValueError(f"an interview plan reaches at most {MAX_PLAN_DAYS} days ahead")
    lowest = min(lowest_recall, target)
    planner = _Planner(now, interview_at, slots, scheduler_for, target, lowest)
    active = sorted((card for card in cards if not card.suspended), key=attrgetter("id"))
    intro_days = new_card_days(active, new_per_day or {}, new_left_today or {})
    return planner, active, [planner.draft(card, intro_days.get(card.id)) for card in active]


def new_card_days(
    cards: Iterable[PlanCard],
    new_per_day: Mapping[DeckId, int],
    new_left_today: Mapping[DeckId, int],
) -> dict[CardId, int]:
    """The day each new card is first learnt, at its deck's pace (20 a day unless told)."""
    days: dict[CardId, int] = {}
    seen: dict[DeckId, int] = {}
    for card in cards:
        if card.state is not CardState.NEW:
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


class _Memory(NamedTuple):
    """A studied card's memory as the plan needs it: whole days from its last review to day
    0 (`now`) and to the interview, `math.inf` if it has none (recall 0).

    Once a card has been answered its stability and difficulty move the same way
    through fsrs in every state, so this also stands for a card still learning.
    """

    stability: float
    difficulty: float
    to_start: float
    to_interview: float


class _Draft(NamedTuple):
    """A card's fixed reviews, its memory after them, and the window of days its last review
    may go on. Nothing of the card itself: new cards learnt on the same day share one."""

    times: tuple[datetime, ...]
    slots: tuple[int, ...]  # the plan day each of `times` counts on
    memory: _Memory
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
        self.now_micros = micros(now)
        self.interview_micros = micros(interview_at)
        self.interview_day = (interview_at - now).days  # whole days from day 0 to it
        self._new_drafts: dict[tuple[object, ...], _Draft | None] = {}

    def at(self, day: int) -> datetime:
        return self.now + day * DAY

    def day_of(self, moment: datetime) -> int:
        return max(0, math.floor((moment - self.now) / DAY))

    def slot_of(self, moment: datetime) -> int:
        """The plan day a review counts on: a learning step minutes past the last slot
        belongs to that slot's session."""
        return min(self.day_of(moment), self.days - 1)

    def draft(self, card: PlanCard, intro_day: int | None) -> _Draft | None:
        """The card's fixed reviews and the window for its last one; None if it has
        neither (the card is left as it is)."""
        if card.state is CardState.REVIEW:
            return self._draft_review(card)
        if card.state is CardState.NEW:
            if intro_day is None or intro_day >= self.days:
                return None
            # New cards of a deck learnt on the same day all plan the same way.
            key = (card.deck_id, intro_day, *card[2:])
            if key not in self._new_drafts:
                self._new_drafts[key] = self._draft_learning(card, self.at(intro_day))
            return self._new_drafts[key]
        first = max(self.now, from_micros(card.due) or self.now)
        if self.day_of(first) >= self.days:
            return None
        return self._draft_learning(card, first)

    def _draft_review(self, card: PlanCard) -> _Draft | None:
        formulas = self.scheduler_for(card.deck_id).formulas
        last = card.last_review
        to_interview = math.inf if last is None else (self.interview_micros - last) // DAY_MICROS
        # Most cards are safe on the day: decided before anything is made for them.
        if not self.days or formulas.recall(card.stability, to_interview) >= self.target:
            return None
        to_start = math.inf if last is None else (self.now_micros - last) // DAY_MICROS
        memory = _Memory(card.stability, card.difficulty, to_start, to_interview)  # type: ignore[arg-type]
        return self._draft_reviews(formulas, memory, 0, [])

    def _draft_learning(self, card: PlanCard, start: datetime) -> _Draft | None:
        formulas = self.scheduler_for(card.deck_id).formulas
        learnt = learn(formulas, card, start)
        last = learnt.times[-1]
        memory = _Memory(
            learnt.stability,
            learnt.difficulty,
            (self.now - last).days,
            (self.interview_at - last).days,
        )
        return self._draft_reviews(formulas, memory, self.day_of(start) + 1, learnt.times)

    def _draft_reviews(
        self, formulas: Formulas, memory: _Memory, start: int, times: list[datetime]
    ) -> _Draft | None:
        """Review the card each time its recall reaches the floor, until a review carries it
        to the interview (the window for that last one) or it is safe without."""
        slots = [self.slot_of(time) for time in times]
        window = None
        while start < self.days:
            if formulas.recall(memory.stability, memory.to_interview) >= self.target:
                break
            latest = self._last_day_above(formulas, memory, start)
            if self._carries(formulas, memory, latest):
                window = (self._first_carrying(formulas, memory, start, latest), latest)
                break
            memory = self.reviewed(formulas, memory, latest)
            times.append(self.at(latest))
            slots.append(latest)
            start = latest + 1
        if not times and window is None:
            return None
        return _Draft(tuple(times), tuple(slots), memory, window)

    def reviewed(self, formulas: Formulas, memory: _Memory, day: int) -> _Memory:
        """The memory after a Good review on `day`."""
        stability = formulas.good_stability(
            memory.stability, memory.difficulty, memory.to_start + day
        )
        difficulty = formulas.good_difficulty(memory.difficulty)
        return _Memory(stability, difficulty, -day, self.interview_day - day)

    def _last_day_above(self, formulas: Formulas, memory: _Memory, start: int) -> int:
        """The last day from `start` on which recall is still at least `lowest` (or start)."""
        recall, stability, to_start, lowest = (
            formulas.recall,
            memory.stability,
            memory.to_start,
            self.lowest,
        )  # locals: this and `_first_carrying` are most of the planning
        low, high = start, self.days - 1
        if recall(stability, to_start + low) < lowest:
            return start
        while low < high:
            middle = (low + high + 1) // 2
            if recall(stability, to_start + middle) >= lowest:
                low = middle
            else:
                high = middle - 1
        return low

    def _carries(self, formulas: Formulas, memory: _Memory, day: int) -> bool:
        """Whether a Good review on `day` leaves recall on the interview at the target."""
        stability, difficulty, to_start = memory[:3]
        after = formulas.good_stability(stability, difficulty, to_start + day)
        return formulas.recall(after, self.interview_day - day) >= self.target

    def _first_carrying(self, formulas: Formulas, memory: _Memory, low: int, high: int) -> int:
        """The earliest day in [low, high] whose review carries (high does)."""
        good, recall, target, interview_day = (
            formulas.good_stability,
            formulas.recall,
            self.target,
            self.interview_day,
        )  # `_carries` written out with locals: the planner's busiest loop
        stability, difficulty, to_start = memory[:3]
        while low < high:
            middle = (low + high) // 2
            after = good(stability, difficulty, to_start + middle)
            if recall(after, interview_day - middle) >= target:
                high = middle
            else:
                low = middle + 1
        return low

    def last_days(
        self, cards: Sequence[PlanCard], drafts: Sequence[_Draft | None]
    ) -> dict[CardId, int]:
        """Put each movable last review on the least busy day of its window."""
        load = [0] * self.days
        movable = []
        for index, draft in enumerate(drafts):
            if draft is not None:
                for slot in draft.slots:
                    load[slot] += 1
                if draft.window is not None:
                    low, high = draft.window
                    movable.append((high - low, low, high, index, draft.memory))
        movable.sort()  # the narrowest windows first, then the earliest, then in card order
        chosen: dict[CardId, int] = {}
        for _width, low, high, index, memory in movable:
            card = cards[index]
            loads = load[low : high + 1]
            day = low + loads.index(min(loads))  # the least busy, the earliest of equals
            formulas = self.scheduler_for(card.deck_id).formulas
            # A window's ends were seen to carry (`_first_carrying`); the days between were
            # taken to, so a day between is checked.
            if low < day < high and not self._carries(formulas, memory, day):
                day = high
            chosen[card.id] = day
            load[day] += 1
        return chosen

    def finish(self, card: PlanCard, draft: _Draft | None, last_day: int | None) -> CardPlan:
        formulas = self.scheduler_for(card.deck_id).formulas
        studied = card.state is not CardState.NEW
        last = card.last_review
        to_interview = math.inf if last is None else (self.interview_micros - last) // DAY_MICROS
        recall_without = formulas.recall(card.stability, to_interview) if studied else 0.0
        if draft is None:
            return CardPlan(card.id, card.deck_id, (), (), recall_without, recall_without)
        times, slots, memory = draft.times, draft.slots, draft.memory
        if last_day is not None:
            times, slots = (*times, self.at(last_day)), (*slots, last_day)
            memory = self.reviewed(formulas, memory, last_day)
        recall = formulas.recall(memory.stability, memory.to_interview)
        return CardPlan(card.id, card.deck_id, times, slots, recall_without, recall)


def _mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None
