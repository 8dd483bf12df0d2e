"""A spoken card's question finds the story that answers it, or starts one (one undo step)."""

from __future__ import annotations

from dataclasses import replace

from trainer.services.services import Services


def test_a_question_in_markdown_starts_a_draft_in_plain_words(services: Services) -> None:
    story = services.stories.for_question("## Tell me about a **failure**\n you _owned_.")
    assert story.questions == "Tell me about a failure you owned."
    assert services.stories.for_question("tell me about a failure you owned") == story
    assert len(services.stories.list()) == 1
    services.undo.undo_step()
    assert services.stories.list() == []


def test_the_newest_story_naming_the_question_is_opened(services: Services) -> None:
    blank = services.stories.blank()
    services.stories.create(replace(blank, title="Old", questions="Why PMM?"))
    newer = services.stories.create(replace(blank, title="New", questions="Hi\nWhy  PMM ?"))
    assert services.stories.for_question("Why PMM") == newer
