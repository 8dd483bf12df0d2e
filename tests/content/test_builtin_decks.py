"""The built-in decks: what ships, and how a later release updates them in place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from trainer.content.builtin_decks import (
    ContentError,
    decks_dir,
    fingerprint,
    load_builtin_decks,
    load_deck_file,
)
from trainer.core.cards import Card, NewCard, Rating
from trainer.services.services import Services

SEED_FILES = ("000_c7f265c2d61c5611.txt", "003_495920ad492b9a48.txt")
EVERY_COLLECTION = {
    "Interview mistakes",
    "Interview FAQ",
    "Culture principles",
    "Preparation checklist",
}


def test_four_decks_every_collection_gets_and_one_optional_deck() -> None:
    decks = load_builtin_decks()
    assert {deck.name for deck in decks if not deck.optional} == EVERY_COLLECTION
    assert {deck.name for deck in decks if deck.optional} == {"NetflixCS service floor"}
    cards = [card for deck in decks for card in deck.cards]
    assert len(cards) >= 40
    assert len({card.guid for card in cards}) == len(cards)


def test_culture_cards_draw_on_both_guides() -> None:
    culture = next(deck for deck in load_builtin_decks() if deck.name == "Culture principles")
    sources = " ".join(card.source for card in culture.cards)
    assert all(seed in sources for seed in SEED_FILES)


def test_mistakes_are_carded_both_ways() -> None:
    mistakes = next(deck for deck in load_builtin_decks() if deck.name == "Interview mistakes")
    weak_shown = [c for c in mistakes.cards if c.guid.endswith(".weak-to-strong")]
    pattern_named = [c for c in mistakes.cards if c.guid.endswith(".pattern-to-answers")]
    assert weak_shown and len(weak_shown) == len(pattern_named)


def test_a_malformed_deck_file_names_the_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "broken.toml"
    bad.write_text('format = 1\n[deck]\nid = "x"\nname = "X"\n[[cards]]\nid = "a"\nfront = ""\n')
    with pytest.raises(ContentError, match=r"broken.toml card 1: field 'front'"):
        load_deck_file(bad)


def _edited_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    shutil.copytree(decks_dir(), folder)
    path = folder / "preparation-checklist.toml"
    text = path.read_text(encoding="utf-8")
    first_id = "checklist.decision-audit.what-and-why"
    marker = f'id = "{first_id}"\nfront = """'
    assert marker in text
    text = text.replace(marker, marker + "(Revised) ", 1)
    text += (
        '\n[[cards]]\nid = "checklist.added-in-a-later-release"\n'
        'front = "A card added by a later release?"\nback = "Yes."\n'
        'source = "000_c7f265c2d61c5611.txt § Preparation Checklist"\n'
    )
    path.write_text(text, encoding="utf-8")
    return folder


def test_an_edited_builtin_deck_updates_cards_in_place_and_keeps_their_history(
    services: Services, tmp_path: Path
) -> None:
    studied = _card(services, "builtin:checklist.decision-audit.what-and-why")
    deck = next(r for r in services.study.overview() if r.name == "Preparation checklist")
    session = services.study.start_session(deck.deck_id)
    while session.current is not None and session.current.id != studied.id:
        session.reveal()
        services.study.record(session.grade(Rating.EASY))
    assert session.current is not None
    session.reveal()
    services.study.record(session.grade(Rating.GOOD))
    memory_after_review = _card(services, studied.guid).memory
    reviews = services.stats.collection_stats().reviews

    folder = _edited_copy(tmp_path)
    report = services.content.install(load_builtin_decks(folder), fingerprint(folder))

    assert (report.added, report.updated) == (1, 1)
    updated = _card(services, studied.guid)
    assert updated.front.startswith("(Revised) ")
    assert updated.id == studied.id
    assert updated.memory == memory_after_review
    assert services.stats.collection_stats().reviews == reviews
    counts = {r.name: r.cards for r in services.study.overview()}
    assert counts["Preparation checklist"] == deck.cards + 1


def test_a_card_the_user_edited_is_not_overwritten_by_an_update(
    services: Services, tmp_path: Path
) -> None:
    card = _card(services, "builtin:checklist.decision-audit.what-and-why")
    with services.uow() as collection:
        collection.cards.update_content(card.id, NewCard("My own wording", card.back), by_user=True)
    folder = _edited_copy(tmp_path)
    services.content.install(load_builtin_decks(folder), fingerprint(folder))
    assert _card(services, card.guid).front == "My own wording"


def test_an_unchanged_release_is_skipped(services: Services) -> None:
    report = services.content.install(load_builtin_decks(), fingerprint())
    assert (report.added, report.updated) == (0, 0)


def _card(services: Services, guid: str) -> Card:
    with services.uow() as collection:
        return collection.cards.with_guids([guid])[guid]
