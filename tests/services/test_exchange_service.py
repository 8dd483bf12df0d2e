"""Importing is one transaction: idempotent, history-keeping, edit-respecting, cancellable."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.exchange.helpers import snapshot, study
from trainer.app import open_services
from trainer.core.cards import Card, NewCard, Rating
from trainer.core.clock import FixedClock
from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck
from trainer.exchange.keeper_file import write_keeper
from trainer.services.exchange_service import ImportCancelled
from trainer.services.services import Services
from trainer.storage.review_repository import ReviewRepository

DECK = BundleDeck("deck:friends", "From a friend", "Shared prep cards")


def deck_file(path: Path, clock: FixedClock, backs: dict[str, str]) -> Path:
    cards = tuple(BundleCard(guid, DECK.guid, f"Front {guid}", back, ("shared",))
                  for guid, back in backs.items())  # fmt: skip
    write_keeper(path, Bundle(decks=(DECK,), cards=cards), clock())
    return path


def card_named(services: Services, guid: str) -> Card:
    with services.uow() as collection:
        return collection.cards.with_guids([guid])[guid]


def test_the_same_file_twice_adds_nothing_the_second_time(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    path = deck_file(tmp_path / "v1.keeper", clock, {"f1": "one", "f2": "two"})
    first = services.exchange.import_file(path)
    after_first = snapshot(services)
    second = services.exchange.import_file(path)
    assert (first.added, first.updated, first.skipped, first.decks) == (2, 0, 0, (DECK.name,))
    assert (second.added, second.updated, second.skipped) == (0, 0, 2)
    assert snapshot(services) == after_first


def test_a_newer_version_updates_cards_and_keeps_their_history(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    services.exchange.import_file(deck_file(tmp_path / "v1.keeper", clock, {"f1": "one"}))
    deck_id = next(row.deck_id for row in services.study.overview() if row.name == DECK.name)
    session = services.study.start_session(deck_id)
    assert session.current is not None and session.current.guid == "f1"
    session.reveal()
    review = session.grade(Rating.GOOD)
    services.study.record(review)
    studied = card_named(services, "f1")

    newer = deck_file(tmp_path / "v2.keeper", clock, {"f1": "one, corrected", "f3": "three"})
    report = services.exchange.import_file(newer)
    assert (report.added, report.updated, report.skipped) == (1, 1, 0)
    updated = card_named(services, "f1")
    assert updated.back == "one, corrected"
    assert updated.memory == studied.memory
    assert updated.id == studied.id
    with services.uow() as collection:
        kept = [r for r in collection.reviews.of_decks(None) if r.card_id == studied.id]
    assert [r.reviewed_at for r in kept] == [review.reviewed_at]


def test_cards_the_user_edited_are_kept_and_counted_as_skipped(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    services.exchange.import_file(deck_file(tmp_path / "v1.keeper", clock, {"f1": "one"}))
    mine = card_named(services, "f1")
    with services.uow() as collection:
        collection.cards.update_content(mine.id, NewCard(mine.front, "my own words"), by_user=True)
    report = services.exchange.import_file(deck_file(tmp_path / "v2.keeper", clock, {"f1": "new"}))
    assert (report.added, report.updated, report.skipped) == (0, 0, 1)
    assert report.warnings == ("1 cards you edited were kept as you left them",)
    assert card_named(services, "f1").back == "my own words"


def test_deck_option_puts_every_card_in_that_deck(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    path = deck_file(tmp_path / "v1.keeper", clock, {"f1": "one", "f2": "two"})
    report = services.exchange.import_file(path, deck="Interview FAQ")
    assert report.decks == ("Interview FAQ",)
    names = {row.name: row.cards for row in services.study.overview()}
    assert DECK.name not in names


def test_cancelling_rolls_everything_back(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    path = deck_file(tmp_path / "big.keeper", clock, {f"c{n}": "x" for n in range(12_000)})
    before = snapshot(services)
    seen: list[tuple[int, int]] = []

    def cancel() -> bool:
        return bool(seen) and seen[-1][0] >= 5_000  # after the first batch went in

    with pytest.raises(ImportCancelled):
        services.exchange.import_file(
            path, progress=lambda d, t: seen.append((d, t)), cancel=cancel
        )
    assert seen[0] == (0, 0) and seen[-1] == (5_000, 12_000)
    assert snapshot(services) == before


def test_a_failure_halfway_leaves_the_collection_unchanged(
    tmp_path: Path, services: Services, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    study(services, clock, [Rating.GOOD], days=1)
    package = tmp_path / "history.keeper"
    services.exchange.export_file(package, with_history=True)
    other = open_services(tmp_path / "other", clock, fuzzing=False)
    try:
        before = snapshot(other)

        def broken(*args: object) -> None:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(ReviewRepository, "add_history", broken)
        with pytest.raises(RuntimeError):
            other.exchange.import_file(package)
        assert snapshot(other) == before
    finally:
        other.close()


def test_progress_counts_cards_and_reviews(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    path = deck_file(tmp_path / "v1.keeper", clock, {f"c{n}": "x" for n in range(7)})
    seen: list[tuple[int, int]] = []
    services.exchange.import_file(path, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 0)
    assert seen[-1] == (7, 7)


def test_export_of_an_unknown_deck_names_the_file(tmp_path: Path, services: Services) -> None:
    from trainer.exchange.errors import ExchangeError

    with pytest.raises(ExchangeError, match="out.keeper: no deck named 'Nope' to export"):
        services.exchange.export_file(tmp_path / "out.keeper", deck="Nope")
    assert not (tmp_path / "out.keeper").exists()


def test_history_only_travels_in_keeper_files(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    study(services, clock, [Rating.GOOD], days=1)
    report = services.exchange.export_file(tmp_path / "cards.csv", with_history=True)
    assert report.reviews == 0
    assert report.warnings == (
        "review history and stories are only kept in .keeper files, not csv",
    )
