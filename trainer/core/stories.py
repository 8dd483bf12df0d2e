"""Failure stories: a calculated risk that lost, told through the decision I made.

A `Story` is what the candidate rehearses; `coach_story` runs the answer coach on each
spoken field and adds the checks that only make sense for a whole story (a first-person
decision, a quantified outcome, a real post-mortem, a length that fits the time slot).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from trainer.core.coach import coach
from trainer.core.coach_text import has_number

# What is said out loud, in the order it is told; title, questions and tags are not.
SPOKEN_FIELDS = ("situation", "decision", "risk", "outcome", "post_mortem", "changes")
# The field name of checks on the whole story (length), which belong to no one field.
WHOLE_STORY = "story"
FAST_WPM = 160
SLOW_WPM = 130
# A story fits when some pace between SLOW_WPM and FAST_WPM lands it near the target.
LONG_TOLERANCE = 1.10
SHORT_TOLERANCE = 0.75
MIN_POST_MORTEM_WORDS = 8


@dataclass(frozen=True)
class Story:
    id: int | None
    title: str
    questions: str  # the interview question(s) it answers, one per line
    situation: str
    decision: str  # the decision I made
    risk: str
    outcome: str  # what happened, with numbers
    post_mortem: str
    changes: str  # what I do differently now
    tags: tuple[str, ...] = ()
    target_seconds: int = 120
    # Its global id (merging copies of a collection); empty until it is first saved. Not
    # part of what the story says: stories that say the same compare equal.
    guid: str = field(default="", compare=False)


@dataclass(frozen=True)
class StoryFinding:
    """A finding on one field; story-level checks use start == end == 0."""

    field: str
    rule: str
    start: int
    end: int
    message: str
    suggestion: str


@dataclass(frozen=True)
class StoryRule:
    id: str
    title: str
    why: str
    suggestion: str


STORY_RULES: tuple[StoryRule, ...] = (
    StoryRule(
        "missing-decision",
        "No decision",
        "A failure story without the decision you made has nothing for the interviewer to judge.",
        "Write the call in one line: 'I decided to ... because ...'.",
    ),
    StoryRule(
        "decision-not-first-person",
        "Decision not in first person",
        "The decision reads as the team's, passive or hypothetical; the interviewer is hiring "
        "you for your judgment.",
        "Start with 'I': 'I decided...', 'I chose...', 'I cut...', 'I made the call to...'.",
    ),
    StoryRule(
        "missing-outcome",
        "No outcome",
        "The story stops before it says what happened.",
        "Say what happened, with a number: 'trial sign-ups fell 8% in two weeks'.",
    ),
    StoryRule(
        "outcome-not-quantified",
        "Outcome without a number",
        "An outcome with no figure sounds unmeasured, and a loss without a size sounds hidden.",
        "Put the figure in: how much, against what baseline, over what time.",
    ),
    StoryRule(
        "missing-post-mortem",
        "No post-mortem",
        "The guides ask for the logic at the time and a real post-mortem; without it a failure "
        "is just a failure.",
        "Say what you got wrong in your reasoning, not in your luck, and what signal you missed.",
    ),
    StoryRule(
        "too-long",
        "Too long for the time slot",
        "Even at a brisk 160 words a minute the story runs past its time; interviewers cut in.",
        "Cut the situation to two sentences and keep the decision, the numbers and the lesson.",
    ),
    StoryRule(
        "too-short",
        "Too short for the time slot",
        "Even at a calm 130 words a minute the story ends well before its time: the logic or "
        "the post-mortem is probably missing.",
        "Add the logic at the time: what you knew, the risk you accepted and why.",
    ),
)
STORY_RULES_BY_ID: dict[str, StoryRule] = {rule.id: rule for rule in STORY_RULES}

_WORD = re.compile(r"[\w$%€£]+(?:['’.,-][\w%]+)*")
# An active first-person decision; "I would", "we decided", "it was decided" and "my
# manager and I agreed" do not count.
_FIRST_PERSON_DECISION = re.compile(
    r"(?<!\band )\bI(?:['’]ve|\s+have)?"
    r"(?:\s+(?:then|also|personally|deliberately|eventually|finally|immediately|quickly|just"
    r"|still))*\s+(?!(?:would|will|might|could|should|was|am|think|thought|hoped|wanted|tried"
    r"|helped|supported|suggested|recommended|proposed|asked|waited|guess|believe|felt|feel"
    r"|didn|don|do|never|need|needed|hope|want|can)\b)[a-z]+\b"
    r"|\bmy\s+(?:decision|call|bet|choice)\s+was\b",
    re.IGNORECASE,
)


def word_count(story: Story) -> int:
    """Words in the spoken fields ("10%", "$2M" and "sign-ups" count as one each)."""
    return sum(len(_WORD.findall(getattr(story, name))) for name in SPOKEN_FIELDS)


def speaking_seconds(story: Story) -> tuple[int, int]:
    """How long the story takes to say: (at 160 words a minute, at 130 words a minute)."""
    words = word_count(story)
    return round(words * 60 / FAST_WPM), round(words * 60 / SLOW_WPM)


def coach_story(story: Story) -> list[StoryFinding]:
    """The coach's findings on every spoken field, then the story-level checks."""
    story_level = _story_checks(story)
    quantity_flagged = any(f.rule == "outcome-not-quantified" for f in story_level)
    findings: list[StoryFinding] = []
    for name in SPOKEN_FIELDS:
        for finding in coach(getattr(story, name)):
            # One message per problem: the story check already says the outcome lacks a number.
            if quantity_flagged and name == "outcome" and finding.rule == "no-number":
                continue
            findings.append(
                StoryFinding(
                    name,
                    finding.rule,
                    finding.start,
                    finding.end,
                    finding.message,
                    finding.suggestion,
                )
            )
    return story_level + findings


def _story_checks(story: Story) -> list[StoryFinding]:
    checks: list[tuple[str, str]] = []
    if not story.decision.strip():
        checks.append(("decision", "missing-decision"))
    elif not _FIRST_PERSON_DECISION.search(story.decision):
        checks.append(("decision", "decision-not-first-person"))
    if not story.outcome.strip():
        checks.append(("outcome", "missing-outcome"))
    elif not has_number(story.outcome):
        checks.append(("outcome", "outcome-not-quantified"))
    if len(_WORD.findall(story.post_mortem)) < MIN_POST_MORTEM_WORDS:
        checks.append(("post_mortem", "missing-post-mortem"))
    checks.extend(_length_check(story))
    return [_story_finding(field, rule_id, story) for field, rule_id in checks]


def _length_check(story: Story) -> list[tuple[str, str]]:
    fast, slow = speaking_seconds(story)
    if fast > story.target_seconds * LONG_TOLERANCE:
        return [(WHOLE_STORY, "too-long")]
    if slow < story.target_seconds * SHORT_TOLERANCE:
        return [(WHOLE_STORY, "too-short")]
    return []


def _story_finding(field: str, rule_id: str, story: Story) -> StoryFinding:
    rule = STORY_RULES_BY_ID[rule_id]
    message = rule.why
    if rule_id in ("too-long", "too-short"):
        fast, slow = speaking_seconds(story)
        message = (
            f"{word_count(story)} words take {fast}-{slow} s to say; the target is "
            f"{story.target_seconds} s. {rule.why}"
        )
    return StoryFinding(field, rule_id, 0, 0, message, rule.suggestion)
