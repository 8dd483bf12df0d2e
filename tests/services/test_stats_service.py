"""Statistics, the optimizer and the interview plan over a real temporary collection."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from tests.history_builder import build_history
from trainer.core.cards import Card, Rating
from trainer.core.clock import FixedClock
from trainer.core.interview_plan import MAX_PLAN_DAYS
from trainer.core.model import CardState, DeckId
from trainer.core.optimizer import NotEnoughHistory
from trainer.core.session import StudySession
from trainer.core.study_days import study_date
from trainer.services.optimizer_service import UNDO_LABEL
from trainer.services.plan_service import MAX_DAYS_AHEAD
from trainer.services.schedulers import PARAMETERS_KEY
from trainer.services.services import Services


@pytest.fixture
def studied(services: Services, clock: FixedClock) -> Services:
    for service in (services.stats, services.plan, services.optimizer):
        service.zone = UTC
    build_history(services, clock.now, extra_cards=200, days=120)
    return services


def test_the_report_and_the_today_panel_agree(studied: Services) -> None:
    report = studied.stats.report()
    today = studied.stats.today()
    assert len(report.days) == 365
    assert today.reviews == report.today_stats.reviews == report.days[-1].reviews
    assert today.streak == report.today_stats.streak >= 1
    assert report.retention == studied.stats.retention()
    assert report.forecast == studied.stats.forecast()
    assert set(report.deck_names.values()) >= {"Interview FAQ", "System design"}
    assert set(report.retention_by_deck) <= set(report.deck_names)


def test_optimizing_applies_better_parameters_and_undo_puts_the_old_ones_back(
    studied: Services,
) -> None:
    assert studied.optimizer.current_parameters() is None
    outcome = studied.optimizer.optimize()
    assert outcome.applied and outcome.previous is None
    assert studied.optimizer.current_parameters() == outcome.parameters
    assert studied.undo.next_label == UNDO_LABEL

    second = studied.optimizer.optimize()
    assert not second.applied  # no better than what is in use
    assert studied.optimizer.current_parameters() == outcome.parameters

    studied.undo.undo()
    assert studied.optimizer.current_parameters() is None
    session = studied.study.start_session()  # sessions still start on the defaults
    assert session.current is not None


def test_a_dry_run_keeps_the_parameters(studied: Services) -> None:
    outcome = studied.optimizer.optimize(apply=False)
    assert not outcome.applied and outcome.optimization.improved
    with studied.uow() as collection:
        assert collection.settings.get(PARAMETERS_KEY) is None


def test_optimizing_a_fresh_collection_says_what_is_missing(services: Services) -> None:
    with pytest.raises(NotEnoughHistory) as raised:
        services.optimizer.optimize()
    assert raised.value.missing == 400


def test_interview_dates_per_deck_win_over_the_date_for_all(
    services: Services, clock: FixedClock
) -> None:
    today = study_date(clock.now)
    faq = next(d for d in services.study.overview() if d.name == "Interview FAQ")
    assert services.plan.countdown() is None
    services.plan.set_interview_date(today + timedelta(days=20))
    services.plan.set_interview_date(today + timedelta(days=5), DeckId(faq.deck_id))
    dates = services.plan.interview_dates()
    assert dates.for_deck(DeckId(faq.deck_id)) == today + timedelta(days=5)
    assert dates.for_deck(DeckId(9999)) == today + timedelta(days=20)
    countdown = services.plan.countdown()
    assert countdown is not None and countdown.days == 5

    report = services.plan.plan()
    by_name = {deck.name: deck for deck in report.decks}
    assert by_name["Interview FAQ"].interview == today + timedelta(days=5)
    assert by_name["Culture principles"].interview == today + timedelta(days=20)
    assert len(report.daily) == 20

    services.plan.set_interview_date(None, DeckId(faq.deck_id))
    services.plan.set_interview_date(None)
    assert services.plan.countdown() is None
    with pytest.raises(ValueError, match="too far ahead"):
        services.plan.set_interview_date(today + timedelta(days=400))


def test_the_furthest_date_accepted_is_the_furthest_day_the_planner_plans(
    services: Services,
) -> None:
    today = study_date(services.clock(), services.plan.zone)
    assert MAX_DAYS_AHEAD == MAX_PLAN_DAYS - 1  # the date a plan takes is its last day
    services.plan.set_interview_date(today + timedelta(days=MAX_DAYS_AHEAD))
    assert services.plan.plan().daily[-1].day == today + timedelta(days=MAX_DAYS_AHEAD - 1)
    with pytest.raises(ValueError, match="too far ahead"):
        services.plan.set_interview_date(today + timedelta(days=MAX_DAYS_AHEAD + 1))


def test_with_a_date_set_the_session_shows_the_plans_reviews_for_today(
    studied: Services, clock: FixedClock
) -> None:
    clock.advance(timedelta(hours=2))
    without = studied.study.start_session()
    due_reviews = {c.id for c in _queue(without) if c.memory.state is CardState.REVIEW}

    studied.plan.set_interview_date(study_date(clock.now) + timedelta(days=30))
    with studied.uow() as collection:
        decks = collection.decks.all()
        planned = studied.plan.todays_reviews(collection, decks, clock.now, [])
    with_plan = studied.study.start_session()
    planned_reviews = {c.id for c in _queue(with_plan) if c.memory.state is CardState.REVIEW}

    assert planned_reviews == {card.id for card in planned}
    assert planned_reviews != due_reviews
    assert len(planned_reviews) < len(due_reviews)  # overdue cards are enough for today


def _queue(session: StudySession) -> list[Card]:
    """Every card the session shows, as it was when shown (grades Easy, keeps nothing)."""
    shown = []
    while session.current is not None:
        shown.append(session.current)
        session.reveal()
        session.grade(Rating.EASY)  # Easy leaves the learning steps: no card comes back
    return shown
