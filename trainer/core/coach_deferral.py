"""What comes before acting: someone's permission, or everyone's agreement.

These rules ask about the speaker's role rather than for phrases: is someone else the one
who approves ("once the CMO signs on"), is acting put off until everyone agrees. Verbs
are named by lemma (`verbs`), and a denial ("I didn't wait for sign-off") clears a
finding. Waiting for more data is in `coach_waiting.py`; handing the choice to the panel
and blaming others in `coach_ownership.py`.
"""

from __future__ import annotations

from trainer.core.coach_text import Hit, Sentence, negated, pattern, spans, verbs

_BOSS = (
    r"(?:manager|boss|lead|director|VP|vp|leadership|supervisor|higher-ups|superiors|execs?"
    r"|executives|stakeholders|CMO|CEO|GM|skip-level|management|head of \w+)"
)
_PERMISSION_WORD = r"(?:approval|sign[- ]?off|permission|green[- ]?light|blessing|go-ahead|OK|okay)"
_PERMISSION = (
    pattern(
        r"\b(?:check|checking|checked|run|running|ran|clear|clearing|confirm|confirming)",
        r"(?:\s+(?:it|this|that|the \w+))?\s+(?:with|by|past)\s+(?:my|the|our|a|all)\s+",
        r"(?:\w+\s+)?",
        _BOSS,
    ),
    pattern(
        r"\b(?:get|getting|seek|seeking|sought|ask(?:ing|ed)?\s+for|wait(?:ing|ed)?\s+for",
        r"|need(?:ed)?|request(?:ing|ed)?|obtain(?:ing)?)\s+",
        r"(?:(?:the|an?|my|their|his|her|formal|explicit|final|official|full)\s+|\w+['’]s\s+)*",
        _PERMISSION_WORD,
        r"\b",
    ),
    pattern(
        r"\b(?:ask|asked|asking)\s+(?:my|the)\s+",
        _BOSS,
        r"\s+(?:whether|if|for|to approve|to sign)",
    ),
    pattern(
        r"\bwho\s+(?:(?:would|will|should|needs to|has to|must|gets to|can)\s+)?",
        r"(?:approves?|signs?[- ]off|sign[- ]off|gives? the green light|makes? the final call",
        r"|owns? the decision|has (?:the )?final say)\b",
    ),
    pattern(r"\bwait(?:ing|ed)?\s+for\s+(?:my|the)\s+", _BOSS, r"(?:['’]s)?\b"),
    pattern(
        r"\b(?:escalate|escalated|escalating|defer|deferred|deferring|punt|punted)",
        r"(?:\s+(?:it|this|the decision|the call))?(?:\s+up)?\s+to\s+(?:my|the)\s+",
        _BOSS,
    ),
    pattern(
        r"\blet\s+(?:them|him|her|leadership|(?:my|the)\s+",
        _BOSS,
        r")\s+(?:decide|make the call|choose|weigh in)\b",
    ),
    pattern(
        r"\bneed(?:ed)?\s+(?:my|the)\s+",
        _BOSS,
        r"\s+to\s+(?:weigh in|approve|sign off|decide|bless|agree)\b",
    ),
    pattern(
        r"\bif\s+(?:my|the)\s+", _BOSS, r"\s+(?:approves|agrees|signs off|is ok(?:ay)?|says yes)\b"
    ),
    pattern(
        r"\bmake sure (?:everyone|all \w+|we|they)\s+(?:is|are)\s+",
        r"(?:on the same page|aligned|on board)",
    ),
    pattern(
        r"\b(?:submit\w*|send|sent|take|took|bring|brought)\s+(?:it|this|that|the \w+)\s+to\s+",
        r"(?:my|the)\s+",
        _BOSS,
        r"\b",
    ),
    pattern(
        r"\bfor\s+(?:(?:her|his|their|final|formal|official)\s+|\w+['’]s\s+)?",
        _PERMISSION_WORD,
        r"\b",
    ),
)
# Someone who can say yes or no to the speaker's plan.
_APPROVER_NOUN = (
    r"(?:manager|boss|lead|director|VP|leadership|supervisor|higher-ups|superiors|execs?"
    r"|executives?|exec team|stakeholders|CMO|CEO|GM|skip-level|management|head of \w+"
    r"|council|committee|steering group|board|country manager|regional office|head office|HQ"
    r"|headquarters?|finance"
    r"|legal|chain)"
)
_APPROVER = (
    r"(?:(?:my|the|our|her|his|their|every|each|all(?: the)?)\s+)?(?:[\w-]+\s+){0,2}?"
    + _APPROVER_NOUN
    + r"(?:['’]s)?"
)
_ASSENT = (
    r"(?:approval|sign[- ]?off|permission|green[- ]?light|blessing|go-ahead|OK|okay|nod"
    r"|thumbs[- ]up|buy-in|agreement|consent|say-so|validation|endorsement)"
)
_SAYS_YES = (
    verbs("approve", "agree", "sign off", "sign on", "bless", "accept", "like", "okay")
    + r"|(?:is|was|were|are|be|been)\s+(?:\w+\s+)?(?:supportive|comfortable|happy|on board"
    r"|aligned|fine with|ok with|okay with)|says? yes|gives? (?:\w+\s+){0,2}(?:ok|okay|nod"
    r"|go-ahead|green light)"
)
# The speaker's move waits on that yes: "once the CMO signs on", "a nod from the exec team".
_ASKS_LEAVE = (
    pattern(
        r"\b",
        verbs(
            "get",
            "need",
            "want",
            "seek",
            "secure",
            "obtain",
            "wait",
            "ask",
            "request",
            "take",
            "have",
        ),
        r"\s+(?:for\s+)?(?:(?:the|an?|my|their|his|her|formal|explicit|final|official|full)\s+",
        r"|\w+(?:\s+\w+)?['’]s\s+){0,3}",
        _ASSENT,
        r"\b",
    ),
    pattern(r"\b", _ASSENT, r"\s+(?:from|of)\s+", _APPROVER, r"\b"),
    pattern(
        r"\b(?:after|until|once|pending|following)\s+(?:the|their|his|her|my)\s+(?:\w+\s+)?",
        _ASSENT,
        r"\b",
    ),
    pattern(
        r"\b(?:if|once|after|until|till|unless|provided|providing|as long as|assuming)\s+(?:",
        _APPROVER,
        r"|he|she|they)\s+(?:\w+\s+){0,2}?(?:",
        _SAYS_YES,
        r")\b",
    ),
    pattern(
        r"\b",
        verbs("wait"),
        r"\s+(?:for|on)\s+(?:\w+\s+){1,3}?to\s+",
        verbs("decide", "approve", "sign off", "weigh in", "agree", "bless", "say yes"),
        r"\b",
    ),
    pattern(
        r"\blet\s+(?:him|her|them|",
        _APPROVER,
        r")\s+(?:decide|make the call|choose|pick|weigh in|tell me|call it|have the final say)\b",
    ),
    pattern(
        r"\b(?:whichever|whatever)\s+(?:one\s+|option\s+)?(?:she|he|they|",
        _APPROVER,
        r")\s+",
        verbs("pick", "choose", "prefer", "want", "decide", "like"),
        r"\b",
    ),
    pattern(
        r"\b",
        verbs("ask", "find out", "check"),
        r"\s+(?:what|whether|if|which)\s+(?:\w+\s+){0,3}?(?:",
        _APPROVER,
        r"|he|she|they)\s+(?:\w+\s+)?",
        verbs("want", "prefer", "think", "expect"),
        r"\b",
    ),
    pattern(r"\b", verbs("sound out", "consult", "loop in"), r"\s+", _APPROVER, r"\b"),
    # The approver must act first: "our CMO has to approve anything like this".
    pattern(
        r"\b",
        _APPROVER_NOUN,
        r"\s+(?:has|have|needs?|would need|must|gets?|will have)\s+to\s+(?:",
        verbs("approve", "sign off", "bless", "okay", "agree", "weigh in", "decide", "sign"),
        r")\b",
    ),
    pattern(r"\b", verbs("go"), r"\s+upstairs\b"),
    pattern(
        r"\b",
        verbs("follow", "go with", "take"),
        r"\s+(?:their|her|his|its|the\s+\w+['’]s)\s+(?:decision|lead|call|guidance|verdict)\b",
    ),
    # The verb itself asks for a yes, whoever gives it: "I'd need the founders to bless it".
    pattern(
        r"\b",
        verbs("get", "need", "want", "wait for"),
        r"\s+(?:\w+\s+){1,3}?to\s+(?:say yes|approve|sign off|agree|bless|okay|weigh in)\b",
    ),
)
# Showing the plan to a boss is fine after deciding; it asks leave when it is the plan
# ("I'd walk it past the VP") or comes before acting ("..., then see").
_SHOWS_PLAN = pattern(
    r"\b",
    verbs(
        "float",
        "run",
        "walk",
        "put",
        "take",
        "bring",
        "pitch",
        "present",
        "circulate",
        "send",
        "socialize",
        "socialise",
        "clear",
        "escalate",
        "check in",
    ),
    r"\s+(?:(?:it|this|that|them|the\s+[\w-]+(?:\s+[\w-]+)?|my\s+[\w-]+)\s+)?",
    r"(?:past|by|to|in front of|around to|up to|with|up)\s+",
    _APPROVER,
    r"(?:,?\s+(?:[\w-]+,?\s+){0,4}?and\s+(?:the\s+)?[\w-]+)?\b",
)
_PLANNED = pattern(r"\b(?:would|['’]d|will|['’]ll|going to|first|step one|plan)\b[^.;]{0,60}$")
_THEN_WAITS = pattern(
    r"^[^.;]{0,80}?\b(?:before|until|and (?:then )?(?:see|let|wait|get)|for (?:approval|sign)"
    r"|if (?:they|she|he)|and give them|so (?:that )?(?:she|he|they) (?:could|can|would|might))\b"
)
# Everyone must agree before acting: "make sure every lead is on board", "until no one objects".
_CONSENSUS = (
    pattern(
        r"\b(?:make sure|ensure)\s+(?:that\s+)?(?:[\w-]+,?\s+){1,6}?(?:is|are|['’]re)\s+",
        r"(?:fully\s+|all\s+)?(?:on the same page|aligned|on board|comfortable|happy|in agreement)",
    ),
    pattern(r"\b(?:make sure|ensure)\s+(?:that\s+)?(?:[\w-]+,?\s+){1,6}?agrees?\b"),
    # "get everyone aligned" as the plan; "I got finance aligned" after deciding is fine.
    pattern(
        r"\b(?:get|getting)\s+(?:everyone|everybody|all\s+(?:the\s+)?[\w-]+|every\s+[\w-]+",
        r"|the\s+[\w-]+(?:\s+[\w-]+)?|them|stakeholders)\s+(?:fully\s+)?(?:aligned|on board",
        r"|bought in|on the same page|comfortable)\b",
    ),
    pattern(
        r"\b(?:until|till|once|unless|only when)\s+(?:there['’]s|there is|we have|we['’]ve got"
        r"|we get|we reach|everyone|everybody|all|they|nobody|no one|every \w+)(?:['’]s)?\s+",
        r"(?:\w+\s+){0,3}?(?:consensus|agrees?|agreed|aligned|on board|comfortable|objects?",
        r"|objections?|signs? off|signed off)\b",
    ),
    pattern(r"\b", verbs("build"), r"\s+(?:a\s+)?(?:coalition|consensus)\b"),
    # "align everybody" as the plan; "I aligned finance in one meeting" after deciding is fine.
    pattern(r"\b(?:align|aligning)\s+(?:everybody|everyone|every\s+\w+|all\s+(?:the\s+)?\w+)\b"),
    pattern(
        r"\b(?:on board|aligned|on the same page|in agreement)\s+(?:\w+\s+){0,2}?",
        r"(?:before|first)\b",
    ),
    pattern(
        r"\b(?:give|let|time for|chance to|time to)\s+(?:\w+\s+){0,6}?",
        verbs("raise", "voice", "flag"),
        r"\s+(?:any\s+|their\s+)?(?:concerns|objections)\b",
    ),
)
# "nothing launches without everyone on board" asks for consensus; "I launched without
# everyone on board" did not: only a denied requirement counts.
_NOTHING_WITHOUT = pattern(
    r"\b(?:nothing|never|no \w+|can['’]t|won['’]t|wouldn['’]t|doesn['’]t|don['’]t)\b",
    r"[^.;]{0,40}?\bwithout\s+(?:(?:everyone|everybody|all|every \w+|the whole \w+|buy-in)",
    r"(?:\s+(?:on board|aligned|agreeing|on the same page))?",
    r"|(?:[\w'’-]+\s+){0,4}?(?:",
    _ASSENT,
    r"|signing off|signing on|approving|agreeing|blessing it|on board|aligned))",
)
# "align with stakeholders" is only a request for permission when it comes first.
_ALIGN = pattern(
    r"\b(?:align|sync|check in|get aligned)\s+with\s+(?:(?:all|the|my|our|key|every)\s+)*",
    r"(?:stakeholders|leadership|manager|boss|execs|executives|everyone|partners|VP)\b",
)
_ALIGN_FIRST = pattern(r"\b(?:would|['’]d|will|['’]ll|to|need to|first|should)\s+(?:\w+\s+)?$")
_ALIGN_BEFORE = pattern(r"^[^.;]{0,60}?\b(?:before|first|on the same page|sign[- ]?off|approv)")


def seeking_permission(sentence: Sentence) -> list[Hit]:
    found = [
        (s, e)
        for s, e in spans(sentence, (*_PERMISSION, *_ASKS_LEAVE, *_CONSENSUS))
        if not negated(sentence, s, e)
    ]
    found.extend(spans(sentence, (_NOTHING_WITHOUT,)))
    for match in _SHOWS_PLAN.finditer(sentence.body):
        s, e = sentence.start + match.start(), sentence.start + match.end()
        planned = _PLANNED.search(sentence.before(s, 60)) or _THEN_WAITS.search(
            sentence.after(e, 80)
        )
        if planned and not negated(sentence, s, e):
            found.append((s, e))
    for match in _ALIGN.finditer(sentence.body):
        s, e = sentence.start + match.start(), sentence.start + match.end()
        first = _ALIGN_FIRST.search(sentence.before(s, 30)) or _ALIGN_BEFORE.search(
            sentence.after(e, 80)
        )
        if first and not negated(sentence, s, e):
            found.append((s, e))
    return [Hit("seeking-permission", s, e) for s, e in found]
