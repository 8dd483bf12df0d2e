"""The journal of an operation (an import, cards built from a guide) knows the rows it
added by the ids handed out after it began, and copies only rows older than it that it
changed or deleted; reverting it gives back the exact content."""

from __future__ import annotations

from sqlalchemy import text

from tests.collection_content import collection_content
from trainer.core.cards import NewCard
from trainer.core.model import Origin
from trainer.services.services import Services
from trainer.storage.row_journal import recording, revert


def test_an_operation_after_the_newest_card_was_deleted_is_undone_exactly(
    services: Services,
) -> None:
    services.card_edits.add_cards("Mine", [NewCard("Old?", "1"), NewCard("Newest?", "2")])
    services.card_edits.delete([services.browse.search("Newest")[0]])
    before = collection_content(services.database.path)
    with services.uow() as collection, recording(collection) as journal:
        deck = collection.decks.named("Mine")
        collection.cards.add(deck.id, [NewCard("Imported?", "3")], Origin.IMPORT)
        assert not journal.wrote("cards")  # filled when the block ends
    assert journal.wrote("cards") and len(journal.ids("cards")) == 1
    with services.uow() as collection:
        revert(collection, journal)
    assert collection_content(services.database.path) == before


def test_a_setting_deleted_and_another_added_in_its_place_are_undone_exactly(
    services: Services,
) -> None:
    with services.uow() as collection:
        collection.settings.set("first", 1)
        collection.settings.set("newest", 2)
    before = collection_content(services.database.path)
    with services.uow() as collection, recording(collection) as journal:
        collection.session.execute(text("DELETE FROM settings WHERE key = 'newest'"))
        collection.settings.set("another", 3)
        collection.settings.set("first", 10)
    assert journal.wrote("settings")
    with services.uow() as collection:
        revert(collection, journal)
    assert collection_content(services.database.path) == before
