"""A card keeps how it asks (basic, cloze, spoken), its cloze gap and its siblings' guid."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from trainer.core.cards import NewCard
from trainer.core.model import CardKind, DeckId
from trainer.services.services import Services


def test_a_cloze_and_a_spoken_card_come_back_as_they_were_stored(services: Services) -> None:
    with services.uow() as collection:
        deck = collection.decks.add("Kinds")
        collection.cards.add(
            deck.id,
            [
                NewCard("{{c1::Talent density}} and {{c2::context}}", "", kind=CardKind.CLOZE,
                        cloze=2, note_guid="note:abc"),
                NewCard("Tell me about a failure.", "- you own it", kind=CardKind.SPOKEN),
                NewCard("Plain", "card"),
            ],
        )  # fmt: skip
        cards = {card.front[:5]: card for card in collection.cards.all(DeckId(deck.id))}
    assert (cards["{{c1:"].kind, cards["{{c1:"].cloze) == (CardKind.CLOZE, 2)
    assert cards["{{c1:"].note_guid == "note:abc"
    assert cards["Tell "].kind is CardKind.SPOKEN
    assert (cards["Plain"].kind, cards["Plain"].cloze, cards["Plain"].note_guid) == (
        CardKind.BASIC, 0, "")  # fmt: skip


def test_cards_stored_before_kinds_existed_read_as_basic(
    services: Services, data_dir: Path
) -> None:
    with services.uow() as collection:
        existing = collection.cards.all()[0]
    connection = sqlite3.connect(next(data_dir.glob("*.sqlite3")))
    columns = {row[1] for row in connection.execute("PRAGMA table_info(cards)")}
    connection.close()
    assert {"kind", "cloze", "note_guid"} <= columns
    assert existing.kind is CardKind.BASIC and existing.cloze == 0
