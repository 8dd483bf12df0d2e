"""Cards with tags pass the .keeper limits by a quick path; a tag the format cannot hold
still stops the import in one line naming the card (the quick path must not let it by)."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck
from trainer.exchange.errors import ExchangeError
from trainer.exchange.keeper_limits import check_keepable

DECK = BundleDeck("deck:a", "A")


def bundle_with_tags(*tags: str) -> Bundle:
    good = BundleCard("card:1", DECK.guid, "Fine?", "Yes", ("prep", "metrics"))
    odd = BundleCard("card:2", DECK.guid, "Odd tags?", "Yes", tags)
    return Bundle(decks=(DECK,), cards=(good, odd))


def test_cards_with_ordinary_tags_pass() -> None:
    check_keepable(Path("cards.csv"), bundle_with_tags("a", "b" * 200))


@pytest.mark.parametrize(
    ("tags", "problem"),
    [
        (("ok", "x" * 201), "tags[1] is longer than 200"),
        (("two words",), "tags[0] must be a tag without spaces"),
        (("",), "tags[0] is empty"),
        (tuple(f"t{i}" for i in range(501)), "tags: more than 500"),
    ],
)
def test_a_tag_a_keeper_file_cannot_hold_is_refused_naming_the_card(
    tags: tuple[str, ...], problem: str
) -> None:
    with pytest.raises(ExchangeError, match="card 2") as refused:
        check_keepable(Path("cards.csv"), bundle_with_tags(*tags))
    assert problem in str(refused.value)
    assert "\n" not in str(refused.value)
