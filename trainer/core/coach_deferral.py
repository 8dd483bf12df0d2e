"""What comes before acting: someone's permission, everyone's agreement, more data.

These rules ask about the speaker's role rather than for phrases: is someone else the one
who approves ("once the CMO signs on"), is acting put off until everyone agrees or the
data is complete. Verbs are named by lemma (`verbs`), and a denial ("I didn't wait for
sign-off") clears a finding. Handing the choice to the panel and blaming others are in
`coach_ownership.py`.
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


_ALL_DATA = (
    r"(?:all|more|complete|full|perfect|conclusive|better|enough|additional|further|the full"
    r"|a full|a complete|another|one more"
    r"|all the|all of the|the rest of the|more complete)"
)
_EVIDENCE = (
    r"(?:data|information|info|research|evidence|numbers|results|testing|analysis|facts"
    r"|picture|studies|study|signal|surveys?|report|readout|read|dashboard|cohorts?|curves"
    r"|metrics|significance|certainty|proof|scenarios?|feedback|insights?)"
)
_SPAN_OF_TIME = r"(?:days?|weeks?|months?|quarters?|years?|seasons?|cycles?)"
_WAITING = (
    pattern(
        r"\bwait(?:ed|ing)?\s+(?:until|till|for|on)\s+(?:(?:we|I)\s+(?:have|had|get|got|see)\s+)?",
        _ALL_DATA,
        r"\s+(?:\w+\s+){0,3}?",
        _EVIDENCE,
        r"\b",
    ),
    pattern(
        r"\b(?:until|once)\s+(?:we|I)\s+(?:have|had|get|got|see|saw)\s+",
        _ALL_DATA,
        r"\s+(?:\w+\s+)?",
        _EVIDENCE,
        r"\b",
    ),
    pattern(
        r"\b(?:need|needed|want|wanted|require|gather|gathered|gathering|collect|collected|do"
        r"|run|get)\s+(?:a lot\s+)?(?:more|additional|further|all the|more complete)\s+",
        r"(?:\w+\s+)?",
        _EVIDENCE,
        r"\s+(?:before|first|until)\b",
    ),
    pattern(
        r"\b(?:gather|gathered|gathering|collect|collecting)\s+all\s+(?:of\s+)?the\s+", _EVIDENCE
    ),
    pattern(
        r"\b(?:more|additional|further)\s+(?:[\w-]+\s+){0,3}?",
        _EVIDENCE,
        r"\s+(?:before|first|until)\b",
    ),
    pattern(r"\bwait and see\b|\bto be (?:sure|certain)\s+before\b"),
    pattern(r"\b(?:complete|total|full|absolute|100%|100 percent)\s+(?:certainty|confidence)\b"),
    pattern(r"\b(?:100%|100 percent|completely|absolutely|totally|fully)\s+(?:sure|certain)\b"),
    pattern(
        r"\buntil\s+(?:the\s+)?(?:data|results?|numbers|evidence)\s+(?:is|are|was|were)\s+",
        r"(?:conclusive|complete|clear|in)\b",
    ),
    pattern(r"\b(?:before|until)\s+(?:we|I)\s+(?:are|were|am|was|felt|feel)\s+(?:certain|sure)\b"),
)


# Acting is put off until the picture is complete: a deferring verb whose clause ends on
# evidence or a stretch of time ("hold the change until two more quarters of numbers").
_DEFERS = pattern(
    r"\b",
    verbs(
        "wait",
        "hold",
        "hold off",
        "delay",
        "postpone",
        "defer",
        "pause",
        "keep",
        "park",
        "put off",
        "sit on",
    ),
    r"\b[^,;.]{0,40}?\b(?:until|till|for|while|before)\b[^,;.]{0,60}?\b(?:",
    _EVIDENCE,
    r"|(?:is|are|be)\s+(?:\w+\s+)?(?:solid|clear|conclusive|complete|final|built|in)"
    r"|(?:another|more|a full|full|a few more|a couple more|two more|three more)\s+",
    _SPAN_OF_TIME,
    r"(?!\s+of\b)|everything|certain|sure|confident|safe)\b",
)
_MORE_FIRST = (
    pattern(
        r"\b(?:more|another|further|additional|a full|full|complete|a proper|the final|final",
        r"|the full|a few more|a couple more|(?:two|three|four|\d+) more)\s+(?:[\w'’-]+\s+){0,4}?",
        r"(?:",
        _EVIDENCE,
        r"|",
        _SPAN_OF_TIME,
        r"|markets|pilots|rounds|regions|tests)\b[^,;.]{0,40}?\b(?:before|first|until",
        r"|to know (?:for sure|for certain)|to be (?:sure|certain|safe)|over the next)\b",
    ),
    pattern(
        r"\b(?:first|before anything)\b[^.;]{0,30}?\b(?:need|want|have)\s+to\s+(?:\w+\s+){0,2}",
        r"(?:(?:much|a lot|a bit)\s+)?(?:more|additional|further|all the)\s+(?:\w+\s+)?",
        _EVIDENCE,
    ),
    # Present and planned waiting only: "I waited for the readout I had planned" is a story.
    pattern(
        r"\b(?:wait|waits|waiting)\s+(?:for\s+|on\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?",
        _EVIDENCE,
        r"\b",
    ),
    pattern(
        r"\b(?:\d+|two|three|four|five|six|nine|twelve|a few|several)\s+(?:more\s+)?",
        _SPAN_OF_TIME,
        r"\s+of\s+(?:[\w-]+\s+)?",
        _EVIDENCE,
        r"\b[^,;.]{0,40}?\bbefore\b",
    ),
    pattern(r"\b", verbs("commission"), r"\s+(?:an?\s+)?(?:\w+\s+)?(?:study|research|survey)\b"),
    pattern(
        r"\b",
        verbs("want", "need", "wait for", "get", "have"),
        r"\s+(?:the|a)\s+(?:full|complete|whole|clearer|clear|fuller)\s+(?:picture|view|story)\b",
    ),
    pattern(
        r"\bbefore\s+(?:deciding|committing|choosing|acting|launching|moving)\b[^.]{0,40}?",
        verbs("want", "need", "wait", "see", "get"),
        r"\s+(?:\w+\s+){0,3}?",
        _EVIDENCE,
        r"\b",
    ),
    pattern(r"\blet\s+(?:the|it|this|our)\s*(?:\w+\s+)?(?:run|finish|play out|bake|settle)\b"),
    pattern(
        r"\b(?:see|wait|watch|find out)\b[^.;]{0,50}?\b(?:first|before)\b[^.;]{0,20}?",
        r"\b(?:decide|choose|commit|pick)\b",
    ),
    pattern(r"\btoo\s+(?:early|soon)\s+to\s+(?:decide|tell|say|call|commit|judge|act|move)\b"),
    pattern(
        r"\bto\s+be\s+(?:really\s+|fully\s+|totally\s+|completely\s+|absolutely\s+)?",
        r"(?:confident|sure|certain)\b",
    ),
    pattern(r"\b(?:could|can|would)\s+be\s+(?:\w+\s+)?(?:certain|sure)\b"),
)
# Denials that still wait: "so we're not guessing", "without certainty I wouldn't".
_STILL_WAITS = (
    pattern(
        r"\b(?:not|n['’]t)\s+(?:decide|commit|choose|act|move|pick)\s+(?:anything\s+)?",
        r"(?:now|yet|today|right away)\b",
    ),
    pattern(
        r"\buntil\s+(?:[\w'’-]+\s+){0,4}?",
        _EVIDENCE,
        r"\b[^.;]{0,40}?\b(?:wouldn['’]t|won['’]t|would not|will not|not|don['’]t|can['’]t)\b",
    ),
    pattern(
        r"\b(?:not|n['’]t|never)\s+",
        verbs("commit", "decide", "launch", "act", "move", "change", "ship", "invest", "touch"),
        r"\s+(?:\w+\s+){0,3}?(?:until|till|before)\s+(?:[\w'’-]+\s+){0,6}?",
        _EVIDENCE,
        r"\b",
    ),
    pattern(r"\bso\s+(?:we|I)(?:['’]re|\s+are|\s+were|\s+aren['’]t)\s+not\s+guessing\b"),
    pattern(
        r"\bwithout\s+(?:statistical\s+|full\s+|complete\s+)?(?:certainty|significance|proof",
        r"|confidence)\b[^.]*\b(?:wouldn['’]t|won['’]t|would not|will not|can['’]t|don['’]t)\b",
    ),
    pattern(
        r"\b(?:let['’]s\s+not|let\s+us\s+not|(?:we|I)\s+(?:wouldn['’]t|would not|shouldn['’]t)",
        r"|don['’]t want to)\s+rush\b",
    ),
)


def waiting_for_data(sentence: Sentence) -> list[Hit]:
    found = [
        (s, e)
        for s, e in spans(sentence, (*_WAITING, _DEFERS, *_MORE_FIRST))
        if not negated(sentence, s, e)
    ]
    found.extend(spans(sentence, _STILL_WAITS))
    return [Hit("waiting-for-data", s, e) for s, e in found]
