"""A review card is due for its whole study day, and day intervals land on study days."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from trainer.app import open_services
from trainer.core.cards import Card, Memory, Rating
from trainer.core.clock import FixedClock
from trainer.core.model import CardId, CardState, DeckId
from trainer.core.scheduling import Scheduler
from trainer.core.study_days import study_date
from trainer.services.services import Services

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def local(zone: ZoneInfo, *fields: int) -> datetime:
    return datetime(*fields, tzinfo=zone)  # type: ignore[misc]


@pytest.fixture
def berlin(tmp_path: Path) -> Iterator[tuple[Services, FixedClock]]:
    clock = FixedClock(local(BERLIN, 2026, 12, 10, 9, 0))
    opened = open_services(tmp_path / "data", clock, fuzzing=False, zone=BERLIN)
    yield opened, clock
    opened.close()


def study_everything(services: Services, clock: FixedClock, rating: Rating) -> int:
    """Study all that is offered, a few seconds per card; the number of grades."""
    session = services.study.start_session()
    grades = 0
    while session.current is not None:
        clock.advance(timedelta(seconds=4))
        session.reveal()
        services.study.record(session.grade(rating))
        grades += 1
    return grades


def due_reviews(services: Services) -> int:
    return sum(row.due for row in services.study.overview())


def test_a_review_due_later_today_is_offered_from_the_start_of_the_study_day(
    berlin: tuple[Services, FixedClock],
) -> None:
    services, clock = berlin
    assert study_everything(services, clock, Rating.EASY) > 0
    with services.uow() as collection:
        dues = [c.memory.due for c in collection.cards.all() if c.memory.state is CardState.REVIEW]
    first_day = min(study_date(due, BERLIN) for due in dues)
    due_that_day = sum(1 for due in dues if study_date(due, BERLIN) == first_day)
    # 09:00 sharp on that day: every card is due at 09:00 and some seconds.
    clock.now = local(BERLIN, first_day.year, first_day.month, first_day.day, 9, 0)
    assert all(due > clock.now for due in dues)
    assert due_reviews(services) == due_that_day
    session = services.study.start_session()
    offered = []
    while session.current is not None:
        offered.append(session.current)
        session.reveal()
        session.grade(Rating.GOOD)
    assert sum(1 for card in offered if card.memory.state is CardState.REVIEW) == due_that_day


def review_card(last_review: datetime, stability: float = 3.0) -> Card:
    memory = Memory(CardState.REVIEW, None, stability, 5.0, last_review, last_review, 3, 0)
    return Card(CardId(1), DeckId(1), "Q", "A", memory=memory)


def test_a_day_interval_lands_on_the_study_day_it_names_across_spring_forward() -> None:
    scheduler = Scheduler(fuzzing=False, zone=NEW_YORK)
    studied = local(NEW_YORK, 2027, 3, 13, 9, 0)  # EST
    review = scheduler.grade(review_card(studied - timedelta(days=3)), Rating.GOOD, studied)
    days = round(
        scheduler.preview(review_card(studied - timedelta(days=3)), studied)[Rating.GOOD]
        / timedelta(days=1)
    )
    landed = review.after.due.astimezone(NEW_YORK)  # type: ignore[union-attr]
    assert (landed.hour, landed.minute) == (9, 0)  # the same hour of the day, in EDT
    assert (study_date(landed, NEW_YORK) - study_date(studied, NEW_YORK)).days == days


def test_the_spring_forward_morning_shows_the_cards_due_that_day(tmp_path: Path) -> None:
    """Studied at 09:00 EST on 13 March, due 24 hours later: 10:00 EDT on the 14th."""
    clock = FixedClock(local(NEW_YORK, 2027, 3, 14, 9, 0))
    services = open_services(tmp_path / "data", clock, fuzzing=False, zone=NEW_YORK)
    studied = local(NEW_YORK, 2027, 3, 13, 9, 0)
    with services.uow() as collection:
        card = collection.cards.all()[0]
        memory = review_card(studied).memory
        collection.cards.set_memory(card.id, replace(memory, due=studied + timedelta(days=1)))
    assert due_reviews(services) == 1
    services.close()
