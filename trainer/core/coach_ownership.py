"""Who owns the choice and the outcome: handing the decision to the panel ("which would
you prefer?", "either way"), and the passenger's excuse ("the vendor was late, so my hands
were tied") when nothing the speaker did follows.
"""

from __future__ import annotations

from trainer.core.coach_text import Hit, Sentence, i_drives, negated, pattern, spans, verbs

_YOU_PREFER = verbs("prefer", "want", "like", "lean", "prioritize", "prioritise", "choose", "pick")
# The choice is handed to the panel: "which would you like me to cover?", "either way".
_FISHING = (
    pattern(
        r"\b(?:which|whichever|whatever|what|how|if|would|do|does|is there)\b[^.?!]{0,30}?",
        r"\byou(?:['’]d|['’]re|\s+would|\s+do|\s+are)?\s+(?:\w+\s+)?(?:",
        _YOU_PREFER,
        r"|rather|think is|think matters|feel is|looking for|find)\b",
    ),
    pattern(r"\byou(?:['’]d|\s+would|\s+do)?\s+(?:\w+\s+)?(?:like|want|prefer)\s+me\s+to\b"),
    pattern(r"\byou\s+(?:can|could|may)\s+(?:choose|pick|decide)\b"),
    pattern(r"\b(?:better|best|more useful|more interesting|easier)\s+for\s+you\b"),
    pattern(
        r"\b(?:matters?|important|relevant|useful|interesting)\s+(?:most\s+)?(?:to|for)\s+you\b",
        r"|\binterests?\s+you\b|\byou\s+tell\s+me\s+(?:which|what)\b",
    ),
    pattern(r"\b(?:could|can)\s+(?:do|go with|take|pick)\s+either\b"),
    # "Should I talk about pricing or brand?": the choice asked back as a question.
    pattern(r"^(?:so\s+)?(?:should|shall)\s+I\b[^.?!]*\bor\b[^.?!]*\?"),
    pattern(
        r"\bdepends?\s+on\s+(?:what|which|how)\s+(?:the panel|you|the interviewers?)\b",
    ),
    pattern(r"\beither\s+way\b|\bI\s+don['’]t\s+mind\b|\bI['’]m\s+flexible\b|\byour\s+call\b"),
    pattern(r"\b(?:comfortable|happy|fine|okay|ok)\s+with\s+(?:either|any|both|whatever)\b"),
    pattern(r"\b(?:is|are)\s+(?:okay|ok|fine|good)\s+(?:for|with|by)\s+me\b"),
    pattern(r"\bworks\s+for\s+me\b"),
    pattern(r"\b(?:happy|glad|open|willing)\s+to\s+go\s+(?:in\s+)?(?:any|either|whichever)\b"),
    pattern(r"\bopen\s+to\s+(?:\w+\s+){0,2}(?:whatever|either|any)\b"),
    pattern(r"\bon\s+either\s+one\b|\byour\s+(?:priority|priorities|preference)\b"),
    pattern(
        r"\bI\s+don['’]t\s+(?:really\s+)?have\s+a\s+(?:strong\s+)?",
        r"(?:feeling|view|opinion|preference)\b",
    ),
    pattern(r"\b(?:is|would)\s+it\s+(?:be\s+)?(?:better|help|be\s+more\s+useful)\s+if\s+I\b"),
    pattern(r"\bwhat\s+do\s+you\s+think\s*\?"),
    pattern(r"\b(?:it['’]s\s+)?up\s+to\s+you\b"),
    pattern(r"\b(?:I['’]d\s+rather\s+)?you\s+(?:pick|choose|decide)\s+(?:which|what|whether)\b"),
    pattern(r"\b(?:do|would)\s+you\s+have\s+a\s+(?:preference|favou?rite|view)\b"),
)
# "I could have gone either way, so I chose the margin" hands nothing over.
_THEN_I_CHOOSE = pattern(
    r"\bI\s+(?:then\s+)?(?:chose|picked|went with|decided|made the call|committed)\b"
)


def fishing_for_preference(sentence: Sentence) -> list[Hit]:
    hits = []
    for s, e in spans(sentence, _FISHING):
        if not _THEN_I_CHOOSE.search(sentence.after(e, 80)) and not negated(sentence, s, e):
            hits.append(Hit("fishing-for-preference", s, e))
    return hits


_OTHERS = (
    r"(?:the\s+|our\s+|my\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:vendor|agency|partner|studio|legal"
    r"|engineers|developers|analysts|designers|sales|team|guys|folks"
    r"|finance|engineering|product(?:\s+(?:side|team))?|platform(?:\s+team)?|data team"
    r"|sales team|department|headquarters?|HQ|management|manager|market|dev team|tech team"
    r"|creative team|client|supplier|contractor|they|nobody|no one)"
)
# The speaker as a passenger: the outcome blamed on others, with nothing done about it.
_HELPLESS = (
    pattern(r"\bhands\s+(?:were|are|was)\s+tied\b"),
    pattern(r"\bout\s+of\s+(?:my|our)\s+(?:control|hands)\b"),
    pattern(
        r"\b(?:wasn['’]t|was not|isn['’]t|is not|there['’]s not|not)\s+(?:much|a lot|anything)",
        r"\s+(?:\w+\s+){0,3}?(?:I|we|anyone|anybody|one)\s+could\b",
    ),
    pattern(
        r"\bnothing\s+(?:\w+\s+){0,4}?(?:I|we|anyone)\s+could(?:['’]ve|\s+have)?\s+(?:do|done)\b"
    ),
    pattern(r"\bwasn['’]t\s+much\s+room\b|\bstuck\s+waiting\b|\bbecause\s+of\s+them\b"),
    pattern(r"\b", verbs("take"), r"\s+the\s+blame\b|\bnot\s+my\s+fault\b"),
    pattern(r"\bdown\s+to\s+(?:the\s+)?(?:[\w-]+\s+){0,5}?[\w-]+,?\s+not\s+(?:the\s+)?\w+"),
    pattern(r"\bbut\s+down\s+to\s+the\b|\b(?:turned|went)\s+against\s+us\b"),
    pattern(r"\b(?:it|this|that)\s+(?:was\s+not|wasn['’]t)\s+my\s+(?:decision|call|fault)\b"),
    pattern(r"\b(?:didn['’]t|did not|never)\s+(?:get\s+done|happen(?:ed)?)\b"),
    pattern(r"\bhad\s+no\s+chance\b|\bno\s+way\s+around\s+it\b"),
    pattern(r"\b(?:wasn['’]t|was not|isn['’]t|is not)\s+up\s+to\s+me\b"),
    pattern(r"\bthere\s+(?:was|is)\s+nothing\s+(?:\w+\s+){0,2}?(?:to\s+do|(?:I|we)\s+could)\b"),
    pattern(r"\bthat\s+was\s+the\s+end\s+of\s+it\b"),
    pattern(r"\bnothing\s+(?:\w+\s+){0,4}?could\s+(?:happen|move|go ahead|work)\b"),
    pattern(
        r"\bthe\s+(?:problem|issue|miss|failure|blame)\s+(?:was|is|lay|lies)\s+(?:really\s+",
        r"|all\s+|entirely\s+)?(?:on\s+|with\s+)?",
        _OTHERS,
        r"\b",
    ),
)
# "I couldn't have done it without..." is credit, not helplessness.
_I_COULD_NOT = pattern(
    r"\bI\s+(?:could\s+not|couldn['’]t|was\s+unable\s+to|wasn['’]t\s+able\s+to)\s+(?!have\b)\w+"
)
_FAILED = verbs(
    "ship",
    "miss",
    "slip",
    "change",
    "cut",
    "freeze",
    "deprioritize",
    "fail",
    "drop",
    "botch",
    "mess up",
    "block",
    "delay",
    "cancel",
    "stall",
    "refuse",
    "reject",
    "veto",
    "pull out",
    "back out",
    "sit on",
    "blow",
)
_BLAMED = (
    # Circumstances as the reason: "the market was tough, so the numbers didn't come".
    pattern(
        r"\b(?:the\s+)?(?:market|economy|macro|climate|competition|timing|season)\s+",
        r"(?:was|were|is|turned)\s+(?:\w+\s+)?(?:tough|bad|difficult|hard|brutal|against us",
        r"|weak|slow)\b",
    ),
    pattern(
        r"\bbecause\s+(?:of\s+)?",
        _OTHERS,
        r"\s+(?:\w+\s+){0,2}?(?:",
        _FAILED,
        r"|did not|didn['’]t|never|was late|were late)\b",
    ),
    # "The agency botched the creative, so the launch flopped": others failed, and so it did.
    pattern(
        r"^(?:[\w-]+,?\s+){0,2}?",
        _OTHERS,
        r"\s+(?:\w+\s+){0,1}?(?:",
        _FAILED,
        r"|did not|didn['’]t|never|couldn['’]t|failed to|kept)\b(?=[^.;]*?,?\s+(?:so|and)\s+",
        r"(?:the|our|my|we|it|there|nothing|none|no)\b)",
    ),
    pattern(
        r"\b(?:was|were|got)\s+(?:cut|slashed|frozen|pulled|killed|cancell?ed|blocked|delayed",
        r"|vetoed|rejected)\s+by\s+",
        _OTHERS,
    ),
)
_CAUSE = pattern(
    r"\b(?:because|since|so|as|vendor|agency|partner|studio|legal|finance|engineering|platform"
    r"|department|headquarters?|HQ|management|manager|market|client|supplier|contractor|nobody)\b"
)


def passenger_excuse(sentence: Sentence, speaker_acts_later: bool) -> list[Hit]:
    """Helpless words always; others' failure only when no move of the speaker's follows,
    here or later ("The agency was late. I moved production in-house..." is a recovery)."""
    found = list(spans(sentence, _HELPLESS))
    if _CAUSE.search(sentence.body):
        found.extend(spans(sentence, (_I_COULD_NOT,)))
    blamed = [] if found else list(spans(sentence, _BLAMED))
    if blamed and not speaker_acts_later and not i_drives(sentence):
        found.extend(blamed)
    return [Hit("passenger-excuse", s, e) for s, e in found]
