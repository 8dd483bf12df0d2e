"""Studying against a real temporary collection: counts, limits, grades kept, exact undo."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.content.shipped import new_today, offered_builtin_decks
from trainer.app import open_services
from trainer.core.cards import Card, Rating
from trainer.core.clock import FixedClock
from trainer.core.model import CardState
from trainer.core.session import Phase, StudySession
from trainer.services.services import Services


def totals(services: Services) -> tuple[int, int]:
    rows = services.study.overview()
    return sum(r.new for r in rows), sum(r.due for r in rows)


def test_a_fresh_collection_offers_new_cards_within_the_daily_limit(services: Services) -> None:
    rows = {row.name: row for row in services.study.overview()}
    assert set(rows) == {
        "Interview mistakes",
        "Interview FAQ",
        "Culture principles",
        "Preparation checklist",
    }
    offered = offered_builtin_decks()  # one card of each cloze text: siblings wait a day
    for row in rows.values():
        assert row.new == min(offered[row.name], 20)
        assert row.due == 0


def test_each_grade_is_kept_before_the_next_card_and_undo_restores_it_exactly(
    services: Services, data_dir: Path, clock: FixedClock
) -> None:
    session = services.study.start_session()
    first = session.current
    assert first is not None
    session.reveal()
    review = session.grade(Rating.GOOD)
    services.study.record(review)

    # A second process opening the same folder sees the grade already.
    other = open_services(data_dir, clock, fuzzing=False)
    assert other.stats.collection_stats().reviews == 1
    assert other.stats.collection_stats().cards_by_state["learning"] == 1
    other.close()

    undone = session.undo()
    assert undone == review
    services.study.undo(undone)
    assert services.stats.collection_stats().reviews == 0
    fresh = services.study.start_session()
    restored = next(card for card in _all_cards(fresh) if card.id == first.id)
    assert restored.memory == first.memory
    assert restored.memory.state is CardState.NEW


def _all_cards(session: StudySession) -> list[Card]:
    seen = []
    while session.current is not None:
        seen.append(session.current)
        session.reveal()
        session.grade(Rating.EASY)
    return seen


def test_new_cards_studied_today_count_against_the_limit(
    services: Services, clock: FixedClock
) -> None:
    new_before, _ = totals(services)
    session = services.study.start_session()
    for _ in range(3):
        session.reveal()
        services.study.record(session.grade(Rating.EASY))
    new_after, _ = totals(services)
    assert new_after == new_before - 3


def test_cards_come_due_and_limits_reset_on_the_next_study_day(
    services: Services, clock: FixedClock
) -> None:
    new_at_start, _ = totals(services)
    assert new_at_start == new_today()
    session = services.study.start_session()
    for _ in range(5):
        session.reveal()
        services.study.record(session.grade(Rating.GOOD))  # learning: due in 10 minutes
    assert totals(services) == (new_at_start - 5, 0)
    clock.advance(timedelta(minutes=11))
    assert totals(services) == (new_at_start - 5, 5)
    clock.advance(timedelta(days=1))
    # A new day: the first deck still has 25 new cards, so the full 20 are offered again.
    assert totals(services) == (new_at_start, 5)


def test_a_session_over_one_deck_shows_only_that_deck(services: Services) -> None:
    deck = next(row for row in services.study.overview() if row.name == "Preparation checklist")
    session = services.study.start_session(deck.deck_id)
    assert session.remaining == deck.new
    assert session.current is not None and session.current.deck_id == deck.deck_id


def test_the_session_ends_after_the_last_card_and_next_due_is_known(
    services: Services,
) -> None:
    deck = next(row for row in services.study.overview() if row.name == "Preparation checklist")
    session = services.study.start_session(deck.deck_id)
    while session.phase is not Phase.FINISHED:
        session.reveal()
        services.study.record(session.grade(Rating.EASY))
    assert session.summary().studied == deck.new
    assert services.study.next_due() is not None
    assert services.stats.collection_stats().cards_by_state["review"] == deck.new
