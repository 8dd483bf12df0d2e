"""Drafting each card's reviews up to an interview, and placing the last ones.

The workings of `interview_plan`: a `ReviewDrafter` drafts, for one card, the reviews it needs
each time its recall falls to the floor and the window of days its last review may go on
(`Draft`), then spreads those last reviews to keep the busiest day light. A card's memory
is plain numbers (`PlanMemory`), moved by fsrs's own formulas (`Scheduler.formulas`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import NamedTuple

from trainer.core.clock import from_micros, to_micros
from trainer.core.model import CardId, CardState, DeckId
from trainer.core.plan_cards import DAY, DAY_MICROS, PlanCard, learn
from trainer.core.scheduling import Formulas, Scheduler

SchedulerFor = Callable[[DeckId], Scheduler]  # the scheduler of a deck


class PlanMemory(NamedTuple):
    """A studied card's memory as the plan needs it: whole days from its last review to day
    0 (`now`) and to the interview, `math.inf` if it has none (recall 0).

    Once a card has been answered its stability and difficulty move the same way
    through fsrs in every state, so this also stands for a card still learning.
    """

    stability: float
    difficulty: float
    to_start: float
    to_interview: float


class Draft(NamedTuple):
    """A card's fixed reviews, its memory after them, and the window of days its last review
    may go on. Nothing of the card itself: new cards learnt on the same day share one."""

    times: tuple[datetime, ...]
    slots: tuple[int, ...]  # the plan day each of `times` counts on
    memory: PlanMemory
    window: tuple[int, int] | None


class ReviewDrafter:
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
        self.now_micros = to_micros(now)
        self.interview_micros = to_micros(interview_at)
        self.interview_day = (interview_at - now).days  # whole days from day 0 to it
        self._new_drafts: dict[tuple[object, ...], Draft | None] = {}

    def at(self, day: int) -> datetime:
        return self.now + day * DAY

    def day_of(self, moment: datetime) -> int:
        return max(0, math.floor((moment - self.now) / DAY))

    def slot_of(self, moment: datetime) -> int:
        """The plan day a review counts on: a learning step minutes past the last slot
        belongs to that slot's session."""
        return min(self.day_of(moment), self.days - 1)

    def draft(self, card: PlanCard, intro_day: int | None) -> Draft | None:
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
        first = self.now if card.due is None else max(self.now, from_micros(card.due))
        if self.day_of(first) >= self.days:
            return None
        return self._draft_learning(card, first)

    def _draft_review(self, card: PlanCard) -> Draft | None:
        formulas = self.scheduler_for(card.deck_id).formulas
        last = card.last_review
        to_interview = math.inf if last is None else (self.interview_micros - last) // DAY_MICROS
        # Most cards are safe on the day: decided before anything is made for them.
        if not self.days or formulas.recall(card.stability, to_interview) >= self.target:
            return None
        to_start = math.inf if last is None else (self.now_micros - last) // DAY_MICROS
        memory = PlanMemory(card.stability, card.difficulty, to_start, to_interview)  # type: ignore[arg-type]
        return self._draft_reviews(formulas, memory, 0, [])

    def _draft_learning(self, card: PlanCard, start: datetime) -> Draft | None:
        formulas = self.scheduler_for(card.deck_id).formulas
        learnt = learn(formulas, card, start)
        last = learnt.times[-1]
        memory = PlanMemory(
            learnt.stability,
            learnt.difficulty,
            (self.now - last).days,
            (self.interview_at - last).days,
        )
        return self._draft_reviews(formulas, memory, self.day_of(start) + 1, learnt.times)

    def _draft_reviews(
        self, formulas: Formulas, memory: PlanMemory, start: int, times: list[datetime]
    ) -> Draft | None:
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
        return Draft(tuple(times), tuple(slots), memory, window)

    def reviewed(self, formulas: Formulas, memory: PlanMemory, day: int) -> PlanMemory:
        """The memory after a Good review on `day`."""
        stability = formulas.good_stability(
            memory.stability, memory.difficulty, memory.to_start + day
        )
        difficulty = formulas.good_difficulty(memory.difficulty)
        return PlanMemory(stability, difficulty, -day, self.interview_day - day)

    def _last_day_above(self, formulas: Formulas, memory: PlanMemory, start: int) -> int:
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

    def _carries(self, formulas: Formulas, memory: PlanMemory, day: int) -> bool:
        """Whether a Good review on `day` leaves recall on the interview at the target."""
        stability, difficulty, to_start = memory[:3]
        after = formulas.good_stability(stability, difficulty, to_start + day)
        return formulas.recall(after, self.interview_day - day) >= self.target

    def _first_carrying(self, formulas: Formulas, memory: PlanMemory, low: int, high: int) -> int:
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
        self, cards: Sequence[PlanCard], drafts: Sequence[Draft | None]
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
