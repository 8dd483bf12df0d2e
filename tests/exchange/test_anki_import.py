"""Packages built by the official `anki` package arrive in Keeper intact."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.exchange.anki_helpers import add_note, anki_collection_at, export_package
from trainer.core.clock import FixedClock
from trainer.core.cloze import question
from trainer.core.model import CardKind, CardState
from trainer.exchange.anki_import import read_anki_package
from trainer.exchange.bundle import BundleCard, Loaded
from trainer.services.services import Services


def build_package(tmp_path: Path, *, legacy: bool, scheduling: bool = False) -> Path:
    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as collection:
        add_note(
            collection,
            "Basic",
            "Languages::Français",
            {"Front": "Où est <b>la gare</b>&nbsp;?", "Back": "À gauche &amp; tout droit<br>2 km"},
            ["french", "travel::directions"],
        )
        add_note(
            collection,
            "Basic (and reversed card)",
            "Languages::Deutsch",
            {"Front": "dog", "Back": "der Hund"},
            ["german"],
        )
        add_note(
            collection,
            "Cloze",
            "Geography",
            {
                "Text": "{{c1::Paris}} is the capital of {{c2::France::country}} 🇫🇷",
                "Back Extra": "<i>Since 987</i>",
            },
        )
        collection.media.write_data("japan.png", b"\x89PNG fake image")
        add_note(
            collection,
            "Basic",
            "Geography",
            {
                "Front": "Flag of Japan <img src='japan.png'>",
                "Back": "<ul><li>white</li><li>red disc</li></ul>",
            },
        )
        return export_package(
            collection, tmp_path / f"deck-{legacy}.apkg", legacy=legacy, scheduling=scheduling
        )


def by_front(loaded: Loaded) -> dict[str, BundleCard]:
    return {card.front: card for card in loaded.bundle.cards}


@pytest.mark.parametrize("legacy", [False, True], ids=["modern", "legacy"])
def test_basic_reversed_and_cloze_notes_arrive_with_text_tags_and_decks(
    tmp_path: Path, clock: FixedClock, legacy: bool
) -> None:
    loaded = read_anki_package(build_package(tmp_path, legacy=legacy), clock())
    cards = by_front(loaded)
    decks = {deck.guid: deck.name for deck in loaded.bundle.decks}

    basic = cards["Où est **la gare** ?"]
    assert basic.back == "À gauche & tout droit\n2 km"
    assert basic.tags == ("french", "travel::directions")
    assert decks[basic.deck_guid] == "Languages::Français"

    assert cards["dog"].back == "der Hund"
    assert cards["der Hund"].back == "dog"  # the reversed card
    assert decks[cards["dog"].deck_guid] == "Languages::Deutsch"

    text = "{{c1::Paris}} is the capital of {{c2::France::country}} 🇫🇷"
    gaps = sorted((c for c in loaded.bundle.cards if c.front == text), key=lambda c: c.cloze)
    assert [(c.kind, c.cloze, c.back) for c in gaps] == [
        (CardKind.CLOZE, 1, "*Since 987*"), (CardKind.CLOZE, 2, "*Since 987*"),
    ]  # fmt: skip
    assert gaps[0].note_guid == gaps[1].note_guid != ""
    assert question(text, 2) == "Paris is the capital of [country] 🇫🇷"
    assert cards["Flag of Japan"].back == "- white\n- red disc"
    assert len(loaded.bundle.cards) == 6
    # Anki's file is no PNG: left out, and the card names no file Keeper lacks
    assert "media file 'japan.png' left out: its content is not a png file" in loaded.warnings
    assert "1 images or sounds in card text were left out" in loaded.warnings


def test_the_newest_collection_inside_wins(tmp_path: Path, clock: FixedClock) -> None:
    package = build_package(tmp_path, legacy=False)
    import zipfile

    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
    assert "collection.anki21b" in names and "collection.anki2" in names  # a stub for old Ankis
    loaded = read_anki_package(package, clock())
    assert not any("Please update" in card.front for card in loaded.bundle.cards)


def test_importing_a_package_twice_adds_nothing_the_second_time(
    tmp_path: Path, services: Services
) -> None:
    package = build_package(tmp_path, legacy=False)
    first = services.exchange.import_file(package)
    second = services.exchange.import_file(package)
    assert (first.added, first.skipped) == (6, 0)
    assert (second.added, second.updated, second.skipped) == (0, 0, 6)


def test_review_history_and_scheduling_arrive(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as collection:
        for number in range(3):
            add_note(collection, "Basic", "History", {"Front": f"q{number}", "Back": "a"})
        collection.decks.select(collection.decks.id("History"))
        answered = 0
        for ease in (3, 3, 4, 1, 3, 3):
            card = collection.sched.getCard()
            if card is None:
                break
            card.start_timer()
            collection.sched.answerCard(card, ease)
            answered += 1
        expected = collection.db.scalar("select count() from revlog")
        package = export_package(
            collection, tmp_path / "history.apkg", legacy=False, scheduling=True
        )

    report = services.exchange.import_file(package)
    assert answered == expected >= 3  # Anki may hold learning cards back for a minute
    assert report.added == 3
    assert report.reviews == expected
    assert services.stats.collection_stats().reviews == expected
    studied = [deck for deck in services.study.overview() if deck.name == "History"][0]
    assert studied.cards == 3

    again = services.exchange.import_file(package)
    assert (again.added, again.reviews) == (0, 0)
    assert services.stats.collection_stats().reviews == expected


def test_studied_cards_get_fsrs_memory_and_anki_due_dates(
    tmp_path: Path, clock: FixedClock
) -> None:
    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as collection:
        add_note(collection, "Basic", "Memory", {"Front": "capital of Peru", "Back": "Lima"})
        collection.decks.select(collection.decks.id("Memory"))
        for ease in (4,):  # Easy on a new card graduates it to review straight away
            card = collection.sched.getCard()
            collection.sched.answerCard(card, ease)
        package = export_package(collection, tmp_path / "memory.apkg", legacy=True, scheduling=True)

    loaded = read_anki_package(package, clock())
    card = loaded.bundle.cards[0]
    assert card.memory is not None
    assert card.memory.state is CardState.REVIEW
    assert card.memory.stability and card.memory.stability > 0
    assert card.memory.difficulty is not None
    assert card.memory.due is not None
    assert card.memory.due > datetime.now(UTC) - timedelta(days=1)  # Anki uses the real clock
    assert [review.rating for review in loaded.bundle.reviews] == [4]
    assert loaded.bundle.reviews[0].after.state is CardState.REVIEW


def test_other_note_types_follow_their_templates_or_go_field_by_field(
    tmp_path: Path, clock: FixedClock
) -> None:
    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as collection:
        models = collection.models
        vocab = models.new("Vocabulary")
        for name in ("Word", "Meaning", "Example", "Source"):
            models.add_field(vocab, models.new_field(name))
        template = models.new_template("Recognise")
        template["qfmt"] = "<div class=word>{{Word}}</div>"
        template["afmt"] = "{{FrontSide}}<hr id=answer>{{Meaning}}<br>{{hint:Example}}"
        models.add_template(vocab, template)
        models.add(vocab)
        odd = models.new("Static prompt")
        for name in ("Topic", "Notes", "Link"):
            models.add_field(odd, models.new_field(name))
        static = models.new_template("Card 1")
        static["qfmt"] = "Say everything you know about this topic {{#Topic}}.{{/Topic}}"
        static["afmt"] = "{{FrontSide}}"
        models.add_template(odd, static)
        models.add(odd)
        add_note(collection, "Vocabulary", "Words", {"Word": "Hund", "Meaning": "dog",
                 "Example": "Der Hund bellt.", "Source": "Duden"})  # fmt: skip
        add_note(collection, "Static prompt", "Words", {"Topic": "FSRS", "Notes": "a scheduler",
                 "Link": "https://github.com/open-spaced-repetition"})  # fmt: skip
        add_note(collection, "Basic (type in the answer)", "Words",
                 {"Front": "Capital of Peru?", "Back": "Lima"})  # fmt: skip
        package = export_package(
            collection, tmp_path / "types.apkg", legacy=False, scheduling=False
        )

    cards = by_front(read_anki_package(package, clock()))
    assert (cards["Hund"].back, cards["Hund"].source) == ("dog\n\nDer Hund bellt.", "Duden")
    assert cards["FSRS"].back == (
        "**Notes:** a scheduler\n\n**Link:** https://github.com/open-spaced-repetition"
    )
    assert cards["Capital of Peru?"].back == "Lima"
