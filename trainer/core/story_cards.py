"""The cards a failure story yields, with guids stable across edits.

A story's cards are identified by `story:<id>:<kind>`, so editing the story rewrites the
cards' text in place and their review history stays with them.
"""

from __future__ import annotations

from trainer.core.cards import NewCard
from trainer.core.stories import Story, StoryFinding, coach_story

STORY_DECK_NAME = "My stories"
STORY_DECK_GUID = "story:deck"
STORY_TAG = "story"
DECISION = "decision"  # the question -> the decision I made and what happened
LESSON = "lesson"  # "What did you learn from <title>?" -> the post-mortem and what changed
KINDS = (DECISION, LESSON)
UNTITLED = "Untitled story"


def card_guid(story_id: int, kind: str) -> str:
    return f"story:{story_id}:{kind}"


def story_guids(story_id: int) -> tuple[str, ...]:
    return tuple(card_guid(story_id, kind) for kind in KINDS)


def question_lines(story: Story) -> list[str]:
    """The interview questions the story answers, one per non-blank line."""
    return [line.strip() for line in story.questions.splitlines() if line.strip()]


def display_title(story: Story) -> str:
    return story.title.strip() or UNTITLED


def main_question(story: Story) -> str:
    """The question a rehearsal asks: the first one listed, or one made from the title."""
    questions = question_lines(story)
    if questions:
        return questions[0]
    return f"Tell me about a time a calculated risk failed: {display_title(story)}."


def story_cards(story: Story) -> dict[str, NewCard]:
    """The cards this story has content for, by kind. Needs a saved story (an id)."""
    if story.id is None:
        raise ValueError("a story needs an id before it has cards")
    tags = tuple(dict.fromkeys((STORY_TAG, *story.tags)))
    source = f"My story: {display_title(story)}"
    cards: dict[str, NewCard] = {}
    if story.decision.strip() or story.outcome.strip():
        front = main_question(story)
        others = question_lines(story)[1:]
        if others:
            front += "\n\n*Also answers:* " + " · ".join(others)
        back = _sections(("The decision I made", story.decision), ("What happened", story.outcome))
        fixes = _fixes(story, ("decision", "outcome"))
        if fixes:  # never drill the wording the coach flagged: the card asks for the fix
            front += "\n\n*Say it stronger: the coach flagged your written answer.*"
            back += "\n\n**Say it stronger:**\n\n" + fixes
        cards[DECISION] = NewCard(
            front=front,
            back=back,
            tags=tags,
            source=source,
            guid=card_guid(story.id, DECISION),
        )
    if story.post_mortem.strip() or story.changes.strip():
        cards[LESSON] = NewCard(
            front=f"What did you learn from *{display_title(story)}*?",
            back=_sections(
                ("Post-mortem", story.post_mortem), ("What I do differently now", story.changes)
            ),
            tags=tags,
            source=source,
            guid=card_guid(story.id, LESSON),
        )
    return cards


def _sections(*parts: tuple[str, str]) -> str:
    return "\n\n".join(f"**{heading}:** {text.strip()}" for heading, text in parts if text.strip())


def _fixes(story: Story, fields: tuple[str, ...]) -> str:
    """The coach's findings on these fields as a list: the words, what is wrong, the fix."""
    lines = [
        _fix_line(story, finding)
        for finding in coach_story(story)
        # what was said, not what is missing: a part left empty is not on the card
        if finding.field in fields and getattr(story, finding.field).strip()
    ]
    return "\n".join(dict.fromkeys(lines))


def _fix_line(story: Story, finding: StoryFinding) -> str:
    words = getattr(story, finding.field)[finding.start : finding.end].strip()
    quoted = f"“{words}”: " if words else ""
    return f"- {quoted}{finding.message} Try: {finding.suggestion}"
