"""Every kind of user action is one step on the one undo queue, and undoing it puts the
collection back to its exact content (every row of every table)."""

from __future__ import annotations

from pathlib import Path

from tests.collection_content import collection_content
from trainer.core.cards import NewCard, Rating
from trainer.core.clock import FixedClock
from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck, BundleReview
from trainer.exchange.keeper_file import write_keeper
from trainer.services.operations import Changes
from trainer.services.services import Services

DECK = BundleDeck("deck:friends", "From a friend", "Shared prep cards")


def content(services: Services) -> list[str]:
    return collection_content(services.database.path)


def keeper_file(path: Path, clock: FixedClock, backs: dict[str, str], deck: BundleDeck = DECK,
                reviews: tuple[BundleReview, ...] = ()) -> Path:  # fmt: skip
    cards = tuple(BundleCard(guid, deck.guid, f"Front {guid}", back, ("shared",))
                  for guid, back in backs.items())  # fmt: skip
    write_keeper(path, Bundle(decks=(deck,), cards=cards, reviews=reviews), clock())
    return path


def test_undoing_an_import_removes_its_cards_and_the_deck_it_made(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    before = content(services)
    heard: list[Changes] = []
    services.undo.listen(heard.append)
    services.exchange.import_file(keeper_file(tmp_path / "a.keeper", clock, {"f1": "1", "f2": "2"}))
    assert content(services) != before
    assert services.undo.next_label == "Import a.keeper"
    assert len(heard) == 1 and len(heard[0].card_ids) == 2 and len(heard[0].deck_ids) == 1
    assert services.undo.undo() == "Import a.keeper"
    assert content(services) == before
    assert heard[1] == heard[0]  # undo reports the same rows as changed


def test_undoing_a_second_import_puts_back_the_cards_it_updated_and_keeps_the_deck(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    services.exchange.import_file(keeper_file(tmp_path / "a.keeper", clock, {"f1": "1", "f2": "2"}))
    session = services.study.start_session(services.decks.named(DECK.name).id)
    session.reveal()
    services.study.record(session.grade(Rating.GOOD))
    before = content(services)
    newer = keeper_file(tmp_path / "b.keeper", clock, {"f1": "one, corrected", "f3": "3"})
    report = services.exchange.import_file(newer)
    assert (report.added, report.updated) == (1, 1)
    assert services.undo.undo() == "Import b.keeper"
    assert content(services) == before
    assert services.undo.undo() == "Import a.keeper"  # the grade above was kept directly


def test_undoing_cards_built_from_a_guide_removes_them_and_only_them(
    services: Services,
) -> None:
    services.cards.add_cards("Guide", [NewCard(front="Kept?", back="Yes")])
    before = content(services)
    result = services.cards.add_cards(
        "Guide", [NewCard(front="What is a B-tree?", back="A tree"), NewCard("Q2", "A2")]
    )
    assert result.added == 2
    assert services.undo.next_label == "Add 2 cards to Guide"
    services.undo.undo()
    assert content(services) == before
