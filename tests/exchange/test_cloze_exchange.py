"""Cloze (and spoken) cards through every format: Anki packages both ways judged by the
real `anki` package, .keeper and CSV round trips, and files that break the rules."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from tests.exchange.anki_helpers import (
    add_note,
    anki_collection_at,
    export_package,
    import_package,
)
from trainer.app import open_services
from trainer.core.cards import Card, NewCard, Rating
from trainer.core.clock import FixedClock
from trainer.core.cloze_cards import cloze_content, question_text
from trainer.core.model import CardKind
from trainer.exchange.errors import ExchangeError
from trainer.services.services import Services

TEXT = "Offers come after {{c1::four}} rounds; {{c2::60%}} of the data is enough; {{c3::2%}}"


def all_cards(services: Services) -> list[Card]:
    cards = [services.browse.card(i) for i in services.browse.search("")]
    return [card for card in cards if card is not None]


def cloze_cards(services: Services) -> list[Card]:
    """The cloze cards of the test's own, not of the built-in decks."""
    found = (c for c in all_cards(services) if c.kind is CardKind.CLOZE and c.origin != "builtin")
    return sorted(found, key=lambda c: (c.note_guid, c.cloze))


def fill(services: Services) -> int:
    deck = services.decks.create("Numbers")
    first = services.card_edits.add(deck.id, cloze_content(TEXT, "*The FAQ*", "faq"))
    spoken = NewCard("Tell a failure story aloud", "Owned, learned, changed", kind=CardKind.SPOKEN)
    services.card_edits.add(deck.id, spoken)
    services.card_edits.add(deck.id, NewCard("Plain front", "Plain back"))
    return first


def test_keeper_cloze_cards_become_one_anki_cloze_note_anki_makes_the_same_cards(
    tmp_path: Path, services: Services
) -> None:
    fill(services)
    other = services.decks.create("Elsewhere")
    third = cloze_cards(services)[2]
    services.card_edits.move([third.id], other.id)  # a sibling in another deck
    package = tmp_path / "numbers.apkg"
    services.exchange.export_file(package)
    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as anki:
        import_package(anki, package)
        [note_id] = anki.find_notes('"note:Keeper Cloze" "deck:Numbers"')
        note = anki.get_note(note_id)
        assert note.note_type()["type"] == 1  # MODEL_CLOZE: Anki's own cloze kind
        assert note.keys()[:2] == ["Text", "Back Extra"]
        assert "{{c3::2%}}" in note["Text"] and "<i>The FAQ</i>" in note["Back Extra"]
        cards = sorted(note.cards(), key=lambda card: card.ord)
        assert [card.ord for card in cards] == [0, 1, 2]
        asked = [re.sub(r"<[^>]+>", "", card.question().split("</style>")[1]) for card in cards]
        assert asked == [
            "Offers come after [...] rounds; 60% of the data is enough; 2%",
            "Offers come after four rounds; [...] of the data is enough; 2%",
            "Offers come after four rounds; 60% of the data is enough; [...]",
        ]
        decks = [anki.decks.name(card.did) for card in cards]
        assert decks == ["Numbers", "Numbers", "Elsewhere"]
        [spoken] = anki.find_notes("tag:keeper::spoken deck:Numbers")
        assert anki.get_note(spoken)["Front"].startswith("<p>Tell a failure")
        mine = anki.find_notes("deck:Numbers or deck:Elsewhere")
        assert len(mine) == 3  # the cloze note, the spoken card, the basic card


def test_keepers_cloze_package_comes_home_to_the_same_cards_and_into_a_new_collection(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    fill(services)
    package = tmp_path / "numbers.apkg"
    services.exchange.export_file(package, deck="Numbers")
    again = services.exchange.import_file(package)
    assert (again.added, again.updated) == (0, 0)

    other = open_services(tmp_path / "elsewhere", clock, fuzzing=False)
    try:
        other.exchange.import_file(package)
        mine = [(c.guid, c.cloze, c.note_guid, c.front, c.back) for c in cloze_cards(services)]
        theirs = [(c.guid, c.cloze, c.note_guid, c.front, c.back) for c in cloze_cards(other)]
        assert theirs == mine and len(theirs) == 3
        spoken = [
            c for c in all_cards(other) if c.kind is CardKind.SPOKEN and c.origin != "builtin"
        ]
        assert [(c.front, c.tags) for c in spoken] == [("Tell a failure story aloud", ())]
    finally:
        other.close()


def test_an_anki_cloze_package_arrives_as_cloze_cards_with_history_on_the_right_card(
    tmp_path: Path, services: Services
) -> None:
    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as anki:
        add_note(anki, "Cloze", "Anki cloze", {
            "Text": "The {{c1::keeper test}}, {{c2::}} and {{c3::ünïcödé ✓::hint}}",
            "Back Extra": "extra",
        })  # fmt: skip
        anki.decks.select(anki.decks.id("Anki cloze"))
        card = anki.sched.getCard()
        assert card is not None and card.ord == 0
        card.start_timer()
        anki.sched.answerCard(card, 3)
        package = export_package(anki, tmp_path / "cloze.apkg", legacy=False, scheduling=True)

    report = services.exchange.import_file(package)
    assert report.added == 3 and report.reviews == 1
    cards = cloze_cards(services)
    assert [c.cloze for c in cards] == [1, 2, 3] and len({c.note_guid for c in cards}) == 1
    assert [c.memory.reps for c in cards] == [1, 0, 0]  # the history of card 1 only
    assert all(c.back == "extra" for c in cards)
    assert question_text(cards[2]) == "The keeper test,  and [hint]"
    assert question_text(cards[1]) == "The keeper test, [...] and ünïcödé ✓"  # the empty gap


@pytest.mark.parametrize("suffix", [".keeper", ".csv"])
def test_keeper_file_and_csv_round_trips_keep_every_gap_and_type(
    tmp_path: Path, services: Services, clock: FixedClock, suffix: str
) -> None:
    first = fill(services)
    session = services.study.start_session(services.browse.card(first).deck_id)  # type: ignore[union-attr]
    session.reveal()
    services.study.record(session.grade(Rating.GOOD))
    path = tmp_path / f"numbers{suffix}"
    services.exchange.export_file(path, deck="Numbers", with_history=True)
    if suffix == ".csv":
        rows = path.read_text(encoding="utf-8").splitlines()
        assert rows[0].endswith(",type") and sum("{{c1::four}}" in row for row in rows) == 1
    other = open_services(tmp_path / "elsewhere", clock, fuzzing=False)
    try:
        other.exchange.import_file(path)
        mine = [(c.guid, c.cloze, c.note_guid, c.front, c.back) for c in cloze_cards(services)]
        theirs = [(c.guid, c.cloze, c.note_guid, c.front, c.back) for c in cloze_cards(other)]
        assert theirs == mine
        kinds = sorted(str(c.kind) for c in all_cards(other) if c.deck_id == theirs_deck(other))
        assert kinds == ["basic", "cloze", "cloze", "cloze", "spoken"]
        if suffix == ".keeper":
            assert [c.memory.reps for c in cloze_cards(other)] == [1, 0, 0]
        assert services.exchange.import_file(path).added == 0  # home again: nothing new
    finally:
        other.close()


def theirs_deck(services: Services) -> int:
    return next(deck.id for deck in services.decks.decks() if deck.name == "Numbers")


def test_a_keeper_file_whose_cloze_card_asks_a_missing_gap_is_refused_in_one_line(
    tmp_path: Path, services: Services
) -> None:
    fill(services)
    path = tmp_path / "numbers.keeper"
    services.exchange.export_file(path, deck="Numbers")
    with zipfile.ZipFile(path) as archive:
        documents = {name: archive.read(name) for name in archive.namelist()}
    assert json.loads(documents["manifest.json"])["version"] == 4
    cards = json.loads(documents["cards.json"])
    next(card for card in cards if card.get("cloze") == 3)["cloze"] = 7
    documents["cards.json"] = json.dumps(cards).encode()
    broken = tmp_path / "broken.keeper"
    with zipfile.ZipFile(broken, "w") as archive:
        for name, data in documents.items():
            archive.writestr(name, data)
    before = len(all_cards(services))
    with pytest.raises(ExchangeError) as refused:
        services.exchange.import_file(broken)
    assert "cloze 7: the front has no gap {{c7::...}}" in str(refused.value)
    assert "\n" not in str(refused.value) and len(all_cards(services)) == before


def test_a_csv_cloze_row_makes_one_card_per_gap_and_a_bad_type_is_refused(
    tmp_path: Path, services: Services
) -> None:
    good = tmp_path / "cloze.csv"
    good.write_text(
        "front,back,type\n"
        '"{{c1::Ünï}} {{c999::big}} {{c2::a {c3::not nested} b}}",,cloze\n'
        "Basic front,Basic back,\n",
        encoding="utf-8",
    )
    report = services.exchange.import_file(good, deck="Imported")
    assert report.added == 4
    assert [c.cloze for c in cloze_cards(services)] == [1, 2, 999]
    bad = tmp_path / "bad.csv"
    bad.write_text("front,back,type\nQ,A,essay\n", encoding="utf-8")
    with pytest.raises(ExchangeError) as refused:
        services.exchange.import_file(bad)
    assert "line 2: type 'essay' is not one of basic, cloze, spoken" in str(refused.value)
    nested = tmp_path / "nested.csv"
    nested.write_text("front,back,type\n{{c1::a {{c2::b}} c}},,cloze\n", encoding="utf-8")
    with pytest.raises(ExchangeError, match="line 2: the front has a gap inside another gap"):
        services.exchange.import_file(nested)
    no_gap = tmp_path / "nogap.csv"
    no_gap.write_text("front,back,type\nNo gap here,,cloze\n", encoding="utf-8")
    with pytest.raises(ExchangeError, match="line 2: a cloze row needs a gap"):
        services.exchange.import_file(no_gap)


def test_a_keeper_file_of_an_older_format_brings_basic_cards(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    fill(services)
    path = tmp_path / "numbers.keeper"
    services.exchange.export_file(path, deck="Numbers")
    with zipfile.ZipFile(path) as archive:
        documents = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(documents["manifest.json"])
    documents["manifest.json"] = json.dumps({**manifest, "version": 3}).encode()
    older = tmp_path / "older.keeper"
    with zipfile.ZipFile(older, "w") as archive:
        for name, data in documents.items():
            archive.writestr(name, data)
    other = open_services(tmp_path / "elsewhere", clock, fuzzing=False)
    try:
        assert other.exchange.import_file(older).added == 5
        imported = [c for c in all_cards(other) if c.deck_id == theirs_deck(other)]
        assert {(c.kind, c.cloze, c.note_guid) for c in imported} == {(CardKind.BASIC, 0, "")}
    finally:
        other.close()


def test_gap_c999_reaches_anki_as_card_999_and_an_anki_nested_cloze_is_skipped_with_a_warning(
    tmp_path: Path, services: Services
) -> None:
    deck = services.decks.create("Far gaps")
    services.card_edits.add(deck.id, cloze_content("{{c1::near}} and {{c999::far}}"))
    package = tmp_path / "far.apkg"
    services.exchange.export_file(package, deck="Far gaps")
    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as anki:
        import_package(anki, package)
        [note_id] = anki.find_notes("deck:Far*")
        assert sorted(card.ord for card in anki.get_note(note_id).cards()) == [0, 998]
        add_note(anki, "Cloze", "Nested", {"Text": "{{c1::a {{c2::b}} c}}", "Back Extra": ""})
        nested = export_package(anki, tmp_path / "nested.apkg", legacy=False, scheduling=False)
    before = len(all_cards(services))
    report = services.exchange.import_file(nested)
    assert any("skipped: nothing Keeper can show" in warning for warning in report.warnings)
    far = [c.cloze for c in all_cards(services) if c.front.startswith("{{c1::near}}")]
    assert sorted(far) == [1, 999]  # the package brought the Far gaps note home: no copy
    assert not any(c.front.startswith("{{c1::a {{c2") for c in all_cards(services))
    assert len(all_cards(services)) == before + report.added


def test_the_review_history_of_each_cloze_card_lands_on_its_own_anki_card(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    fill(services)
    deck = cloze_cards(services)[0].deck_id
    graded: dict[int, list[int]] = {}
    for rating in (Rating.EASY, Rating.AGAIN):  # a day each: siblings wait for the next day
        session = services.study.start_session(deck)
        for card in session.cards_left():  # each card once: Again would bring it back
            assert session.current is not None and session.current.id == card.id
            session.reveal()
            services.study.record(session.grade(rating))
            if card.kind is CardKind.CLOZE:
                graded.setdefault(card.cloze - 1, []).append(int(rating))
        clock.advance(timedelta(days=1))
    assert len(graded) == 2  # two of the three gaps studied, one each day
    package = tmp_path / "history.apkg"
    services.exchange.export_file(package, deck="Numbers", with_history=True)
    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as anki:
        import_package(anki, package)
        [note_id] = anki.find_notes('"note:Keeper Cloze" "deck:Numbers"')
        logs = {
            card.ord: [
                ease for (ease,) in anki.db.all(f"select ease from revlog where cid={card.id}")
            ]
            for card in anki.get_note(note_id).cards()
        }
        types = {card.ord: card.type for card in anki.get_note(note_id).cards()}
    assert {ord_: log for ord_, log in logs.items() if log} == graded
    assert sorted(types.values()) == [0, 1, 2] or sorted(types.values()) == [0, 2, 3]
