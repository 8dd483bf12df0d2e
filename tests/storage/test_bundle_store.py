"""Bulk import writes: the search index and the per-deck counts stay whole, and a rollback
leaves no trace."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from trainer.core.cards import NewCard
from trainer.services.exchange_service import ImportCancelled
from trainer.services.services import Services
from trainer.storage.bulk_indexes import begin_writing
from trainer.storage.rows import driver


def search(services: Services, word: str) -> int:
    with services.uow() as collection:
        query = text("SELECT count(*) FROM card_text WHERE card_text MATCH :word")
        return int(collection.session.execute(query, {"word": word}).scalar() or 0)


def index_is_whole(services: Services) -> None:
    with services.uow() as collection:
        session = collection.session
        # rank 1: against the cards too (plain, FTS5 checks only the index's own structure)
        session.execute(
            text("INSERT INTO card_text (card_text, rank) VALUES ('integrity-check', 1)")
        )
        trigger = session.execute(
            text("SELECT count(*) FROM sqlite_master WHERE name = 'card_text_insert'")
        ).scalar()
        assert trigger == 1


def counts_are_true(services: Services) -> None:
    with services.uow() as collection:
        session = collection.session
        kept = session.execute(
            text("SELECT deck_id, suspended, state, cards FROM deck_card_counts WHERE cards > 0")
        ).all()
        counted = session.execute(
            text("SELECT deck_id, suspended, state, count(*) FROM cards GROUP BY 1, 2, 3")
        ).all()
        triggers = session.execute(
            text("SELECT count(*) FROM sqlite_master WHERE name LIKE 'card_count_%'")
        ).scalar()
    assert sorted(kept) == sorted(counted)
    assert triggers == 3


def test_an_import_counts_its_cards_once_and_later_cards_are_counted_too(
    tmp_path: Path, services: Services
) -> None:
    for first, last in ((0, 3_000), (3_000, 3_500)):  # the second adds to the same counts
        path = tmp_path / f"words-{first}.csv"
        path.write_text("".join(f"zebra{n},stripes {n}\n" for n in range(first, last)))
        services.exchange.import_file(path, deck="Zebras")
        counts_are_true(services)
    services.card_edits.add_cards("Zebras", [NewCard("okapi", "stripes too")])
    zebras = next(deck for deck in services.study.overview() if deck.name == "Zebras")
    assert (zebras.cards, zebras.new) == (3_501, 20)
    counts_are_true(services)


@pytest.fixture
def has_search_index(services: Services) -> None:
    with services.uow() as collection:
        found = collection.session.execute(
            text("SELECT count(*) FROM sqlite_master WHERE name = 'card_text'")
        ).scalar()
    if not found:
        pytest.skip("this SQLite has no FTS5")


@pytest.mark.usefixtures("has_search_index")
def test_imported_cards_are_searchable_and_later_cards_too(
    tmp_path: Path, services: Services
) -> None:
    path = tmp_path / "words.csv"
    path.write_text("".join(f"zebra{n},stripes {n}\n" for n in range(50)))
    services.exchange.import_file(path)
    assert search(services, "stripes") == 0  # left for the catch-up (storage/search_index.py)
    assert len(services.browse.search("stripes")) == 50  # which search does not wait for
    services.card_edits.add_cards("Later", [NewCard("okapi", "stripes too")])
    assert search(services, "okapi") == 1  # the trigger is back
    assert services.search_index.catch_up() == 50
    assert search(services, "stripes") == 51
    index_is_whole(services)


@pytest.mark.usefixtures("has_search_index")
def test_a_cancelled_import_leaves_the_index_and_trigger_as_they_were(
    tmp_path: Path, services: Services
) -> None:
    path = tmp_path / "words.csv"
    path.write_text("".join(f"zebra{n},stripes {n}\n" for n in range(6_000)))
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 2  # after the first batch went in

    with pytest.raises(ImportCancelled):
        services.exchange.import_file(path, cancel=cancel)
    assert search(services, "stripes") == 0
    counts_are_true(services)
    index_is_whole(services)


@pytest.mark.usefixtures("has_search_index")
def test_nothing_is_deferred_when_the_trigger_is_not_the_expected_one(
    services: Services,
) -> None:
    other = (
        "CREATE TRIGGER card_text_insert AFTER INSERT ON cards BEGIN "
        "INSERT INTO card_text (rowid, front, back, tags) VALUES (new.id, new.front, '', ''); END"
    )
    lookup = text("SELECT sql FROM sqlite_master WHERE name = 'card_text_insert'")
    with services.uow() as collection:
        session = collection.session
        begin_writing(driver(session))
        session.execute(text("DROP TRIGGER card_text_insert"))
        session.execute(text(other))
        with collection.bundles.insert_triggers_deferred():
            assert session.execute(lookup).scalar() == other  # left alone
        session.rollback()
    index_is_whole(services)


def test_imported_reviews_get_the_study_day_the_trigger_would_give(services: Services) -> None:
    """Bulk-added reviews carry their study day from the INSERT itself (no per-row trigger
    update); the day is the one a review inserted without it gets from the trigger."""
    from datetime import UTC, datetime, timedelta

    from trainer.core.cards import Memory, Rating, Review
    from trainer.core.model import CardState

    memory = Memory(CardState.REVIEW, None, 5.0, 5.0, None, None, 1, 0)
    # around 04:00 local and UTC midnight, where the study day changes
    start = datetime(2026, 3, 28, 22, 0, tzinfo=UTC)
    times = [start + timedelta(minutes=37 * i) for i in range(60)]
    with services.uow() as collection:
        card = collection.cards.all()[0].id
        collection.reviews.add_history([
            (card, Review(card, Rating.GOOD, when, 0, memory, memory)) for when in times
        ])  # fmt: skip
        session = collection.session
        bulk = session.execute(text("SELECT reviewed_at, study_day FROM reviews")).all()
        session.execute(text(
            "INSERT INTO reviews (guid, card_id, rating, reviewed_at, duration_ms, before_state,"
            " before_reps, before_lapses, after_state) SELECT 'copy:' || guid, card_id, rating,"
            " reviewed_at + 1, 0, 2, 1, 0, 2 FROM reviews"
        ))  # fmt: skip
        by_trigger = dict(session.execute(text(
            "SELECT reviewed_at - 1, study_day FROM reviews WHERE guid LIKE 'copy:%'"
        )).all())  # fmt: skip
    assert len(bulk) == 60 and None not in {day for _, day in bulk}
    assert {at: day for at, day in bulk} == by_trigger
