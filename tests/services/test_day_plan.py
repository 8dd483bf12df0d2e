"""With an interview date, one plan a study day: the home, Study now and `keeper plan` agree."""

from __future__ import annotations

from datetime import UTC, timedelta

from tests.history_builder import build_history
from trainer.core.cards import Rating
from trainer.core.clock import FixedClock
from trainer.core.model import CardState
from trainer.core.study_days import study_date
from trainer.services.services import Services


def figures(services: Services) -> tuple[int, int, int]:
    """Planned reviews today as the home, Study now and `keeper plan` see them."""
    home = sum(row.due for row in services.study.overview())
    session = services.study.start_session()
    offered = 0
    while session.current is not None:
        offered += session.current.memory.state is CardState.REVIEW
        session.reveal()
        session.grade(Rating.GOOD)  # not recorded: only looking
    plan = services.plan.plan().daily[0].reviews
    return home, offered, plan


def planned_reviews(services: Services, clock: FixedClock) -> int:
    """A history with an interview in two weeks; today's planned reviews, which the home,
    Study now and `keeper plan` agree on."""
    for service in (services.study, services.plan, services.stats):
        service.zone = UTC
    build_history(services, clock.now, extra_cards=120, days=40, stop_before=timedelta(days=2))
    services.plan.set_interview_date(study_date(clock.now, UTC) + timedelta(days=14))
    home, offered, plan = figures(services)
    assert home == offered == plan > 3
    return plan


def test_one_plan_a_day_and_studying_it_only_takes_cards_off(
    services: Services, clock: FixedClock
) -> None:
    plan = planned_reviews(services, clock)

    session = services.study.start_session()
    studied = 0
    while studied < 3:
        card = session.current
        assert card is not None
        session.reveal()
        services.study.record(session.grade(Rating.GOOD))
        studied += card.memory.state is CardState.REVIEW
        clock.advance(timedelta(seconds=20))
    assert figures(services) == (plan - 3,) * 3  # the same plan, three reviews fewer

    clock.advance(timedelta(hours=2))
    assert figures(services) == (plan - 3,) * 3  # asking again does not re-plan


def test_a_suspended_planned_card_and_a_reviewed_one_leave_the_plan(
    services: Services, clock: FixedClock
) -> None:
    plan = planned_reviews(services, clock)

    session = services.study.start_session()
    first = session.current
    assert first is not None and first.memory.state is CardState.REVIEW
    session.reveal()
    services.study.record(session.grade(Rating.GOOD))
    clock.advance(timedelta(seconds=20))
    second = session.current
    assert second is not None and second.memory.state is CardState.REVIEW
    services.card_edits.set_suspended([second.id], True)

    assert figures(services) == (plan - 2,) * 3


def test_the_decks_review_limits_cap_every_figure_alike(
    services: Services, clock: FixedClock
) -> None:
    plan = planned_reviews(services, clock)
    planned_decks = [row.deck_id for row in services.study.overview() if row.due]
    for deck in services.decks.decks():
        services.decks.set_options(deck.id, deck.options._replace(reviews_per_day=1))

    assert len(planned_decks) < plan
    assert figures(services) == (len(planned_decks),) * 3
