"""The cards a story yields: stable guids, content only when there is some, Markdown text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from trainer.core.stories import Story
from trainer.core.story_cards import (
    DECISION,
    LESSON,
    card_guid,
    main_question,
    story_cards,
    story_guids,
)

EMPTY = Story(7, "", "", "", "", "", "", "", "")


def test_guids_are_stable_per_story_and_kind() -> None:
    assert card_guid(7, DECISION) == "story:7:decision"
    assert story_guids(7) == ("story:7:decision", "story:7:lesson")


def test_an_empty_story_has_no_cards_and_an_unsaved_one_cannot() -> None:
    assert story_cards(EMPTY) == {}
    with pytest.raises(ValueError):
        story_cards(replace(EMPTY, id=None))


def test_the_decision_card_asks_the_question_and_answers_with_decision_and_outcome() -> None:
    story = replace(
        EMPTY,
        questions="\n  Tell me about a failure.  \n\nTell me about a risk.\n",
        decision="I cut the trial.",
        outcome="Sign-ups fell 22%.",
        tags=("pricing", "story"),
    )
    card = story_cards(story)[DECISION]
    assert card.front == "Tell me about a failure.\n\n*Also answers:* Tell me about a risk."
    assert card.back == (
        "**The decision I made:** I cut the trial.\n\n**What happened:** Sign-ups fell 22%."
    )
    assert card.tags == ("story", "pricing")
    assert card.guid == "story:7:decision"
    assert LESSON not in story_cards(story)


def test_without_questions_the_title_makes_the_question() -> None:
    story = replace(EMPTY, title="The Canada trial", outcome="Sign-ups fell 22%.")
    assert "The Canada trial" in main_question(story)
    assert story_cards(story)[DECISION].back == "**What happened:** Sign-ups fell 22%."


def test_the_lesson_card_names_the_story() -> None:
    story = replace(EMPTY, title="The Canada trial", changes="I test one region first.")
    card = story_cards(story)[LESSON]
    assert card.front == "What did you learn from *The Canada trial*?"
    assert card.back == "**What I do differently now:** I test one region first."
    untitled = story_cards(replace(story, title="  "))[LESSON]
    assert untitled.front == "What did you learn from *Untitled story*?"


def test_a_flagged_answer_is_carded_with_the_fix_to_say_not_the_weak_words_alone() -> None:
    """Studying your story must not drill the wording the coach just flagged."""
    story = replace(
        EMPTY,
        questions="Tell me about a risk that failed.",
        decision="We decided to ask my manager for sign-off before changing the price.",
        outcome="The feedback was great.",
    )
    card = story_cards(story)[DECISION]
    assert "Say it stronger" in card.front  # the card asks for the fix
    fixes = card.back.split("**Say it stronger:**", 1)[1]
    assert "“We decided”" in fixes or "“ask my manager" in fixes  # the weak words named
    assert "Try:" in fixes  # each with the stronger way


def test_a_clean_answer_is_carded_as_written() -> None:
    story = replace(
        EMPTY,
        questions="Tell me about a risk that failed.",
        decision="I cut the free trial to 7 days without waiting for more data.",
        outcome="Paid sign-ups rose 4% in a month, but churn rose 9% against 6% before.",
    )
    card = story_cards(story)[DECISION]
    assert "Say it stronger" not in card.front + card.back
