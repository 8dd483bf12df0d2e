"""The browser's Question column sorts by the text a person reads there: Markdown marks
left out, case and accents folded ('Élan' beside 'elan'), whichever way a card arrived."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from trainer.core.card_content import card_content
from trainer.core.model import DeckId
from trainer.services.services import Services

FRONTS = ["**Zebra** stripes", "`apple` pie", "Élan vital", "elan", "banana", "# Mango", "> cherry"]
SHOWN_IN_ORDER = ["apple pie", "banana", "cherry", "elan", "Élan vital", "Mango", "Zebra stripes"]


def add_deck(services: Services, fronts: list[str]) -> DeckId:
    deck = services.decks.create("Sorting")
    for front in fronts:
        services.card_edits.add(deck.id, card_content(front, "back", ""))
    return deck.id


def shown(services: Services, query: str, descending: bool = False) -> list[str]:
    rows = services.browse.rows(services.browse.search(query, descending=descending))
    return [row.front for row in rows]


def test_a_search_lists_cards_by_the_text_shown_not_by_its_marks(services: Services) -> None:
    add_deck(services, FRONTS)
    assert shown(services, "deck:Sorting") == SHOWN_IN_ORDER
    assert shown(services, "deck:Sorting", descending=True) == SHOWN_IN_ORDER[::-1]


def test_every_card_and_every_new_card_lists_by_the_text_shown(services: Services) -> None:
    add_deck(services, FRONTS)
    for query in ("", "is:new"):  # the kept whole order, and the index walked by state
        mine = [front for front in shown(services, query) if front in SHOWN_IN_ORDER]
        assert mine == SHOWN_IN_ORDER, query


def test_an_edited_front_moves_to_its_new_place_and_back_on_undo(services: Services) -> None:
    add_deck(services, FRONTS)
    banana = services.browse.search("deck:Sorting banana")[0]
    services.card_edits.edit(banana, card_content("**Aardvark**", "back", ""))
    assert shown(services, "deck:Sorting")[0] == "Aardvark"
    services.undo.undo()
    assert shown(services, "deck:Sorting") == SHOWN_IN_ORDER


def test_imported_cards_take_their_place_by_the_text_shown(
    services: Services, tmp_path: Path
) -> None:
    add_deck(services, ["banana", "Mango"])
    csv = tmp_path / "more.csv"
    csv.write_text("front,back\n**Cherry**,x\n`Ärger`,x\nzest,x\n", encoding="utf-8")
    services.exchange.import_file(csv, deck="Sorting")
    assert shown(services, "deck:Sorting") == ["Ärger", "banana", "Cherry", "Mango", "zest"]


def test_a_deleted_card_comes_back_in_its_place_on_undo(services: Services) -> None:
    add_deck(services, FRONTS)
    services.card_edits.delete(services.browse.search("deck:Sorting cherry"))
    services.undo.undo()
    assert shown(services, "deck:Sorting") == SHOWN_IN_ORDER


def test_story_cards_keep_the_key_of_their_front_through_edits(
    services: Services, data_dir: Path
) -> None:
    import sqlite3
    from contextlib import closing

    from trainer.core.browse import front_sort_key
    from trainer.core.stories import Story

    story = Story(
        id=None, title="**Pricing** call", questions="Tell me about a hard call.",
        situation="A trial.", decision="I decided to end the trial.", risk="Sign-ups.",
        outcome="Fell 4%.", post_mortem="Too slow.", changes="Decide sooner.",
    )  # fmt: skip
    saved = services.stories.create(story)
    services.stories.save(replace(saved, title="`Élan` and the trial"))
    with closing(sqlite3.connect(data_dir / "collection.sqlite3")) as connection:
        rows = connection.execute("SELECT front, front_key FROM cards").fetchall()
    assert rows and all(key == front_sort_key(front) for front, key in rows)
