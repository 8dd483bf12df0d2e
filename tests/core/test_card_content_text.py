"""What a person types is checked before it is saved: text a .keeper file could not hold
(a lone surrogate, which no file or database stores; a side over its length limit) is
refused naming the field, instead of failing later at the database or at import."""

from __future__ import annotations

import pytest

from trainer.core.card_content import MAX_TEXT, CardContentError, card_content
from trainer.core.deck_options import OptionsError, check_deck_name
from trainer.exchange.keeper_schema import SCHEMA


@pytest.mark.parametrize(
    "front, back, tags, field",
    [
        ("Q\ud800", "A", (), "front"),
        ("Q", "\udcffA", (), "back"),
        ("Q", "A", ("ok", "t\udfff"), "tags"),
        ("Q" * (MAX_TEXT + 1), "A", (), "front"),
    ],
)
def test_text_no_file_could_hold_is_refused_naming_the_field(
    front: str, back: str, tags: tuple[str, ...], field: str
) -> None:
    with pytest.raises(CardContentError) as caught:
        card_content(front, back, tags)
    assert caught.value.field == field
    assert field.rstrip("s") in str(caught.value)


def test_the_longest_side_is_what_a_keeper_file_holds() -> None:
    assert SCHEMA["$defs"]["text"]["maxLength"] == MAX_TEXT
    assert card_content("Q" * MAX_TEXT, "A").front == "Q" * MAX_TEXT


def test_a_deck_name_with_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(OptionsError, match="not text"):
        check_deck_name("Deck \udcff", [])
