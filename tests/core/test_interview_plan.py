"""The interview plan reaches the target on the day, replayed through FSRS, with less work
than studying every due card each day."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from trainer.core.cards import Card, Rating
from trainer.core.interview_plan import (
    DEFAULT_LOWEST_RECALL,
    day_count,
    new_card_days,
    plan_interview,
    reviewed_today,
)
from trainer.core.model import CardId, CardState, DeckId
from trainer.core.plan_cards import PlanCard
from trainer.core.plan_simulation import replay_plan, simulate_daily_reviews
from trainer.core.scheduling import Scheduler, with_memory

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)
SCHEDULER = Scheduler(fuzzing=False)


def scheduler_for(_deck: DeckId) -> Scheduler:
    return SCHEDULER


def plan_cards(cards: list[Card]) -> list[PlanCard]:
    return [PlanCard.of(card) for card in cards]


def graduated(card: Card, start: datetime) -> Card:
    """The card after Good answers through its learning steps, each when due."""
    moment = start
    while True:
        card = with_memory(card, SCHEDULER.grade(card, Rating.GOOD, moment).after)
        if card.memory.state is CardState.REVIEW:
            return card
        moment = max(moment, card.memory.due or moment)


def studied_card(card_id: int, rng: random.Random, deck: int = 1) -> Card:
    """A card learnt 1-60 days ago and reviewed when due (sometimes late, sometimes forgotten)."""
    card = Card(CardId(card_id), DeckId(deck), "front", "back")
    card = graduated(card, NOW - timedelta(days=rng.randint(1, 60), hours=1))
    while True:
        assert card.memory.due is not None and card.memory.last_review is not None
        interval = card.memory.due - card.memory.last_review
        moment = card.memory.due + interval * rng.uniform(-0.1, 0.6)
        if moment >= NOW:
            return card
        rating = rng.choice([Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.GOOD, Rating.EASY])
        card = with_memory(card, SCHEDULER.grade(card, rating, moment).after)
        if card.memory.state is not CardState.REVIEW:
            card = graduated(card, card.memory.due or moment)


def collection(seed: int = 3, studied: int = 120, new: int = 30) -> list[Card]:
    rng = random.Random(seed)
    cards = [studied_card(n, rng, deck=1 + n % 2) for n in range(1, studied + 1)]
    cards += [Card(CardId(1000 + n), DeckId(1), "front", "back") for n in range(new)]
    return cards


@pytest.mark.parametrize("days", [10, 30, 60])
def test_the_plan_reaches_the_target_with_fewer_reviews_than_daily_scheduling(days: int) -> None:
    cards = collection()
    interview = NOW + timedelta(days=days)
    plan = plan_interview(plan_cards(cards), NOW, interview, scheduler_for)

    replayed = replay_plan(plan, cards, scheduler_for)
    daily = simulate_daily_reviews(plan_cards(cards), NOW, interview, scheduler_for)

    assert replayed.lowest_recall >= 0.9  # every card, new ones included, is at 90% on the day
    assert replayed.reviews_per_day == plan.reviews_per_day()
    assert plan.total_reviews < daily.total_reviews
    assert plan.recall_with_plan() == pytest.approx(
        sum(replayed.recall.values()) / len(replayed.recall)
    )
    assert plan.predicted_recall() < 0.9 <= plan.recall_with_plan()  # type: ignore[operator]


def test_a_card_already_safe_on_the_day_is_left_alone() -> None:
    card = Card(CardId(1), DeckId(1), "f", "b")
    card = graduated(card, NOW - timedelta(days=2))
    for _ in range(4):  # four on-time Good reviews: stability of months
        due = card.memory.due
        assert due is not None
        card = with_memory(card, SCHEDULER.grade(card, Rating.GOOD, due).after)
    now = card.memory.last_review
    assert now is not None
    plan = plan_interview(plan_cards([card]), now, now + timedelta(days=10), scheduler_for)
    (only,) = plan.cards
    assert only.days == ()
    assert only.recall_without == only.recall_with_plan >= 0.9


def test_an_overdue_card_is_reviewed_today_and_never_planned_below_the_floor() -> None:
    cards = collection(seed=11, studied=60, new=0)
    plan = plan_interview(plan_cards(cards), NOW, NOW + timedelta(days=30), scheduler_for)
    by_id = {card.id: card for card in cards}
    for planned in plan.cards:
        card = by_id[planned.card_id]
        overdue = SCHEDULER.retrievability(card, NOW) < DEFAULT_LOWEST_RECALL
        if overdue:
            assert planned.days[:1] == (0,)
        for moment in planned.review_times:
            recall = SCHEDULER.retrievability(card, moment)
            assert recall >= DEFAULT_LOWEST_RECALL - 0.01 or (overdue and moment == NOW)
            overdue = False
            card = with_memory(card, SCHEDULER.grade(card, Rating.GOOD, moment).after)


def test_new_cards_are_learnt_at_the_decks_pace() -> None:
    cards = [Card(CardId(n), DeckId(1), "f", "b") for n in range(1, 8)]
    days = new_card_days(plan_cards(cards), {DeckId(1): 3}, {DeckId(1): 1})
    assert [days[CardId(n)] for n in range(1, 8)] == [0, 1, 1, 1, 2, 2, 2]
    plan = plan_interview(
        plan_cards(cards), NOW, NOW + timedelta(days=2), scheduler_for, new_per_day={DeckId(1): 3},
        new_left_today={DeckId(1): 1},
    )  # fmt: skip
    learnt = {planned.card_id: planned for planned in plan.cards}
    assert learnt[CardId(1)].days[0] == 0
    assert learnt[CardId(2)].days[0] == 1
    assert learnt[CardId(5)].days == ()  # day 2 is the interview: never learnt
    assert learnt[CardId(5)].recall_with_plan == 0.0
    assert plan.predicted_recall() == 0.0


def test_the_plan_spreads_reviews_and_lists_which_cards_each_day() -> None:
    cards = collection(seed=5, studied=150, new=0)
    plan = plan_interview(plan_cards(cards), NOW, NOW + timedelta(days=21), scheduler_for)
    daily = simulate_daily_reviews(plan_cards(cards), NOW, NOW + timedelta(days=21), scheduler_for)
    per_day = plan.reviews_per_day()
    assert len(per_day) == plan.day_count == 21
    assert sum(per_day) == plan.total_reviews
    assert max(per_day[1:]) <= max(daily.reviews_per_day[1:])
    assert len(plan.card_ids_on(0)) == per_day[0]  # studied cards: one review a day at most


def test_no_days_left_means_no_plan() -> None:
    cards = collection(seed=1, studied=5, new=2)
    assert day_count(NOW, NOW) == 0
    assert day_count(NOW, NOW + timedelta(hours=1)) == 1
    # 04:05 with the interview at 10:00 a week later: seven days before it, not eight
    early = NOW.replace(hour=4, minute=5)
    assert day_count(early, early.replace(hour=10) + timedelta(days=7)) == 8
    assert day_count(early, early.replace(hour=10) + timedelta(days=7), days=7) == 7
    plan = plan_interview(plan_cards(cards), NOW, NOW - timedelta(days=1), scheduler_for)
    assert plan.day_count == 0 and plan.total_reviews == 0
    assert all(planned.days == () for planned in plan.cards)


def test_suspended_cards_are_not_planned() -> None:
    from dataclasses import replace

    cards = collection(seed=2, studied=4, new=0)
    cards[0] = replace(cards[0], suspended=True)
    plan = plan_interview(plan_cards(cards), NOW, NOW + timedelta(days=5), scheduler_for)
    assert cards[0].id not in {planned.card_id for planned in plan.cards}


def test_a_learning_step_past_the_last_day_counts_on_that_day() -> None:
    """A learning card due minutes before the plan's last day ends: its next step (10 min
    later) falls past that day and is counted on it (this once raised IndexError)."""
    days = 5
    interview = NOW + timedelta(days=days, hours=2)
    learning = Card(CardId(1), DeckId(1), "front", "back")
    learning = with_memory(learning, SCHEDULER.grade(learning, Rating.AGAIN, NOW).after)
    assert learning.memory.state is CardState.LEARNING and learning.memory.step == 0
    due = NOW + timedelta(days=days) - timedelta(minutes=5)  # the end of day days - 1
    learning = with_memory(learning, replace(learning.memory, due=due))
    plan = plan_interview(plan_cards([learning]), NOW, interview, scheduler_for, days=days)
    [card] = plan.cards
    assert card.review_times[0] == due and card.review_times[1] > NOW + timedelta(days=days)
    assert set(card.days) == {days - 1}
    assert sum(plan.reviews_per_day()) == len(card.review_times)


@pytest.mark.parametrize(("seed", "days", "left"), [(1, 3, 0), (2, 14, 5), (3, 30, 20), (4, 90, 7)])
def test_the_sessions_short_way_picks_the_plans_cards_for_today(
    seed: int, days: int, left: int
) -> None:
    cards = collection(seed=seed, studied=150, new=40)
    rng = random.Random(seed)
    cards = [replace(card, suspended=rng.random() < 0.05) for card in cards]  # some skipped
    interview = NOW + timedelta(days=days, hours=3)
    options = {
        "target": 0.92,
        "new_per_day": {DeckId(1): 10, DeckId(2): 4},
        "new_left_today": {DeckId(1): left},
        "days": days,
    }
    plan = plan_interview(plan_cards(cards), NOW, interview, scheduler_for, **options)  # type: ignore[arg-type]
    today = reviewed_today(plan_cards(cards), NOW, interview, scheduler_for, **options)  # type: ignore[arg-type]
    assert today == plan.card_ids_on(0)
    assert today  # overdue and new cards: something is planned for today
