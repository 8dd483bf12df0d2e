"""Weeks of daily study on a fake clock, through the study service (no sleeping, no Qt).

A user studies once a day at a fixed local hour, in Berlin across the spring change, in
New York across the autumn one, and flying between Tokyo and Los Angeles. Each day checks
what a user would notice: every review card due on the day is offered and none before its
day, the daily limits, the interval really lived equals the one scheduled, the streak; and
with an interview date, one figure for today on the home, in Study now and in the plan.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.content.shipped import buried_today, offerable_new
from trainer.app import open_services
from trainer.core.cards import Card, Rating
from trainer.core.clock import FixedClock
from trainer.core.model import CardId, CardState, DeckId
from trainer.core.study_days import study_date
from trainer.services.services import Services

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
DAYS = 32
NEW_PER_DAY = 4
TIGHT_REVIEWS = 3  # one deck's review limit, low enough to bind


@dataclass
class Log:
    """What the simulated user lived: per card, the study day of its last review and the
    day its interval named; the days a deck's review limit held cards back."""

    last_day: dict[CardId, date] = field(default_factory=dict)
    scheduled: dict[CardId, int] = field(default_factory=dict)
    lived: list[tuple[int, int]] = field(default_factory=list)  # (scheduled, lived) days
    studied_days: list[date] = field(default_factory=list)
    held_back: set[tuple[date, DeckId]] = field(default_factory=set)  # by a review limit
    buried: set[tuple[date, CardId]] = field(default_factory=set)  # cloze siblings held back


def set_zone(services: Services, zone: tzinfo) -> None:
    for service in (services.study, services.stats, services.plan):
        service.zone = zone


def all_cards(services: Services) -> list[Card]:
    with services.uow() as collection:
        return collection.cards.all()


def study_day(services: Services, clock: FixedClock, zone: tzinfo, log: Log) -> None:
    """One day's session, everything offered studied, with the day's checks."""
    today = study_date(clock.now, zone)
    decks = {row.deck_id: row for row in services.study.overview()}
    with services.uow() as collection:
        options = {deck.id: deck.options for deck in collection.decks.all()}
    cards = all_cards(services)
    due_today: dict[DeckId, set[CardId]] = {deck: set() for deck in options}
    new_left = offerable_new(cards, today, lambda moment: study_date(moment, zone))
    buried = buried_today(cards, today, lambda moment: study_date(moment, zone))
    for card in cards:
        if card.memory.state is CardState.REVIEW and study_date(card.memory.due, zone) <= today:  # type: ignore[arg-type]
            if card.id not in buried:  # a cloze sibling waits a day
                due_today[card.deck_id].add(card.id)
            else:
                log.buried.add((today, card.id))

    session = services.study.start_session()
    offered: dict[DeckId, set[CardId]] = {deck: set() for deck in options}
    new: Counter[DeckId] = Counter()
    grades = 0
    while (card := session.current) is not None:
        if card.memory.state is CardState.REVIEW and card.id not in offered[card.deck_id]:
            offered[card.deck_id].add(card.id)
            if log.last_day.get(card.id) and log.scheduled.get(card.id):
                lived = (today - log.last_day[card.id]).days
                planned_day = log.last_day[card.id] + timedelta(days=log.scheduled[card.id])
                on_time = planned_day in log.studied_days or planned_day == today
                held = (planned_day, card.deck_id) in log.held_back
                if on_time and not held and (planned_day, card.id) not in log.buried:
                    log.lived.append((log.scheduled[card.id], lived))
        new[card.deck_id] += card.is_new
        clock.advance(timedelta(seconds=8))
        session.reveal()
        review = session.grade(Rating.AGAIN if grades % 9 == 4 else Rating.GOOD)
        services.study.record(review)
        grades += 1
        after = review.after
        log.last_day[card.id] = today
        log.scheduled.pop(card.id, None)
        if after.state is CardState.REVIEW:
            log.scheduled[card.id] = (study_date(after.due, zone) - today).days  # type: ignore[arg-type]
            assert log.scheduled[card.id] >= 1

    for deck_id, limits in options.items():
        # No review card before its study day; none withheld on it but by the limit.
        assert offered[deck_id] <= due_today[deck_id], (today, deck_id)
        expected = min(len(due_today[deck_id]), limits.reviews_per_day)
        if expected < len(due_today[deck_id]):
            log.held_back.add((today, deck_id))
        assert len(offered[deck_id]) == expected, (today, deck_id)
        assert new[deck_id] == min(new_left[deck_id], limits.new_per_day), (today, deck_id)
        # The home said so before the session (learning cards due now come on top).
        assert decks[deck_id].new == new[deck_id]
        assert decks[deck_id].due >= expected
    log.studied_days.append(today)


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[tuple[Services, FixedClock]]:
    clock = FixedClock(datetime(2026, 1, 1, 12, 0, tzinfo=ZoneInfo("UTC")))
    services = open_services(tmp_path / "data", clock, fuzzing=False)
    with services.uow() as opened:
        decks = opened.decks.all()
        for deck in decks:
            opened.decks.set_options(deck.id, deck.options._replace(new_per_day=NEW_PER_DAY))
        tight = decks[0].options._replace(new_per_day=NEW_PER_DAY, reviews_per_day=TIGHT_REVIEWS)
        opened.decks.set_options(decks[0].id, tight)
    yield services, clock
    services.close()


def expected_streak(studied: list[date], today: date) -> int:
    days, day, count = set(studied), today, 0
    while day in days:
        count, day = count + 1, day - timedelta(days=1)
    return count


@pytest.mark.parametrize(
    ("zone", "first", "hour"),
    [
        (BERLIN, date(2027, 3, 12), time(9, 0)),  # clocks go forward on 28 March
        (NEW_YORK, date(2026, 10, 20), time(23, 30)),  # back on 1 November; late evenings
    ],
    ids=["berlin-spring", "new-york-autumn"],
)
def test_once_a_day_at_a_fixed_hour_the_lived_interval_is_the_scheduled_one(
    collection: tuple[Services, FixedClock], zone: ZoneInfo, first: date, hour: time
) -> None:
    services, clock = collection
    set_zone(services, zone)
    log = Log()
    skipped = first + timedelta(days=17)  # one day off: the streak starts again
    for offset in range(DAYS):
        day = first + timedelta(days=offset)
        if day == skipped:
            continue
        clock.now = datetime.combine(day, hour, tzinfo=zone)
        study_day(services, clock, zone, log)
        assert services.stats.today().streak == expected_streak(log.studied_days, day)
    assert services.stats.today().streak == DAYS - 18
    assert len(log.lived) > 50
    assert [scheduled for scheduled, _ in log.lived] == [days for _, days in log.lived]
    assert max(scheduled for scheduled, _ in log.lived) >= 5  # not just tomorrows
    assert log.held_back  # the tight limit did bind


def test_travelling_between_tokyo_and_los_angeles(
    collection: tuple[Services, FixedClock],
) -> None:
    """09:00 local on alternate days in each city: the streak grows every day, and each
    day offers exactly the reviews due on that day there."""
    services, clock = collection
    log = Log()
    first = date(2027, 1, 4)
    for offset in range(DAYS):
        zone = TOKYO if offset % 2 == 0 else LOS_ANGELES
        set_zone(services, zone)
        day = first + timedelta(days=offset)
        clock.now = datetime.combine(day, time(9, 0), tzinfo=zone)
        before = services.stats.today()
        assert before.reviews == 0  # yesterday's session, elsewhere, is not today's
        assert before.streak == offset
        study_day(services, clock, zone, log)
        assert services.stats.today().streak == offset + 1


def test_an_interview_plan_gives_one_figure_a_day(
    collection: tuple[Services, FixedClock],
) -> None:
    """Fourteen days to an interview: each day the home, Study now (asked twice) and the
    plan agree on today's reviews, and studying them leaves none."""
    services, clock = collection
    set_zone(services, BERLIN)
    log = Log()
    first = date(2027, 3, 1)
    for offset in range(10):  # ordinary study first, so there is something to review
        clock.now = datetime.combine(first + timedelta(days=offset), time(9), tzinfo=BERLIN)
        study_day(services, clock, BERLIN, log)
    start = first + timedelta(days=10)
    services.plan.set_interview_date(start + timedelta(days=14))
    planned_days = 0
    for offset in range(14):
        clock.now = datetime.combine(start + timedelta(days=offset), time(9), tzinfo=BERLIN)
        home = sum(row.due for row in services.study.overview())
        offered = [
            sum(c.memory.state is CardState.REVIEW for c in looked_at(services)) for _ in range(2)
        ]
        plan = services.plan.plan().daily[0].reviews
        assert home == offered[0] == offered[1] == plan, start + timedelta(days=offset)
        planned_days += plan > 0
        study_everything(services, clock)
        assert services.plan.plan().daily[0].reviews == 0
        assert sum(row.due for row in services.study.overview()) == 0
    assert planned_days >= 5


def test_the_home_counts_todays_plan_without_reading_whole_cards(
    collection: tuple[Services, FixedClock], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each home refresh counts what is left of today's plan; it needs each planned card's
    deck, state and last review, not its text (reading a few thousand whole cards took
    0.1-0.2 s on the GUI thread at every refresh of a big collection)."""
    services, clock = collection
    set_zone(services, BERLIN)
    first = date(2027, 3, 1)
    for offset in range(10):
        clock.now = datetime.combine(first + timedelta(days=offset), time(9), tzinfo=BERLIN)
        study_day(services, clock, BERLIN, Log())
    clock.now = datetime.combine(first + timedelta(days=14), time(9), tzinfo=BERLIN)
    services.plan.set_interview_date(first + timedelta(days=24))
    counted = sum(row.due for row in services.study.overview())

    def whole_cards(*_args: object) -> list[Card]:
        raise AssertionError("the home read whole cards to count the plan")

    monkeypatch.setattr("trainer.storage.card_repository.CardRepository.by_ids", whole_cards)
    assert counted > 0
    assert sum(row.due for row in services.study.overview()) == counted


def looked_at(services: Services) -> list[Card]:
    """What Study now offers, looked at and graded in the session only (nothing kept)."""
    session = services.study.start_session()
    seen = []
    while session.current is not None:
        seen.append(session.current)
        session.reveal()
        session.grade(Rating.GOOD)
    return seen


def study_everything(services: Services, clock: FixedClock) -> None:
    session = services.study.start_session()
    while session.current is not None:
        clock.advance(timedelta(seconds=8))
        session.reveal()
        services.study.record(session.grade(Rating.GOOD))
