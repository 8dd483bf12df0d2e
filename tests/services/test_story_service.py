"""Stories against a real temporary collection: CRUD, cards that follow edits, exact undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from trainer.app import open_services
from trainer.core.cards import Card, Rating
from trainer.core.clock import FixedClock
from trainer.core.model import CardState, Origin
from trainer.core.stories import Story
from trainer.core.story_cards import STORY_DECK_NAME, card_guid
from trainer.services.services import Services

STORY = Story(
    id=None,
    title="Ending the free trial in Canada",
    questions="Tell me about a calculated risk that failed.\nTell me about a bet you lost.",
    situation="Trial-to-paid conversion had slipped to 61%.",
    decision="I decided to end the free trial and charge half price for the first month.",
    risk="Honest first-time members might balk at paying anything up front.",
    outcome="Gross sign-ups fell 22% in two weeks, so I restored the trial in week three.",
    post_mortem="I read abuse as the main cause and skimmed past the price sensitivity data.",
    changes="I roll pricing changes out one region at a time.",
    tags=("failure", "pricing"),
)


def _studied_story(services: Services, clock: FixedClock) -> tuple[Story, Card]:
    """STORY made, and its decision card studied through ordinary sessions."""
    story = services.stories.create(STORY)
    assert story.id is not None
    card = services.stories.cards(story.id).decision
    assert card is not None
    _study(services, card.id, clock)
    return story, card


def _study(services: Services, card_id: int, clock: FixedClock, times: int = 2) -> None:
    """Grade one card a few times through an ordinary study session."""
    for _ in range(times):
        session = services.study.start_session()
        while session.current is not None and session.current.id != card_id:
            session.reveal()
            services.study.record(session.grade(Rating.GOOD))
        assert session.current is not None
        session.reveal()
        services.study.record(session.grade(Rating.GOOD))
        clock.advance(timedelta(days=3))


def _story_deck_cards(services: Services) -> dict[str, object]:
    with services.uow() as collection:
        deck = collection.decks.named(STORY_DECK_NAME)
        return {} if deck is None else {c.guid: c for c in collection.cards.all(deck.id)}


def _reviews(services: Services) -> int:
    return services.stats.collection_stats().reviews


def test_create_list_get_and_save(services: Services) -> None:
    empty = services.stories.create()
    assert empty.id is not None and empty.title == "" and empty.target_seconds == 120
    assert services.stories.cards(empty.id).count == 0  # nothing to learn from yet
    assert services.study.overview()  # and no "My stories" deck until there is
    assert STORY_DECK_NAME not in {row.name for row in services.study.overview()}

    second = services.stories.create(STORY)
    assert [s.id for s in services.stories.list()] == [second.id, empty.id]  # newest first
    edited = replace(empty, title="Pricing", decision="I cut the price by 10%.")
    assert services.stories.save(edited) == edited
    assert services.stories.get(empty.id) == edited


def test_a_story_yields_two_cards_in_my_stories(services: Services) -> None:
    story = services.stories.create(STORY)
    assert story.id is not None
    cards = services.stories.cards(story.id)
    assert cards.decision is not None and cards.lesson is not None
    assert cards.decision.guid == card_guid(story.id, "decision")
    assert cards.decision.front.startswith("Tell me about a calculated risk that failed.")
    assert "Tell me about a bet you lost." in cards.decision.front
    assert "I decided to end the free trial" in cards.decision.back
    assert "Gross sign-ups fell 22%" in cards.decision.back
    assert cards.lesson.front == "What did you learn from *Ending the free trial in Canada*?"
    assert "skimmed past the price sensitivity" in cards.lesson.back
    assert "one region at a time" in cards.lesson.back
    assert cards.decision.origin is Origin.STORY
    assert set(cards.decision.tags) == {"story", "failure", "pricing"}
    deck = {row.name: row for row in services.study.overview()}[STORY_DECK_NAME]
    assert deck.cards == 2


def test_cards_follow_an_edit_without_losing_their_history(
    services: Services, clock: FixedClock
) -> None:
    story, card = _studied_story(services, clock)
    studied = services.stories.cards(story.id).decision
    assert studied is not None and studied.memory.reps == 2
    reviews = _reviews(services)

    services.stories.save(replace(story, outcome="Sign-ups fell 30% in ten days."))
    services.stories.rename(story.id, "The Canada trial")

    after = services.stories.cards(story.id)
    assert after.decision is not None and after.lesson is not None
    assert after.decision.id == card.id
    assert "Sign-ups fell 30% in ten days." in after.decision.back
    assert "22%" not in after.decision.back
    assert "*The Canada trial*" in after.lesson.front
    assert after.decision.memory == studied.memory
    assert _reviews(services) == reviews
    assert len(_story_deck_cards(services)) == 2


def test_saving_a_deleted_story_does_not_bring_it_back(services: Services) -> None:
    story = services.stories.create(STORY)
    assert story.id is not None
    services.stories.delete(story.id, delete_cards=True)
    assert services.stories.save(replace(story, title="ghost")) is None
    assert services.stories.list() == []


def test_rename_is_one_undo_step(services: Services) -> None:
    story = services.stories.create(STORY)
    assert story.id is not None
    renamed = services.stories.rename(story.id, "New name")
    assert renamed is not None and renamed.title == "New name"
    assert services.undo.next_label == "Rename story"
    assert services.undo.undo() == "Rename story"
    restored = services.stories.get(story.id)
    assert restored is not None and restored.title == STORY.title
    lesson = services.stories.cards(story.id).lesson
    assert lesson is not None and STORY.title in lesson.front


def test_duplicate_copies_fields_with_cards_of_its_own(
    services: Services, clock: FixedClock
) -> None:
    story = services.stories.create(STORY)
    assert story.id is not None
    card = services.stories.cards(story.id).decision
    assert card is not None
    _study(services, card.id, clock, times=1)

    copy = services.stories.duplicate(story.id)
    assert copy is not None and copy.id not in (None, story.id)
    assert copy.title == f"{STORY.title} (copy)"
    assert replace(copy, id=None, title="") == replace(story, id=None, title="")
    copied = services.stories.cards(copy.id)
    assert copied.decision is not None and copied.decision.id != card.id
    assert copied.decision.memory.state is CardState.NEW
    assert len(_story_deck_cards(services)) == 4


def test_delete_keeping_the_cards(services: Services) -> None:
    story = services.stories.create(STORY)
    assert story.id is not None
    result = services.stories.delete(story.id, delete_cards=False)
    assert result is not None and result.cards_kept == 2
    assert services.stories.get(story.id) is None
    assert len(_story_deck_cards(services)) == 2

    # A later story never takes the deleted one's id, so it never adopts those cards.
    later = services.stories.create(replace(STORY, title="Later"))
    assert later.id is not None and later.id > story.id
    assert len(_story_deck_cards(services)) == 4


def test_delete_with_cards_and_undo_restores_story_cards_and_history(
    services: Services, clock: FixedClock
) -> None:
    story, _card = _studied_story(services, clock)
    before = services.stories.cards(story.id)
    reviews = _reviews(services)

    result = services.stories.delete(story.id, delete_cards=True)
    assert result is not None and result.cards_kept == 0
    assert services.stories.list() == []
    assert _story_deck_cards(services) == {}
    assert _reviews(services) == reviews - 2

    assert services.undo.undo() == "Delete story"
    assert services.stories.get(story.id) == story
    after = services.stories.cards(story.id)
    assert after == before  # same ids, text, memory
    assert _reviews(services) == reviews


def test_undo_restores_cards_even_if_their_ids_were_taken(services: Services) -> None:
    story = services.stories.create(STORY)
    blank = services.stories.create(Story(None, "Takes the freed card ids", *[""] * 7))
    assert story.id is not None and blank.id is not None
    before = services.stories.cards(story.id)
    services.stories.delete(story.id, delete_cards=True)
    # written in the editor (autosave, no undo step of its own): its new cards take the ids
    services.stories.save(replace(STORY, id=blank.id, title="Takes the freed card ids"))
    services.undo.undo()
    after = services.stories.cards(story.id)
    assert after.decision is not None and before.decision is not None
    assert after.decision.back == before.decision.back
    assert len(_story_deck_cards(services)) == 4


def test_rehearsal_grade_is_a_review_on_the_question_card(
    services: Services, data_dir: Path, clock: FixedClock
) -> None:
    story = services.stories.create(STORY)
    assert story.id is not None
    preview = services.stories.rehearsal_preview(story.id)
    assert set(preview) == set(Rating)
    review = services.stories.grade_rehearsal(story.id, Rating.GOOD, duration_ms=95_000)
    assert review is not None and review.duration_ms == 95_000

    other = open_services(data_dir, clock, fuzzing=False)  # it is on disk already
    card = other.stories.cards(story.id).decision
    other.close()
    assert card is not None and card.memory == review.after and card.memory.reps == 1

    services.study.undo(review)
    undone = services.stories.cards(story.id).decision
    assert undone is not None and undone.memory.state is CardState.NEW


def test_a_story_without_a_decision_has_nothing_to_grade(services: Services) -> None:
    story = services.stories.create()
    assert story.id is not None
    assert services.stories.grade_rehearsal(story.id, Rating.GOOD) is None
    assert services.stories.rehearsal_preview(story.id) == {}


@pytest.mark.parametrize("missing", [12345])
def test_actions_on_a_missing_story_do_nothing(services: Services, missing: int) -> None:
    assert services.stories.get(missing) is None
    assert services.stories.rename(missing, "x") is None
    assert services.stories.duplicate(missing) is None
    assert services.stories.delete(missing, delete_cards=True) is None
    assert not services.undo.can_undo
