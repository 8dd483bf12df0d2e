"""Browser and deck actions: each is one undo step that puts back exactly what it changed."""

from __future__ import annotations

import pytest

from trainer.core.card_content import CardContentError, card_content
from trainer.core.cards import Card, Rating
from trainer.core.deck_options import OptionsError
from trainer.core.model import CardId, CardState, DeckOptions
from trainer.core.search import SearchError
from trainer.services.services import Services
from trainer.services.settings_service import AppSettings


def grade_first_card(services: Services) -> Card:
    """Study the first card of the session once (Good), so it has memory and a review."""
    session = services.study.start_session()
    card = session.current
    assert card is not None
    session.reveal()
    services.study.record(session.grade(Rating.GOOD))
    found = services.browse.card(card.id)
    assert found is not None and found.memory.reps == 1
    return found


def review_count(services: Services) -> int:
    return services.stats.collection_stats().reviews


def test_add_a_card_to_a_new_deck_and_undo(services: Services) -> None:
    deck = services.decks.create("  My   deck ")
    assert deck.name == "My deck"
    card_id = services.card_edits.add(deck.id, card_content("Front", "Back", "a b"))
    card = services.browse.card(card_id)
    assert card is not None and (card.front, card.back, card.tags) == ("Front", "Back", ("a", "b"))
    assert card.origin == "user" and card.memory.state is CardState.NEW
    assert services.browse.search("deck:my*") == [card_id]
    assert services.undo.undo() == "Add card"
    assert services.browse.card(card_id) is None
    assert services.undo.undo() == "Create deck My deck"
    assert all(d.name != "My deck" for d in services.decks.decks())


def test_editing_a_builtin_card_marks_it_as_yours_and_undo_restores_it(
    services: Services,
) -> None:
    [card_id] = services.browse.search("tag:culture")[:1]
    before = services.browse.card(card_id)
    assert before is not None and before.origin == "builtin" and not before.edited_by_user
    other = next(d for d in services.decks.decks() if d.id != before.deck_id)
    changed = services.card_edits.edit(card_id, card_content("Mine", "My answer", "x"), other.id)
    after = services.browse.card(card_id)
    assert changed and after is not None
    assert (after.front, after.deck_id, after.edited_by_user) == ("Mine", other.id, True)
    assert after.source == before.source  # the edit keeps where the card came from
    assert services.browse.search('"my answer"') == [card_id]
    assert services.undo.undo() == "Edit card"
    assert services.browse.card(card_id) == before
    assert services.browse.search('"my answer"') == []


def test_saving_without_a_change_records_nothing(services: Services) -> None:
    card = services.browse.card(services.browse.search("")[0])
    assert card is not None
    same = card_content(card.front, card.back, card.tags)
    assert not services.card_edits.edit(card.id, same)
    assert not services.undo.can_undo


def test_suspend_move_and_reset_are_undone_exactly(services: Services) -> None:
    studied = grade_first_card(services)
    ids = [studied.id, *services.browse.search("is:new")[:2]]
    before = [services.browse.card(card_id) for card_id in ids]

    assert services.card_edits.set_suspended(ids, True) == tuple(ids)
    assert set(services.browse.search("is:suspended")) == set(ids)
    assert services.undo.next_label == "Suspend 3 cards"

    target = services.decks.create("Elsewhere")
    services.card_edits.move(ids, target.id)
    assert set(services.browse.search("deck:elsewhere")) == set(ids)

    services.card_edits.forget([studied.id])
    reset = services.browse.card(studied.id)
    assert reset is not None and reset.memory.state is CardState.NEW and reset.memory.due is None
    assert review_count(services) == 1  # the history stays

    assert services.undo.undo() == "Reset card"
    assert services.undo.undo() == "Move 3 cards to Elsewhere"
    assert services.undo.undo() == "Create deck Elsewhere"
    assert services.undo.undo() == "Suspend 3 cards"
    assert [services.browse.card(card_id) for card_id in ids] == before


def test_deleting_cards_is_undone_with_their_history(services: Services) -> None:
    studied = grade_first_card(services)
    other = services.browse.search("is:new")[0]
    assert review_count(services) == 1
    services.card_edits.delete([studied.id, other])
    assert services.browse.card(studied.id) is None and review_count(services) == 0
    assert services.browse.search("is:review or is:learning") == []
    assert services.undo.undo() == "Delete 2 cards"
    assert services.browse.card(studied.id) == studied
    assert review_count(services) == 1
    assert studied.id in services.browse.search(studied.front.split()[1])  # indexed again


def test_deleting_a_deck_asks_nothing_here_and_is_undone_with_cards_and_history(
    services: Services,
) -> None:
    studied = grade_first_card(services)
    deck_id = studied.deck_id
    name = next(d.name for d in services.decks.decks() if d.id == deck_id)
    count = services.decks.card_count(deck_id)
    assert services.decks.delete(deck_id) == count
    assert all(d.id != deck_id for d in services.decks.decks())
    assert review_count(services) == 0
    assert services.undo.undo() == f"Delete deck {name}"
    assert services.decks.card_count(deck_id) == count
    assert services.browse.card(studied.id) == studied
    assert review_count(services) == 1


def test_rename_and_options_are_checked_and_undone(services: Services) -> None:
    deck = services.decks.create("Python")
    with pytest.raises(OptionsError, match="already a deck"):
        services.decks.create("PYTHON")
    with pytest.raises(OptionsError, match="needs a name"):
        services.decks.rename(deck.id, "   ")
    renamed = services.decks.rename(deck.id, "Python 3")
    assert renamed.name == "Python 3"
    options = DeckOptions(new_per_day=5, reviews_per_day=50, desired_retention=0.85)
    services.decks.set_options(deck.id, options)
    with pytest.raises(OptionsError, match="retention"):
        services.decks.set_options(deck.id, options._replace(desired_retention=0.99))
    assert next(d for d in services.decks.decks() if d.id == deck.id).options == options
    assert services.undo.undo() == "Change deck options"
    assert services.undo.undo() == "Rename deck Python"
    restored = next(d for d in services.decks.decks() if d.id == deck.id)
    assert (restored.name, restored.options) == ("Python", DeckOptions())


def test_new_decks_get_the_limits_from_the_settings(services: Services) -> None:
    assert services.settings.load() == AppSettings()
    kept = services.settings.save(AppSettings(theme="dark", new_per_day=7, reviews_per_day=70))
    assert services.settings.load() == kept
    deck = services.decks.create("Limited")
    assert (deck.options.new_per_day, deck.options.reviews_per_day) == (7, 70)
    assert services.decks.named("Limited").id == deck.id  # found, not created again


def test_settings_out_of_range_or_damaged_fall_back_to_the_defaults(services: Services) -> None:
    kept = services.settings.save(AppSettings(theme="neon", card_font_size=3, new_per_day=-1))
    assert (kept.theme, kept.card_font_size, kept.new_per_day) == ("system", 15, 20)
    with services.uow() as collection:
        collection.settings.set("app_settings", {"theme": 5, "two_button_answers": True})
    assert services.settings.load() == AppSettings(two_button_answers=True)
    with services.uow() as collection:
        collection.settings.set("app_settings", "garbage")
    assert services.settings.load() == AppSettings()


def test_content_is_checked_before_anything_is_written() -> None:
    with pytest.raises(CardContentError) as error:
        card_content("  ", "back")
    assert error.value.field == "front"
    with pytest.raises(CardContentError) as error:
        card_content("front", "\n")
    assert error.value.field == "back"
    assert card_content(" f ", " b ", ["a, b", "A c"]).tags == ("a", "b", "c")


def test_a_bad_search_is_an_error(services: Services) -> None:
    with pytest.raises(SearchError):
        services.browse.search("is:later")


def test_find_returns_whole_cards_with_deck_names_oldest_first(services: Services) -> None:
    found = services.browse.find("tag:faq")
    assert found and all("faq" in item.card.tags for item in found)
    assert [item.card.id for item in found] == sorted(item.card.id for item in found)
    assert {item.deck for item in found} == {"Interview FAQ"}
    assert services.browse.find("nothing-matches-this") == []
    assert isinstance(found[0].card.id, int) and CardId(found[0].card.id)


def test_undo_skips_cards_deleted_meanwhile(services: Services) -> None:
    first, second = services.browse.search("is:new")[:2]
    services.card_edits.set_suspended([first, second], True)
    with services.uow() as collection:  # e.g. `keeper` in another process
        collection.cards.remove([first])
    assert services.undo.undo() == "Suspend 2 cards"
    card = services.browse.card(second)
    assert card is not None and not card.suspended
    assert services.browse.card(first) is None
