"""Today's figures when the clock is set back, and past study days that travel keeps."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.content.shipped import offerable_new
from trainer.app import open_services
from trainer.core.cards import Rating
from trainer.core.clock import FixedClock
from trainer.core.study_days import study_date
from trainer.services.services import Services

BERLIN = ZoneInfo("Europe/Berlin")
TOKYO = ZoneInfo("Asia/Tokyo")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def study(services: Services, clock: FixedClock, cards: int) -> None:
    session = services.study.start_session()
    for _ in range(cards):
        assert session.current is not None
        clock.advance(timedelta(seconds=5))
        session.reveal()
        services.study.record(session.grade(Rating.EASY))


def new_left(services: Services) -> dict[str, int]:
    return {row.name: row.new for row in services.study.overview()}


def test_a_clock_set_back_keeps_new_cards_and_counts_nothing_from_the_future(
    tmp_path: Path,
) -> None:
    clock = FixedClock(datetime(2027, 1, 10, 9, 0, tzinfo=BERLIN))
    services = open_services(tmp_path / "data", clock, fuzzing=False, zone=BERLIN)
    study(services, clock, 30)
    studied_at = clock.now
    assert services.study.clock_behind() is None

    clock.now = datetime(2027, 1, 5, 9, 0, tzinfo=BERLIN)
    with services.uow() as collection:  # a new study day: the whole daily limit again
        today = study_date(clock.now, BERLIN)
        offered = offerable_new(
            collection.cards.all(), today, lambda moment: study_date(moment, BERLIN)
        )
        fresh = {
            deck.name: min(deck.options.new_per_day, offered[deck.id])
            for deck in collection.decks.all()
        }
    assert new_left(services) == fresh
    assert services.stats.today().reviews == 0
    assert services.stats.collection_stats().reviews_today == 0
    assert services.study.clock_behind() == studied_at

    clock.now = datetime(2027, 1, 10, 20, 0, tzinfo=BERLIN)  # the clock put right
    assert services.stats.collection_stats().reviews_today == 30
    assert services.stats.today().reviews == 30
    services.close()


def test_travel_keeps_the_study_day_each_review_was_made_on(tmp_path: Path) -> None:
    """09:00 local on alternate days in Tokyo and Los Angeles: the streak grows."""
    clock = FixedClock(datetime(2027, 1, 2, 9, 0, tzinfo=TOKYO))
    data = tmp_path / "data"
    streaks = []
    for zone, day in ((TOKYO, 2), (LOS_ANGELES, 3), (TOKYO, 4), (LOS_ANGELES, 5)):
        clock.now = datetime(2027, 1, day, 9, 0, tzinfo=zone)
        services = open_services(data, clock, fuzzing=False, zone=zone)
        before = services.stats.today()
        assert before.reviews == 0  # the last place's session was another study day
        study(services, clock, 3)
        streaks.append((before.streak, services.stats.today().streak))
        services.close()
    assert streaks == [(0, 1), (1, 2), (2, 3), (3, 4)]
