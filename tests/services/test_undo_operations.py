"""Every kind of user action is one step on the one undo queue, and undoing it puts the
collection back to its exact content (every row of every table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.collection_content import collection_content
from trainer.core.cards import NewCard, Rating
from trainer.core.clock import FixedClock
from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck, BundleReview
from trainer.exchange.keeper_file import write_keeper
from trainer.services.operations import Changes
from trainer.services.services import Services

DECK = BundleDeck("deck:friends", "From a friend", "Shared prep cards")


def content(services: Services) -> list[str]:
    return collection_content(services.database.path)


def keeper_file(path: Path, clock: FixedClock, backs: dict[str, str], deck: BundleDeck = DECK,
                reviews: tuple[BundleReview, ...] = ()) -> Path:  # fmt: skip
    cards = tuple(BundleCard(guid, deck.guid, f"Front {guid}", back, ("shared",))
                  for guid, back in backs.items())  # fmt: skip
    write_keeper(path, Bundle(decks=(deck,), cards=cards, reviews=reviews), clock())
    return path


def test_undoing_an_import_removes_its_cards_and_the_deck_it_made(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    before = content(services)
    heard: list[Changes] = []
    services.undo.listen(heard.append)
    services.exchange.import_file(keeper_file(tmp_path / "a.keeper", clock, {"f1": "1", "f2": "2"}))
    assert content(services) != before
    assert services.undo.next_label == "Import a.keeper"
    assert len(heard) == 1 and len(heard[0].card_ids) == 2 and len(heard[0].deck_ids) == 1
    assert services.undo.undo() == "Import a.keeper"
    assert content(services) == before
    assert heard[1] == heard[0]  # undo reports the same rows as changed


def test_undoing_a_second_import_puts_back_the_cards_it_updated_and_keeps_the_deck(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    services.exchange.import_file(keeper_file(tmp_path / "a.keeper", clock, {"f1": "1", "f2": "2"}))
    session = services.study.start_session(services.decks.named(DECK.name).id)
    session.reveal()
    services.study.record(session.grade(Rating.GOOD))
    before = content(services)
    newer = keeper_file(tmp_path / "b.keeper", clock, {"f1": "one, corrected", "f3": "3"})
    report = services.exchange.import_file(newer)
    assert (report.added, report.updated) == (1, 1)
    assert services.undo.undo() == "Import b.keeper"
    assert content(services) == before
    assert services.undo.undo() == "Import a.keeper"  # the grade above was kept directly


def test_undoing_cards_built_from_a_guide_removes_them_and_only_them(
    services: Services,
) -> None:
    services.card_edits.add_cards("Guide", [NewCard(front="Kept?", back="Yes")])
    before = content(services)
    result = services.card_edits.add_cards(
        "Guide", [NewCard(front="What is a B-tree?", back="A tree"), NewCard("Q2", "A2")]
    )
    assert result.added == 2
    assert services.undo.next_label == "Add 2 cards to Guide"
    services.undo.undo()
    assert content(services) == before


def grade_two_with_a_run(services: Services) -> None:
    deck = services.decks.named("Kinds")
    run = services.study.run(services.study.start_session(deck.id))
    for rating in (Rating.GOOD, Rating.AGAIN):
        run.reveal()
        assert run.grade(rating) is not None


def rehearse_a_story(services: Services) -> None:
    from trainer.core.stories import Story

    story = services.stories.create(
        Story(None, "Launch", "A risk?", "Context.", "We shipped early.", "", "", "", "")
    )
    assert story.id is not None
    services.undo.clear()  # creating a story is its editor's autosave: no step of its own
    before = content(services)
    assert services.stories.grade_rehearsal(story.id, Rating.HARD, 30_000) is not None
    services.undo.undo()
    assert content(services) == before


ACTIONS = {
    "add card": lambda s, ids: s.card_edits.add(s.decks.named("Kinds").id, NewCard("New?", "Yes")),
    "edit card": lambda s, ids: s.card_edits.edit(ids[0], NewCard("Changed?", "Yes", ("t",))),
    "suspend": lambda s, ids: s.card_edits.set_suspended(ids, True),
    "move": lambda s, ids: s.card_edits.move(ids, s.decks.named("Other").id),
    "reset": lambda s, ids: s.card_edits.forget(ids),
    "delete cards": lambda s, ids: s.card_edits.delete(ids),
    "create deck": lambda s, ids: s.decks.create("Brand new"),
    "rename deck": lambda s, ids: s.decks.rename(s.decks.named("Kinds").id, "Renamed"),
    "delete deck": lambda s, ids: s.decks.delete(s.decks.named("Kinds").id),
    "deck options": lambda s, ids: s.decks.set_options(
        s.decks.named("Kinds").id, s.decks.named("Kinds").options._replace(new_per_day=3)
    ),
    "grade twice": lambda s, ids: grade_two_with_a_run(s),
}


@pytest.mark.parametrize("kind", ACTIONS)
def test_each_kind_of_action_is_undone_to_the_exact_content(services: Services, kind: str) -> None:
    services.card_edits.add_cards("Kinds", [NewCard("One?", "1"), NewCard("Two?", "2")])
    services.decks.named("Other")
    grade_two_with_a_run(services)  # cards with history, so undo must keep it exact
    services.undo.clear()
    ids = services.browse.search("deck:Kinds")
    before = content(services)
    ACTIONS[kind](services, ids)
    assert content(services) != before
    steps = 2 if kind == "grade twice" else 1
    for _ in range(steps):
        assert services.undo.undo() is not None
    assert not services.undo.can_undo  # one step per action
    assert content(services) == before


def test_a_rehearsal_grade_is_one_step_undone_exactly(services: Services) -> None:
    rehearse_a_story(services)


def test_renaming_and_deleting_a_story_are_undone_exactly(services: Services) -> None:
    from trainer.core.stories import Story

    story = services.stories.create(
        Story(None, "Launch", "A risk?", "Context.", "We shipped early.", "", "Lost.", "", "")
    )
    assert story.id is not None
    services.undo.clear()
    before = content(services)
    services.stories.rename(story.id, "Another title")
    services.stories.delete(story.id, delete_cards=True)
    services.undo.undo()
    services.undo.undo()
    assert content(services) == before


def test_a_new_story_and_a_duplicate_are_undone_with_the_cards_their_edits_made(
    services: Services,
) -> None:
    from dataclasses import replace

    from trainer.core.stories import Story

    before = content(services)
    story = services.stories.create(Story(None, "Launch", "A risk?", "", "", "", "", "", ""))
    assert services.undo.next_label == "New story"
    assert story.id is not None
    services.stories.save(replace(story, decision="We shipped early."))  # autosave: a card
    copy = services.stories.duplicate(story.id)
    assert copy is not None and services.undo.next_label == "Duplicate story"
    assert services.undo.undo() == "Duplicate story"
    assert services.undo.undo() == "New story"
    # Story ids are never given out twice (a story's cards are named by its id): SQLite's id
    # counter keeps the highest (collection_content leaves the counters out).
    assert content(services) == before


def test_changes_merge_and_nothing_is_false() -> None:
    from trainer.core.model import CardId, DeckId
    from trainer.services import operations

    merged = operations.cards([CardId(1)], reviews=True) | operations.decks([DeckId(2)])
    assert merged.card_ids == {1} and merged.deck_ids == {2} and merged.reviews
    assert not operations.NOTHING and operations.EVERYTHING and merged


def test_interview_dates_and_a_parameter_reset_are_undone_exactly(
    services: Services, clock: FixedClock
) -> None:
    from datetime import timedelta

    before = content(services)
    day = clock().date() + timedelta(days=20)
    services.plan.set_interview_date(day)
    services.plan.set_interview_date(day + timedelta(days=1), services.decks.named("D").id)
    assert services.undo.next_label is not None and "interview date" in services.undo.next_label
    services.undo.undo()
    services.undo.undo()
    services.undo.undo()  # the deck "D" made above
    assert content(services) == before
    services.optimizer.reset()
    assert services.undo.next_label == "Reset FSRS parameters"
    services.undo.undo()
    assert content(services) == before
