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
the whole days from its last review (`PlanMemory`), moved by fsrs's own formulas
(`Scheduler.formulas`) rather than through fsrs cards.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter

from trainer.core.interview_dates import MAX_DAYS_AHEAD
from trainer.core.model import CardId, CardState, DeckId
from trainer.core.plan_cards import DAY, DAY_MICROS, PlanCard
from trainer.core.plan_placement import Draft, ReviewDrafter, SchedulerFor
from trainer.core.scheduling import Scheduler

DEFAULT_TARGET = 0.9
DEFAULT_LOWEST_RECALL = 0.8
MAX_PLAN_DAYS = MAX_DAYS_AHEAD + 1  # day 0 (today) to the furthest interview date


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
        _finish(planner, card, draft, last_days.get(card.id))
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
) -> tuple[ReviewDrafter, list[PlanCard], list[Draft | None]]:
    slots = day_count(now, interview_at, days)
    if slots > MAX_PLAN_DAYS:
        raise ValueError(f"an interview plan reaches at most {MAX_PLAN_DAYS} days ahead")
    lowest = min(lowest_recall, target)
    planner = ReviewDrafter(now, interview_at, slots, scheduler_for, target, lowest)
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


def _finish(
    planner: ReviewDrafter, card: PlanCard, draft: Draft | None, last_day: int | None
) -> CardPlan:
    """The card's plan: its drafted reviews and placed last one, and its recall on the day
    with and without them."""
    formulas = planner.scheduler_for(card.deck_id).formulas
    studied = card.state is not CardState.NEW
    last = card.last_review
    to_interview = math.inf if last is None else (planner.interview_micros - last) // DAY_MICROS
    recall_without = formulas.recall(card.stability, to_interview) if studied else 0.0
    if draft is None:
        return CardPlan(card.id, card.deck_id, (), (), recall_without, recall_without)
    times, slots, memory = draft.times, draft.slots, draft.memory
    if last_day is not None:
        times, slots = (*times, planner.at(last_day)), (*slots, last_day)
        memory = planner.reviewed(formulas, memory, last_day)
    recall = formulas.recall(memory.stability, memory.to_interview)
    return CardPlan(card.id, card.deck_id, times, slots, recall_without, recall)


def _mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None
