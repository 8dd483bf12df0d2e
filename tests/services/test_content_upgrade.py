"""Upgrading the built-in decks over a collection that studied and edited them.

Release 1 (tests/content/fixtures/decks_release_1, the 84 cards shipped before issue 21)
is installed, every card studied, some edited; then the current decks are installed.
Nothing the user did may be lost: every card, review and edit is still there."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from trainer.content.builtin_decks import decks_dir, fingerprint, load_builtin_decks
from trainer.core.cards import Card, Memory, NewCard, Rating, Review
from trainer.core.clock import FixedClock
from trainer.core.model import CardKind, CardState
from trainer.services.content_service import RETIRED_TAG
from trainer.services.services import Services
from trainer.storage.database import open_database

RELEASE_1 = Path(__file__).resolve().parents[1] / "content" / "fixtures" / "decks_release_1"
OPTIONAL = "builtin:netflixcs-service-floor"


@pytest.fixture
def released(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    """A collection with release 1 installed, nothing studied."""
    services = Services(open_database(tmp_path / "c.sqlite3"), clock, fuzzing=False)
    services.content.install(load_builtin_decks(RELEASE_1), fingerprint(RELEASE_1))
    yield services
    services.close()


def study_all(services: Services) -> None:
    with services.uow() as collection:
        now = collection.now
        for card in collection.cards.all():
            after = Memory(CardState.REVIEW, None, 3.0, 5.0, now + timedelta(days=3), now, 1, 0)
            collection.cards.set_memory(card.id, after)
            collection.reviews.add(Review(card.id, Rating.GOOD, now, 900, card.memory, after))


def cards_by_guid(services: Services) -> dict[str, Card]:
    with services.uow() as collection:
        return {card.guid: card for card in collection.cards.all()}


def deck_names(services: Services) -> dict[int, str]:
    return {deck.id: deck.name for deck in services.decks.decks()}


def edit(services: Services, guid: str, front: str) -> None:
    card = cards_by_guid(services)[guid]
    with services.uow() as collection:
        collection.cards.update_content(card.id, NewCard(front, card.back), by_user=True)


def upgrade(services: Services) -> None:
    services.content.install(load_builtin_decks(), fingerprint())


def test_release_1_has_the_84_cards_the_upgrade_starts_from(released: Services) -> None:
    assert len(cards_by_guid(released)) == 84


def test_a_studied_collection_keeps_every_card_review_and_edit(released: Services) -> None:
    study_all(released)
    edit(released, "builtin:culture.best-judgment.refund", "My refund card")
    edit(released, "builtin:faq.difficulty.acceptance-rate", "My 2% card")
    before = cards_by_guid(released)
    reviews = released.stats.collection_stats().reviews

    upgrade(released)

    after = cards_by_guid(released)
    by_id = {card.id: card for card in after.values()}
    assert released.stats.collection_stats().reviews == reviews
    for old in before.values():  # every studied card is still there, memory and all
        assert by_id[old.id].memory == old.memory, old.guid
    names = deck_names(released)
    # Moved to the optional deck, which the collection gets since it studied these cards.
    refund = after["builtin:culture.best-judgment.refund"]
    assert names[refund.deck_id] == "NetflixCS service floor"
    assert refund.front == "My refund card"  # the user's edit is not overwritten
    assert names[after["builtin:culture.no-scripts.meaning"].deck_id] == "NetflixCS service floor"
    # Retired (a duplicate, a split enumeration): kept, suspended, tagged, history kept.
    for guid in ("builtin:faq.career.influence", "builtin:checklist.overview.six-items"):
        assert after[guid].suspended and RETIRED_TAG in after[guid].tags, guid
    # Replaced by a cloze card: the card is taken over, so its memory carries on.
    rounds = by_id[before["builtin:faq.process.rounds"].id]
    assert (rounds.guid, rounds.kind, rounds.cloze) == (
        "builtin:faq.process.rounds-cloze/c1",
        CardKind.CLOZE,
        1,
    )
    assert names[rounds.deck_id] == "Interview FAQ" and not rounds.suspended
    assert after["builtin:faq.process.rounds-cloze/c2"].is_new  # the new gap starts fresh
    # ...unless the user had edited it: then it is retired and the cloze card added new.
    mine = after["builtin:faq.difficulty.acceptance-rate"]
    assert mine.front == "My 2% card" and mine.suspended and RETIRED_TAG in mine.tags
    assert after["builtin:faq.difficulty.acceptance-cloze/c1"].is_new
    # Corrected facts reach cards the user did not edit.
    keeper = after["builtin:culture.keeper-test.meaning"]
    assert "debrief" in keeper.back
    culture = next(d for d in released.decks.decks() if d.name == "Culture principles")
    assert "NetflixCS" in culture.description  # the deck description is corrected too


def test_a_replaced_card_the_user_moved_to_their_own_deck_stays_there(
    released: Services,
) -> None:
    study_all(released)
    mine = released.decks.create("My numbers")
    rounds = cards_by_guid(released)["builtin:faq.process.rounds"]
    with released.uow() as collection:
        collection.cards.move([rounds.id], mine.id)
    upgrade(released)
    taken = cards_by_guid(released)["builtin:faq.process.rounds-cloze/c1"]
    assert (taken.id, taken.deck_id, taken.memory) == (rounds.id, mine.id, rounds.memory)


def test_a_card_a_release_asks_another_way_changes_kind_and_keeps_its_memory(
    released: Services, tmp_path: Path
) -> None:
    upgrade(released)
    study_all(released)
    guid = "builtin:faq.levels.structure"
    before = cards_by_guid(released)[guid]
    folder = tmp_path / "decks"
    folder.mkdir()
    for path in decks_dir().glob("*.toml"):
        (folder / path.name).write_bytes(path.read_bytes())
    faq = folder / "interview-faq.toml"
    text = faq.read_text(encoding="utf-8")
    marker = 'id = "faq.levels.structure"\n'
    assert marker in text
    faq.write_text(text.replace(marker, marker + 'type = "spoken"\n'), encoding="utf-8")
    spoken = [c for d in load_builtin_decks(folder) for c in d.cards if c.guid == guid]
    assert spoken and spoken[0].kind is CardKind.SPOKEN

    released.content.install(load_builtin_decks(folder), fingerprint(folder))
    after = cards_by_guid(released)[guid]
    assert (after.id, after.kind, after.memory) == (before.id, CardKind.SPOKEN, before.memory)


def test_an_unstudied_collection_ends_as_a_fresh_one(released: Services, tmp_path: Path) -> None:
    upgrade(released)
    fresh = Services(open_database(tmp_path / "fresh.sqlite3"), released.clock, fuzzing=False)
    try:
        upgrade(fresh)
        assert cards_by_guid(released).keys() == cards_by_guid(fresh).keys()
        assert OPTIONAL not in {deck.guid for deck in released.decks.decks()}
    finally:
        fresh.close()


def test_a_second_install_of_the_same_content_changes_nothing(released: Services) -> None:
    study_all(released)
    upgrade(released)
    before = cards_by_guid(released)
    with released.uow() as collection:
        collection.settings.set("builtin_decks_fingerprint", "an older release")
    report = released.content.install(load_builtin_decks(), fingerprint())
    assert report == type(report)()
    assert cards_by_guid(released) == before


def test_a_retired_card_a_later_release_brings_back_is_studied_again(
    released: Services, tmp_path: Path
) -> None:
    study_all(released)
    upgrade(released)
    guid = "builtin:faq.career.influence"
    assert cards_by_guid(released)[guid].suspended
    folder = tmp_path / "decks"
    folder.mkdir()
    for path in decks_dir().glob("*.toml"):
        (folder / path.name).write_bytes(path.read_bytes())
    with (folder / "interview-faq.toml").open("a", encoding="utf-8") as faq:
        faq.write(
            '\n[[cards]]\nid = "faq.career.influence"\nfront = "Back again?"\nback = "Yes."\n'
            'source = "000_c7f265c2d61c5611.txt § TL;DR"\n'
        )
    released.content.install(load_builtin_decks(folder), fingerprint(folder))
    back = cards_by_guid(released)[guid]
    assert not back.suspended and RETIRED_TAG not in back.tags
    assert back.front == "Back again?"


def test_a_fresh_collection_gets_the_optional_deck_only_when_asked(services: Services) -> None:
    assert OPTIONAL not in {deck.guid for deck in services.decks.decks()}
    choice = next(c for c in services.content.choices() if c.guid == OPTIONAL)
    assert choice.optional and not choice.installed

    deck_id = services.content.add_deck(OPTIONAL)
    assert services.decks.card_count(deck_id) == choice.cards
    assert services.undo.next_label == "Add deck NetflixCS service floor"
    services.undo.undo()
    assert OPTIONAL not in {deck.guid for deck in services.decks.decks()}

    deck_id = services.content.add_deck(OPTIONAL)
    study_all(services)
    reviews = services.stats.collection_stats().reviews
    assert services.content.remove_deck(OPTIONAL) == choice.cards
    assert OPTIONAL not in {deck.guid for deck in services.decks.decks()}
    services.undo.undo()
    assert services.decks.card_count(deck_id) == choice.cards
    assert services.stats.collection_stats().reviews == reviews


def test_only_an_optional_deck_is_removed_this_way(services: Services) -> None:
    with pytest.raises(ValueError, match="not an optional built-in deck"):
        services.content.remove_deck("builtin:interview-faq")
    with pytest.raises(LookupError):
        services.content.remove_deck(OPTIONAL)


def test_undoing_an_added_deck_gives_back_a_card_it_took_from_another_deck(
    services: Services,
) -> None:
    """A card of the optional deck the user kept in a standard deck, studied, then the
    optional deck added (the card moves into it) and the add undone: the card goes back
    where it was, history and all, instead of leaving with the deck."""
    deck_id = services.content.add_deck(OPTIONAL)
    refund = cards_by_guid(services)["builtin:culture.best-judgment.refund"]
    culture = next(d for d in services.decks.decks() if d.name == "Culture principles")
    with services.uow() as collection:
        collection.cards.move([refund.id], culture.id)
    study_all(services)
    services.content.remove_deck(OPTIONAL)
    reviews = services.stats.collection_stats().reviews

    services.content.add_deck(OPTIONAL)
    assert cards_by_guid(services)[refund.guid].deck_id != culture.id  # taken into the deck
    services.undo.undo()

    kept = cards_by_guid(services)[refund.guid]
    assert (kept.id, kept.deck_id) == (refund.id, culture.id)
    assert services.stats.collection_stats().reviews == reviews
    assert deck_id not in {deck.id for deck in services.decks.decks()}
