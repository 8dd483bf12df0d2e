"""The answer coach: flags the phrases that sink a Netflix PMM answer, with a fix for each.

Plain Python, no Qt and no database: `coach(text)` returns findings with character
offsets so an editor can underline them. The detectors live in `coach_rules.py` (credit,
voice, hedges), `coach_deferral.py` (permission, consensus), `coach_waiting.py` (more
data first), `coach_ownership.py` (the panel's preference, the passenger's excuse) and
`coach_evidence.py` (numbers, metrics, frameworks). docs/coach.md says how they are
measured.
"""

from __future__ import annotations

from dataclasses import dataclass

from trainer.core.coach_rules import detect
from trainer.core.coach_text import Hit


@dataclass(frozen=True)
class RuleInfo:
    """One rule as a UI lists it: stable id, short title, why it hurts, a stronger way."""

    id: str
    title: str
    why: str
    suggestion: str


@dataclass(frozen=True)
class Finding:
    """One flagged span: `text[start:end] == excerpt` (end exclusive)."""

    rule: str
    start: int
    end: int
    message: str
    suggestion: str
    excerpt: str = ""


RULES: tuple[RuleInfo, ...] = (
    RuleInfo(
        "seeking-permission",
        "Seeking permission",
        "Checking with a manager or asking who approves reads as dependency; Netflix hires "
        "people who decide, then inform.",
        "Say what you decided and who you told: 'Based on the data, I pivoted the plan and "
        "informed stakeholders of the change and its expected impact.'",
    ),
    RuleInfo(
        "team-credit",
        "Credit handed to the team",
        "'We' and 'the team' hide the decision you made: you sound like a passenger, not "
        "the driver.",
        "Name your own move: 'I found the drop-off in onboarding and forced the landing "
        "page redesign, which drove the 10% lift.'",
    ),
    RuleInfo(
        "passive-voice",
        "Passive voice",
        "'It was decided' erases who decided; the interviewer hears that it was not you.",
        "Make yourself the subject: 'I decided...', 'I made the call to...'.",
    ),
    RuleInfo(
        "framework",
        "Leaning on a framework",
        "A generic SWOT, 4Ps or Five Forces makes you look like a junior marketer running a "
        "template instead of seeing the real friction.",
        "Name the friction and your fix: 'The drop-off is at step Y; I would change the "
        "pricing trigger there.'",
    ),
    RuleInfo(
        "vanity-metric",
        "Vanity metric",
        "Impressions, reach, likes or buzz do not show business value; the bar is revenue, "
        "ARPU, retention or conversion.",
        "Tie it to business value: 'lifted paid conversion 4%', 'raised ARPU by $0.60', "
        "'cut churn by 1.2 points'.",
    ),
    RuleInfo(
        "no-number",
        "Outcome without a number",
        "'Improved' or 'great results' without a figure sounds unmeasured, or too small to "
        "mention.",
        "Give the figure and the baseline: 'sign-ups rose 10%, from 2.1% to 2.3%, in six weeks'.",
    ),
    RuleInfo(
        "hedging",
        "Hedging",
        "Hedges make a decision sound like a guess; in the Keeper Test, 'probably' is a no.",
        "Cut the hedge and state it: 'The price was the friction', not 'I think maybe the "
        "price was kind of the issue'.",
    ),
    RuleInfo(
        "waiting-for-data",
        "Waiting for all the data",
        "Netflix wants high-stakes calls made with about 60% of the data; waiting for "
        "certainty reads as not wanting to own the outcome.",
        "Say the bet and how you capped the risk: 'With 60% of the data I launched to 10% "
        "of members and set a kill metric.'",
    ),
    RuleInfo(
        "fishing-for-preference",
        "Asking the panel to choose",
        "Asking which option the interviewer prefers, or saying any would do, hands them the "
        "decision the question is testing you on.",
        "Pick one and say why: 'I'd focus on retention, because churn costs us more than "
        "acquisition buys; here is how I'd do it.'",
    ),
    RuleInfo(
        "passenger-excuse",
        "Blaming others for the outcome",
        "'The vendor was late, so my hands were tied' makes you a passenger; Netflix wants to "
        "hear what you did when the plan broke.",
        "Own the recovery: 'When the vendor slipped, I moved the launch to the next slate and "
        "used the two weeks to test creative, which lifted click-to-play 9%.'",
    ),
)
RULES_BY_ID: dict[str, RuleInfo] = {rule.id: rule for rule in RULES}


def coach(text: str) -> list[Finding]:
    """The weak patterns in an answer, sorted by start; one finding per span and rule."""
    findings = [_finding(text, hit) for hit in _without_overlaps(detect(text))]
    return sorted(findings, key=lambda f: (f.start, f.end, f.rule))


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    """Of overlapping hits of one rule, keep the first and longest ("I think maybe")."""
    kept: list[Hit] = []
    for hit in sorted(set(hits), key=lambda h: (h.start, h.start - h.end, h.rule)):
        if not any(k.rule == hit.rule and k.start < hit.end and hit.start < k.end for k in kept):
            kept.append(hit)
    return kept


def _finding(text: str, hit: Hit) -> Finding:
    rule = RULES_BY_ID[hit.rule]
    return Finding(
        rule=hit.rule,
        start=hit.start,
        end=hit.end,
        message=rule.why,
        suggestion=rule.suggestion,
        excerpt=text[hit.start : hit.end],
    )
