"""Deck file format 2: cloze and spoken cards, optional decks, `replaces`; format 1 loads.

Every bad file gives one line naming the file, the card number and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.content.builtin_decks import ContentError, load_builtin_decks, load_deck_file
from trainer.core.model import CardKind

SOURCE = 'source = "000_c7f265c2d61c5611.txt § TL;DR"\n'
RUBRIC = '"""- one\n- two\n- three"""'


def deck_file(folder: Path, cards: str, *, header: str = "", version: int = 2) -> Path:
    path = folder / "deck.toml"
    path.write_text(
        f'format = {version}\n[deck]\nid = "d"\nname = "D"\n{header}{cards}', encoding="utf-8"
    )
    return path


def card(fields: str, card_id: str = "a") -> str:
    return f'[[cards]]\nid = "{card_id}"\n{fields}{SOURCE}'


def test_a_cloze_text_loads_as_one_card_per_gap_number(tmp_path: Path) -> None:
    text = 'type = "cloze"\nfront = "{{c1::Four}} to {{c2::six}} rounds, {{c1::four}}."\n'
    deck = load_deck_file(deck_file(tmp_path, card(text, "rounds")))
    assert [c.guid for c in deck.cards] == ["builtin:rounds/c1", "builtin:rounds/c2"]
    assert {c.note_guid for c in deck.cards} == {"builtin:rounds"}
    assert [(c.kind, c.cloze) for c in deck.cards] == [(CardKind.CLOZE, 1), (CardKind.CLOZE, 2)]
    assert all(c.back == "" for c in deck.cards)  # the extra text is optional


def test_a_spoken_card_keeps_its_rubric_as_the_back(tmp_path: Path) -> None:
    fields = f'type = "spoken"\nfront = "Tell me about a failure."\nback = {RUBRIC}\n'
    (spoken,) = load_deck_file(deck_file(tmp_path, card(fields))).cards
    assert spoken.kind is CardKind.SPOKEN
    assert spoken.back == "- one\n- two\n- three"


def test_an_optional_deck_says_so_and_format_1_still_loads(tmp_path: Path) -> None:
    plain = card('front = "Q?"\nback = "A."\n')
    assert load_deck_file(deck_file(tmp_path, plain, header="optional = true\n")).optional
    old = load_deck_file(deck_file(tmp_path, plain, version=1))
    assert not old.optional
    assert [(c.guid, c.kind) for c in old.cards] == [("builtin:a", CardKind.BASIC)]


@pytest.mark.parametrize(
    ("fields", "header", "version", "message"),
    [
        ('type = "video"\nfront = "Q"\nback = "A"\n', "", 2, "card 1: field 'type'"),
        ('type = "cloze"\nfront = "No gap here"\n', "", 2, "card 1: field 'front' has no cloze"),
        ('type = "spoken"\nfront = "Q"\nback = "- a\\n- b"\n', "", 2, "card 1: field 'back'"),
        ('type = "spoken"\nfront = "Q"\nback = "just words"\n', "", 2, "card 1: field 'back'"),
        ('fornt = "Q"\nfront = "Q"\nback = "A"\n', "", 2, "card 1: field 'fornt' is not known"),
        ('front = "Q"\nback = "A"\ntags = "one"\n', "", 2, "card 1: field 'tags'"),
        ('front = "Q"\nback = "A"\n', 'optional = "yes"\n', 2, "[deck]: field 'optional'"),
        ('type = "cloze"\nfront = "{{c1::x}}"\n', "", 1, "card 1: field 'type' is not known"),
        ('front = "Q"\nback = "A"\n', "", 3, "format must be 1 or 2"),
    ],
)
def test_a_bad_card_names_the_file_card_and_field(
    tmp_path: Path, fields: str, header: str, version: int, message: str
) -> None:
    path = deck_file(tmp_path, card(fields), header=header, version=version)
    with pytest.raises(ContentError) as raised:
        load_deck_file(path)
    assert str(raised.value).startswith("deck.toml")
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_one_card_id_in_two_files_is_refused(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / f"{name}.toml").write_text(
            f'format = 2\n[deck]\nid = "{name}"\nname = "{name}"\n'
            + card('front = "Q?"\nback = "A."\n', "same"),
            encoding="utf-8",
        )
    with pytest.raises(ContentError, match=r"two.toml: card id 'same' is also in one.toml"):
        load_builtin_decks(tmp_path)


def test_replacing_a_card_still_shipped_is_refused(tmp_path: Path) -> None:
    cards = card('front = "Q?"\nback = "A."\n', "old") + card(
        'type = "cloze"\nreplaces = "old"\nfront = "{{c1::x}}"\n', "new"
    )
    deck_file(tmp_path, cards)
    with pytest.raises(ContentError, match=r"deck.toml: card 'new/c1': field 'replaces'"):
        load_builtin_decks(tmp_path)
