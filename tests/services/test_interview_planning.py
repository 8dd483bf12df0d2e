"""The planner on a real collection: what it reads, and what a session and the report get,
against the plain planner (`tests/core/plan_reference.py`) on cards read the ORM's way."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, timedelta

import pytest

from tests.core.plan_reference import left_alone, reference_plan, reference_simulation
from tests.history_builder import build_history
from trainer.core.cards import Memory
from trainer.core.clock import FixedClock, to_micros
from trainer.core.interview_plan import DEFAULT_LOWEST_RECALL, DEFAULT_TARGET, left_alone_ratio
from trainer.core.model import CardState
from trainer.core.plan_cards import PlanCard
from trainer.core.scheduling import Scheduler
from trainer.core.study_days import study_date
from trainer.services.interview_planning import DeckForecast, PlanDay, Planner, PlanReport
from trainer.services.services import Services


@pytest.fixture
def studied(services: Services, clock: FixedClock) -> Services:
    """A studied collection with odd cards too: suspended ones, a card in review without a
    last review, a learning card without a memory yet."""
    services.plan.zone = UTC
    build_history(services, clock.now, extra_cards=200, days=30)
    with services.uow() as collection:
        cards = collection.cards.all()
        review = next(c for c in cards if c.memory.state is CardState.REVIEW)
        collection.cards.set_memory(review.id, replace(review.memory, last_review=None))
        fresh = next(c for c in cards if c.memory.state is CardState.NEW)
        collection.cards.set_memory(fresh.id, Memory(CardState.LEARNING, 0, due=clock.now))
    services.card_edits.set_suspended([cards[3].id, cards[-2].id], True)
    return services


def test_the_planner_reads_every_card_and_can_leave_out_those_surely_recalled(
    studied: Services, clock: FixedClock
) -> None:
    with studied.uow() as collection:
        decks = [deck.id for deck in collection.decks.all()]
        expected = [PlanCard.of(card) for card in collection.cards.all() if not card.suspended]
        assert collection.cards.for_plan(decks) == expected
        first = [card for card in expected if card.deck_id == decks[0]]
        assert collection.cards.for_plan(decks[:1]) == first

        interview = clock.now + timedelta(days=12)
        ratio = left_alone_ratio([Scheduler(fuzzing=False)], DEFAULT_TARGET)
        assert ratio is not None
        kept = collection.cards.for_plan(decks, (interview, ratio))
        assert kept == [c for c in expected if not left_alone(c, to_micros(interview), ratio)]
        assert len(expected) / 2 < len(kept) < len(expected)


@pytest.mark.parametrize("days", [1, 9, 30])
def test_the_session_and_the_report_are_the_plain_planners(
    studied: Services, clock: FixedClock, days: int
) -> None:
    clock.advance(timedelta(hours=5))
    today = study_date(clock.now, UTC)
    interview = today + timedelta(days=days)
    studied.plan.set_interview_date(interview)
    report = studied.plan.plan()
    with studied.uow() as collection:
        decks = collection.decks.all()
        session = studied.plan.todays_reviews(collection, decks, clock.now, [])
        cards = collection.cards.all()
        planner = Planner(collection, clock.now, UTC, studied.plan.interview_moment)
        _cards, inputs = planner._inputs(decks, interview)  # the same dates, paces, schedulers

    plan = reference_plan(
        cards, target=DEFAULT_TARGET, lowest_recall=DEFAULT_LOWEST_RECALL, **inputs
    )
    today_ids = set(plan.card_ids_on(0))
    in_plan = [c for c in cards if c.id in today_ids and c.memory.state is CardState.REVIEW]
    assert sorted(session, key=lambda card: card.id) == in_plan
    assert session  # the overdue cards at least
    # the weakest first: stopped early, the cards most at risk were done
    schedulers = {deck.id: Scheduler(deck.options, fuzzing=False) for deck in decks}
    recall = [schedulers[c.deck_id].retrievability(c, clock.now) for c in session]
    assert recall == sorted(recall) and recall[0] < recall[-1]

    forecasts = []
    for deck in decks:
        planned = [c for c in plan.cards if c.deck_id == deck.id]
        if planned:
            forecasts.append(
                DeckForecast(
                    deck.id,
                    deck.name,
                    interview,
                    len(planned),
                    plan.predicted_recall(deck.id) or 0.0,
                    plan.recall_with_plan(deck.id) or 0.0,
                    sum(len(c.days) for c in planned),
                )  # fmt: skip
            )
    daily = [
        PlanDay(today + timedelta(days=n), count) for n, count in enumerate(plan.reviews_per_day())
    ]
    # Today's figure is the day plan's reviews left: what the session gives, not the
    # plan's new and learning cards too (those come through their own queues).
    daily[0] = PlanDay(today, len(session))
    normal = reference_simulation(cards, **inputs).total_reviews
    assert report == PlanReport(
        DEFAULT_TARGET, sorted(forecasts, key=lambda f: f.name), daily, normal
    )
