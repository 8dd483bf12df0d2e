"""What comes before acting, continued: more data, more time, certainty.

Acting is put off until the picture is complete: a deferring verb whose clause ends on
evidence or a stretch of time, more evidence "first", or a denial that still waits ("so
we're not guessing"). A denial of the waiting ("I didn't wait for the full quarter")
clears a finding.
"""

from __future__ import annotations

from trainer.core.coach_text import Hit, Sentence, negated, pattern, spans, verbs

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
