"""Keeper's .apkg opens in the official `anki` package with every card's text and tags."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from tests.exchange.anki_helpers import anki_collection_at, import_package
from trainer.core.cards import Card, NewCard
from trainer.core.clock import FixedClock
from trainer.core.model import DeckId
from trainer.exchange.html_text import html_to_markdown
from trainer.exchange.markdown_html import markdown_to_html
from trainer.services.services import Services

DECK = "Interview FAQ"


def anki_notes(collection: object) -> dict[str, tuple[str, str, list[str], str]]:
    """Keeper ID -> (front HTML, back HTML, tags, deck name) of every note in the collection:
    a Basic note's Front and Back, a Cloze note's Text and Back Extra (its Keeper ID is the
    cloze text's note guid, shared by its cards)."""
    found = {}
    for note_id in collection.find_notes(""):  # type: ignore[attr-defined]
        note = collection.get_note(note_id)  # type: ignore[attr-defined]
        card = note.cards()[0]
        deck = collection.decks.name(card.did)  # type: ignore[attr-defined]
        front, back = note.fields[0], note.fields[1]
        found[note["Keeper ID"]] = (front, back, list(note.tags), deck)
    return found


def test_a_built_in_deck_opens_in_anki_with_every_card_text_and_tags(
    tmp_path: Path, services: Services
) -> None:
    package = tmp_path / "faq.apkg"
    report = services.exchange.export_file(package, deck=DECK)
    deck = next(d for d in services.study.overview() if d.name == DECK)
    keeper_cards = {c.guid: c for c in _cards_of(services, deck.deck_id)}
    assert report.cards == len(keeper_cards) > 0

    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as collection:
        import_package(collection, package)
        notes = anki_notes(collection)
        assert collection.card_count() == len(keeper_cards)

    assert set(notes) == {card.note_guid or guid for guid, card in keeper_cards.items()}
    for guid, card in keeper_cards.items():
        front, back, tags, deck_name = notes[card.note_guid or guid]
        assert html_to_markdown(front) == card.front
        assert html_to_markdown(back) == card.back
        spoken = ["keeper::spoken"] if card.kind == "spoken" else []  # comes home spoken
        assert sorted(tags) == sorted([*card.tags, *spoken])
        assert deck_name == DECK


def test_a_newer_export_updates_the_notes_in_anki_instead_of_duplicating(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    services.card_edits.add_cards("Shared", [NewCard("What is FSRS?", "A scheduler", ("srs",))])
    first, second = tmp_path / "v1.apkg", tmp_path / "v2.apkg"
    services.exchange.export_file(first, deck="Shared")
    card = _cards_of(services, _deck_id(services, "Shared"))[0]
    with services.uow() as collection:
        collection.cards.update_content(
            card.id, NewCard("What is FSRS?", "Free Spaced Repetition Scheduler", ("srs",)),
            by_user=True,
        )  # fmt: skip
    clock.advance(timedelta(days=1))
    services.exchange.export_file(second, deck="Shared")

    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as collection:
        import_package(collection, first)
        import_package(collection, second)
        notes = anki_notes(collection)
        assert collection.note_count() == 1
    assert notes[card.guid][1] == markdown_to_html("Free Spaced Repetition Scheduler")


def test_nested_deck_names_become_nested_anki_decks(tmp_path: Path, services: Services) -> None:
    services.card_edits.add_cards("Languages::French", [NewCard("chat", "cat")])
    package = tmp_path / "nested.apkg"
    services.exchange.export_file(package, deck="Languages::French")
    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as collection:
        import_package(collection, package)
        names = {deck.name for deck in collection.decks.all_names_and_ids()}
    assert {"Languages", "Languages::French"} <= names


def test_markdown_becomes_html_anki_shows_and_text_stays_escaped(
    tmp_path: Path, services: Services
) -> None:
    services.card_edits.add_cards(
        "Markup", [NewCard("Is <script>alert(1)</script> code?", "**No**, & it stays *text*")]
    )
    package = tmp_path / "markup.apkg"
    services.exchange.export_file(package, deck="Markup")
    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as collection:
        import_package(collection, package)
        ((front, back, _tags, _deck),) = anki_notes(collection).values()
    assert "<script>" not in front and "&lt;script&gt;" in front
    assert re.search(r"<b>No</b>, &amp; it stays <i>text</i>", back)


def test_keepers_own_package_comes_home_to_the_same_cards(
    tmp_path: Path, services: Services
) -> None:
    package = tmp_path / "all.apkg"
    exported = services.exchange.export_file(package)
    report = services.exchange.import_file(package)
    assert (report.added, report.updated, report.skipped) == (0, 0, exported.cards)


def _deck_id(services: Services, name: str) -> DeckId:
    return next(d.deck_id for d in services.study.overview() if d.name == name)


def _cards_of(services: Services, deck_id: DeckId) -> list[Card]:
    with services.uow() as collection:
        return collection.cards.all(deck_id)
