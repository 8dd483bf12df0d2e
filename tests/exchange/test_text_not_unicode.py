"""A lone surrogate is not text: no file or database can store one. Wherever one arrives (a
.keeper file's `\\ud800` escape, a command-line argument of bytes that are not UTF-8, a bundle
handed to an exporter) it is refused in one line naming where it is, and nothing changes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.exchange.test_bad_input import GOOD_CARDS, GOOD_DECKS, keeper, refused
from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck
from trainer.exchange.errors import ExchangeError
from trainer.exchange.formats import Format, write_file
from trainer.services.services import Services


@pytest.mark.parametrize(
    "cards, decks, where",
    [
        ([{**GOOD_CARDS[0], "front": "Q\ud800"}], GOOD_DECKS, "cards.json: cards[0].front"),
        ([{**GOOD_CARDS[0], "tags": ["ok", "\udfff"]}], GOOD_DECKS, "cards.json: cards[0].tags[1]"),
        (GOOD_CARDS, [{**GOOD_DECKS[0], "name": "\udc80x"}], "decks.json: decks[0].name"),
    ],
)
def test_a_lone_surrogate_in_a_keeper_file_is_refused_naming_the_field(
    tmp_path: Path, services: Services, cards: list, decks: list, where: str
) -> None:
    # json.dumps writes the lone surrogate as the escape `\ud800`, as a hostile file would.
    path = keeper(tmp_path / "odd.keeper", cards_json=cards, decks_json=decks)
    refused(services, path, f"{where}: holds a lone surrogate (U+")


def test_a_surrogate_pair_escape_is_the_character_it_stands_for(
    tmp_path: Path, services: Services
) -> None:
    path = keeper(tmp_path / "pair.keeper", cards_json=[{**GOOD_CARDS[0], "front": "Q 😀"}])
    services.exchange.import_file(path)  # json.dumps writes 😀 as `\ud83d\ude00`
    with services.uow() as collection:
        assert "Q 😀" in {card.front for card in collection.cards.all()}


@pytest.mark.parametrize("kind", list(Format))
def test_an_exporter_refuses_a_lone_surrogate_in_one_line_and_writes_nothing(
    tmp_path: Path, kind: Format
) -> None:
    bundle = Bundle(
        decks=(BundleDeck("deck:a", "Deck"),),
        cards=(BundleCard("card:1", "deck:a", "Q", "A\udcff"),),
    )
    path = tmp_path / f"out.{kind}"
    with pytest.raises(ExchangeError) as caught:
        write_file(path, bundle, kind, datetime(2026, 3, 10, tzinfo=UTC))
    assert str(caught.value) == (
        f"{path}: card 'card:1': the back holds a lone surrogate (U+DCFF), which is not text"
    )
    assert list(tmp_path.iterdir()) == []
