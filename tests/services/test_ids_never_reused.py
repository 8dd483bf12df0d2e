"""Ids are never given out twice, so an undo that puts rows back under their own ids can
never collide with a row made since (SQLite by itself reuses the highest id once its row
is deleted: `tests/services/test_deck_card_counts.py` found this by chance)."""

from __future__ import annotations

from pathlib import Path

from trainer.core.card_content import card_content
from trainer.core.cards import Rating
from trainer.core.model import CardId
from trainer.services.services import Services


def undo_until(services: Services, label: str) -> None:
    """Undo steps until the one called `label` (later actions may have steps of their own)."""
    for _ in range(5):
        undone = services.undo.undo()
        assert undone is not None, f"no step {label!r} to undo"
        if undone == label:
            return
    raise AssertionError(f"no step {label!r} within five undos")


def grade(services: Services, card_id: CardId) -> None:
    card = services.browse.card(card_id)
    assert card is not None
    scheduler_session = services.study.start_session(card.deck_id)
    assert scheduler_session.current is not None and scheduler_session.current.id == card_id
    scheduler_session.reveal()
    services.study.record(scheduler_session.grade(Rating.GOOD))


def test_deleting_the_newest_deck_then_importing_then_undoing_brings_the_deck_back(
    services: Services, tmp_path: Path
) -> None:
    deck = services.decks.create("Newest")
    card_id = services.card_edits.add(deck.id, card_content("Mine", "Kept", "t"))
    services.decks.delete(deck.id)
    csv = tmp_path / "more.csv"
    csv.write_text("front,back,tags\nImported one,A,x\nImported two,B,y\n", encoding="utf-8")
    services.exchange.import_file(csv, deck="Imported")

    undo_until(services, "Delete deck Newest")

    back = services.browse.card(card_id)
    assert back is not None and (back.front, back.deck_id) == ("Mine", deck.id)
    assert "Newest" in {d.name for d in services.decks.decks()}


def test_a_card_added_after_the_newest_card_was_deleted_gets_a_new_id(
    services: Services,
) -> None:
    deck = services.decks.create("Mine")
    first = services.card_edits.add(deck.id, card_content("First", "A", ""))
    services.card_edits.delete([first])
    second = services.card_edits.add(deck.id, card_content("Second", "B", ""))
    assert second > first


def test_undoing_a_card_delete_after_newer_grades_brings_its_reviews_back(
    services: Services,
) -> None:
    deck = services.decks.create("Graded")
    studied = services.card_edits.add(deck.id, card_content("Studied", "A", ""))
    other = services.card_edits.add(deck.id, card_content("Other", "B", ""))
    grade(services, studied)  # the newest review in the log
    services.card_edits.delete([studied])
    grade(services, other)  # a new review: never under the deleted one's id

    undo_until(services, "Delete card")

    assert services.stats.collection_stats().reviews == 2
    back = services.browse.card(studied)
    assert back is not None and back.memory.reps == 1
