"""Failure stories: length, speaking time, the coach per field and the story-level checks."""

from __future__ import annotations

import dataclasses
from dataclasses import replace

import pytest

from trainer.core.coach import RULES_BY_ID
from trainer.core.stories import (
    SPOKEN_FIELDS,
    STORY_RULES_BY_ID,
    WHOLE_STORY,
    Story,
    StoryFinding,
    coach_story,
    speaking_seconds,
    word_count,
)

STRONG_STORY = Story(
    id=None,
    title="Ending the free trial in Canada",
    questions="Tell me about a calculated risk that failed.\n"
    "Tell me about a decision you made with incomplete data.",
    situation="In 2021 I owned acquisition marketing for Netflix Canada. Trial-to-paid conversion "
    "had slipped to 61%, and 38% of trial starts came from people who had already used a trial "
    "on another email address. Finance put the cost of that abuse at about $4M a year.",
    decision="I decided to end the free trial in Canada and replace it with a first month at "
    "half price, and I made the call with about 60% of the data because the holiday window "
    "was six weeks away.",
    risk="The risk was that honest first-time members would balk at paying anything up front. "
    "I capped it with a kill metric: if gross sign-ups fell more than 15% for two straight "
    "weeks, I would restore the trial.",
    outcome="Gross sign-ups fell 22% in the first two weeks, so I restored the trial in week "
    "three. Paid conversion did rise from 61% to 74%, but net paid members came in 6% below "
    "plan for the quarter.",
    post_mortem="My logic was sound on abuse and wrong on price sensitivity. I read the abuse "
    "rate as the main cause of weak conversion, when a survey I had skimmed showed first-time "
    "members in Quebec were twice as price sensitive as the rest of the country. I also tested "
    "the whole country at once instead of one province.",
    changes="Now I roll out a pricing change one region at a time and size the downside for the "
    "most price-sensitive segment before I commit the national budget.",
    tags=("failure", "pricing"),
)


def _story_rules(story: Story) -> set[tuple[str, str]]:
    return {(finding.field, finding.rule) for finding in coach_story(story)}


def _words(count: int) -> str:
    return " ".join(["word"] * count)


def test_word_count_covers_the_spoken_fields_only() -> None:
    story = Story(
        id=7,
        title="A long title that is never said out loud",
        questions="Tell me about a failure.",
        situation="One two three.",
        decision="I cut the trial.",
        risk="",
        outcome="Sign-ups fell 10%.",
        post_mortem="",
        changes="",
        tags=("not", "spoken"),
    )
    assert word_count(story) == 3 + 4 + 3


def test_speaking_seconds_is_the_range_at_160_and_130_words_a_minute() -> None:
    story = replace(STRONG_STORY, situation=_words(320), decision="", risk="", outcome="")
    story = replace(story, post_mortem="", changes="")
    assert word_count(story) == 320
    assert speaking_seconds(story) == (120, 148)


def test_the_strong_story_fits_two_minutes_and_has_no_findings() -> None:
    fast, slow = speaking_seconds(STRONG_STORY)
    assert fast <= STRONG_STORY.target_seconds <= slow or slow <= STRONG_STORY.target_seconds
    assert STRONG_STORY.target_seconds == 120
    assert coach_story(STRONG_STORY) == []


def test_too_long_for_the_target() -> None:
    story = replace(STRONG_STORY, target_seconds=60)
    findings = [f for f in coach_story(story) if f.rule == "too-long"]
    assert len(findings) == 1
    assert findings[0].field == WHOLE_STORY
    assert "60 s" in findings[0].message


def test_too_short_for_the_target() -> None:
    story = replace(STRONG_STORY, target_seconds=300)
    assert (WHOLE_STORY, "too-short") in _story_rules(story)


@pytest.mark.parametrize(
    "decision",
    [
        "We decided to end the free trial in Canada.",
        "It was decided to end the free trial in Canada.",
        "The free trial in Canada was ended.",
        "I would end the free trial in Canada.",
        "I'd end the free trial in Canada.",
        "My manager and I agreed to end the free trial.",
        "I recommended ending the free trial and leadership agreed.",
    ],
)
def test_decision_must_be_an_active_first_person_decision(decision: str) -> None:
    story = replace(STRONG_STORY, decision=decision)
    assert ("decision", "decision-not-first-person") in _story_rules(story)


@pytest.mark.parametrize(
    "decision",
    [
        "I cut the free trial in Canada.",
        "I chose a half-price first month over the free trial.",
        "I made the call to end the free trial.",
        "My decision was to end the free trial.",
        "I've decided to kill the trial, and we shipped it in a week.",
        "Against my VP's instinct, I killed the trial.",
    ],
)
def test_first_person_decisions_pass(decision: str) -> None:
    story = replace(STRONG_STORY, decision=decision)
    assert not {rule for _, rule in _story_rules(story)} & {
        "decision-not-first-person",
        "missing-decision",
    }


def test_a_we_decision_also_gets_the_field_level_team_credit_finding() -> None:
    story = replace(STRONG_STORY, decision="We decided to end the free trial in Canada.")
    findings = coach_story(story)
    (credit,) = [f for f in findings if f.rule == "team-credit"]
    assert credit.field == "decision"
    assert story.decision[credit.start : credit.end] == "We decided"


def test_missing_decision() -> None:
    assert ("decision", "missing-decision") in _story_rules(replace(STRONG_STORY, decision=" "))


def test_outcome_must_be_quantified_and_is_reported_once() -> None:
    story = replace(STRONG_STORY, outcome="Sign-ups dropped and paid conversion improved.")
    findings = coach_story(story)
    assert ("outcome", "outcome-not-quantified") in {(f.field, f.rule) for f in findings}
    # The story check says it; the field's "no-number" findings would only repeat it.
    assert not [f for f in findings if f.field == "outcome" and f.rule == "no-number"]


def test_missing_outcome() -> None:
    assert ("outcome", "missing-outcome") in _story_rules(replace(STRONG_STORY, outcome=""))


@pytest.mark.parametrize("post_mortem", ["", "It failed.", "Lesson learned, moving on."])
def test_post_mortem_must_exist(post_mortem: str) -> None:
    story = replace(STRONG_STORY, post_mortem=post_mortem)
    assert ("post_mortem", "missing-post-mortem") in _story_rules(story)


def test_story_level_findings_sit_at_zero_on_their_field() -> None:
    story = replace(STRONG_STORY, decision="", outcome="It went badly.", post_mortem="")
    story_level = [f for f in coach_story(story) if f.rule in STORY_RULES_BY_ID]
    assert {(f.field, f.rule) for f in story_level} == {
        ("decision", "missing-decision"),
        ("outcome", "outcome-not-quantified"),
        ("post_mortem", "missing-post-mortem"),
        (WHOLE_STORY, "too-short"),
    }
    for finding in story_level:
        assert finding.start == finding.end == 0
        rule = STORY_RULES_BY_ID[finding.rule]
        assert finding.message.endswith(rule.why) and finding.suggestion == rule.suggestion


def test_field_findings_name_their_field_and_point_into_it() -> None:
    story = replace(
        STRONG_STORY,
        risk="I think maybe price was the risk, so I'd check with my manager first.",
        changes="Now I kind of run a SWOT before every launch.",
    )
    findings = [f for f in coach_story(story) if f.rule in RULES_BY_ID]
    spans = {(f.field, f.rule, getattr(story, f.field)[f.start : f.end]) for f in findings}
    assert spans == {
        ("risk", "hedging", "I think maybe"),
        ("risk", "seeking-permission", "check with my manager"),
        ("changes", "hedging", "kind of"),
        ("changes", "framework", "SWOT"),
    }


def test_title_and_questions_are_not_coached() -> None:
    story = replace(
        STRONG_STORY,
        title="We managed a SWOT",
        questions="Would you check with your manager first?",
    )
    assert coach_story(story) == []


def test_story_checks_come_first_then_fields_in_spoken_order() -> None:
    story = replace(
        STRONG_STORY,
        situation="We managed to keep churn flat at 2%.",
        changes="Maybe I should start smaller next time, in one province.",
        outcome="",
    )
    findings = coach_story(story)
    assert [f.rule for f in findings[:2]] == ["missing-outcome", "too-short"]
    fields = [f.field for f in findings[2:]]
    assert fields == ["situation", "changes"]
    assert fields == sorted(fields, key=SPOKEN_FIELDS.index)


def test_coach_story_is_pure() -> None:
    story = replace(STRONG_STORY, outcome="It went badly.")
    assert coach_story(story) == coach_story(story)
    assert story == replace(STRONG_STORY, outcome="It went badly.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        story.title = "changed"  # type: ignore[misc]
    assert all(isinstance(finding, StoryFinding) for finding in coach_story(story))
