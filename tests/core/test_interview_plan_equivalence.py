"""The fast planner gives what the plain one in `plan_reference.py` gives, bit for bit, on
random collections: every card state (odd ones too), deck options, FSRS parameters, times of
day, targets and interview dates."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fsrs.scheduler import DEFAULT_PARAMETERS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.plan_reference import left_alone, reference_plan, reference_simulation
from tests.history_builder import TRUE_PARAMETERS
from trainer.core.cards import Card, Memory
from trainer.core.clock import to_micros
from trainer.core.interview_plan import left_alone_ratio, plan_interview, reviewed_today
from trainer.core.model import CardId, CardState, DeckId, DeckOptions
from trainer.core.plan_cards import PlanCard
from trainer.core.plan_simulation import simulate_daily_reviews
from trainer.core.scheduling import Scheduler

NOW = datetime(2026, 3, 10, 0, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
DECKS = (DeckId(1), DeckId(2), DeckId(3))
FITTED = tuple(value * 1.03 for value in DEFAULT_PARAMETERS)

LEARNING_STEPS = [(), (MINUTE, 10 * MINUTE), (MINUTE, 10 * MINUTE, 60 * MINUTE),
                  (timedelta(days=1), timedelta(days=3)), (MINUTE,) * 12]  # fmt: skip
RELEARNING_STEPS = [(), (10 * MINUTE,), (10 * MINUTE, timedelta(days=1))]


@dataclass(frozen=True)
class Case:
    cards: list[Card]
    now: datetime
    interview_at: datetime
    schedulers: dict[DeckId, Scheduler]
    options: dict[str, object]  # target, lowest_recall, new_per_day, new_left_today, days


stabilities = st.floats(0.05, 900)
difficulties = st.floats(1, 10)
minutes = st.integers(-3 * 24 * 60, 400 * 24 * 60)  # before `now` (negative: after it)


@st.composite
def memories(draw: st.DrawFn, now: datetime) -> Memory:
    state = draw(st.sampled_from(CardState))
    if state is CardState.NEW:
        return Memory()
    learning = state is CardState.LEARNING  # other cards need a memory (or fsrs fails)
    stability = None if learning and draw(st.booleans()) else draw(stabilities)
    difficulty = None if learning and draw(st.booleans()) else draw(difficulties)
    last = None if draw(st.integers(0, 9)) == 0 else now - draw(minutes) * MINUTE
    due = now + draw(st.integers(-20 * 24 * 60, 60 * 24 * 60)) * MINUTE
    due = None if draw(st.integers(0, 19)) == 0 else due
    step = None if state is CardState.REVIEW else draw(st.integers(0, 3))
    return Memory(state, step, stability, difficulty, due, last, 3, 1)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    now = NOW + draw(st.integers(0, 24 * 60 - 1)) * MINUTE
    parameters = draw(st.sampled_from([None, TRUE_PARAMETERS, FITTED]))
    schedulers = {
        deck: Scheduler(
            DeckOptions(
                desired_retention=draw(st.sampled_from([0.8, 0.9, 0.95])),
                learning_steps=draw(st.sampled_from(LEARNING_STEPS)),
                relearning_steps=draw(st.sampled_from(RELEARNING_STEPS)),
            ),
            parameters=parameters,
            fuzzing=False,
        )
        for deck in DECKS
    }
    cards = [
        Card(
            CardId(number),
            draw(st.sampled_from(DECKS)),
            "front",
            "back",
            memory=draw(memories(now)),
            suspended=draw(st.integers(0, 19)) == 0,
        )
        for number in draw(st.sets(st.integers(1, 10_000), min_size=10, max_size=60))
    ]
    interview_days = draw(st.integers(0, 45))
    interview_at = now + timedelta(days=interview_days) + draw(st.integers(-720, 1440)) * MINUTE
    target = draw(st.floats(0.7, 0.97))
    options = {
        "target": target,
        "lowest_recall": draw(st.floats(0.5, 0.95)),
        "new_per_day": {deck: draw(st.integers(0, 4)) for deck in DECKS[:2]},
        "new_left_today": {DECKS[0]: draw(st.integers(0, 4))},
        "days": draw(st.none() | st.integers(0, interview_days + 1)),
    }
    return Case(cards, now, interview_at, schedulers, options)


def run(case: Case, function, cards, *keys: str):  # type: ignore[no-untyped-def]
    options = {key: case.options[key] for key in keys} if keys else case.options
    return function(cards, case.now, case.interview_at, case.schedulers.__getitem__, **options)


RELAXED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RELAXED
@given(cases())
def test_the_plan_is_the_plain_planners(case: Case) -> None:
    fast = run(case, plan_interview, [PlanCard.of(card) for card in case.cards])
    assert fast == run(case, reference_plan, case.cards)


@RELAXED
@given(cases())
def test_todays_cards_are_the_plain_plans_even_without_the_cards_left_alone(case: Case) -> None:
    expected = run(case, reference_plan, case.cards).card_ids_on(0)
    cards = [PlanCard.of(card) for card in case.cards]
    assert run(case, reviewed_today, cards) == expected

    ratio = left_alone_ratio(case.schedulers.values(), case.options["target"])  # type: ignore[arg-type]
    if ratio is not None:  # as `CardRepository.for_plan` leaves them out in SQL
        interview = to_micros(case.interview_at)
        kept = [card for card in cards if not left_alone(card, interview, ratio)]
        assert run(case, reviewed_today, kept) == expected


@RELAXED
@given(cases())
def test_the_daily_simulation_is_the_plain_one(case: Case) -> None:
    keys = ("new_per_day", "new_left_today", "days")
    fast = run(case, simulate_daily_reviews, [PlanCard.of(card) for card in case.cards], *keys)
    assert fast == run(case, reference_simulation, case.cards, *keys)


@given(
    st.floats(0.01, 100_000),
    st.floats(0.5, 0.999),
    st.sampled_from([None, TRUE_PARAMETERS, FITTED]),
)
def test_cards_under_the_left_alone_ratio_are_recalled_above_the_target(
    stability: float, target: float, parameters: tuple[float, ...] | None
) -> None:
    scheduler = Scheduler(parameters=parameters, fuzzing=False)
    ratio = left_alone_ratio([scheduler], target)
    assert ratio is not None
    assert scheduler.formulas.recall(stability, math.floor(stability * ratio)) >= target
