"""The coach's rules on how a story is told: permission, credit, voice, hedges, waiting.

Each detector reads one sentence and returns `Hit`s; `coach.py` adds the why and the
fix. Patterns stay narrow and check their context first: a coach that cries wolf is
ignored. The rules on evidence (numbers, metrics, frameworks) are in `coach_evidence.py`.
"""

from __future__ import annotations

from collections.abc import Callable

from trainer.core.coach_evidence import framework, no_number, vanity_metric
from trainer.core.coach_text import (
    Hit,
    Sentence,
    i_drives,
    negated,
    pattern,
    spans,
    split_sentences,
)

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
# "align with stakeholders" is only a request for permission when it comes first.
_ALIGN = pattern(
    r"\b(?:align|sync|check in|get aligned)\s+with\s+(?:(?:all|the|my|our|key|every)\s+)*",
    r"(?:stakeholders|leadership|manager|boss|execs|executives|everyone|partners|VP)\b",
)
_ALIGN_FIRST = pattern(r"\b(?:would|['’]d|will|['’]ll|to|need to|first|should)\s+(?:\w+\s+)?$")
_ALIGN_BEFORE = pattern(r"^[^.;]{0,60}?\b(?:before|first|on the same page|sign[- ]?off|approv)")


def seeking_permission(sentence: Sentence) -> list[Hit]:
    hits = [
        Hit("seeking-permission", s, e)
        for s, e in spans(sentence, _PERMISSION)
        if not negated(sentence, s, e)
    ]
    for match in _ALIGN.finditer(sentence.body):
        s, e = sentence.start + match.start(), sentence.start + match.end()
        first = _ALIGN_FIRST.search(sentence.before(s, 30)) or _ALIGN_BEFORE.search(
            sentence.after(e, 80)
        )
        if first and not negated(sentence, s, e):
            hits.append(Hit("seeking-permission", s, e))
    return hits


_CREDIT_VERB = (
    r"(?:managed(?: to)?|(?:were|was) able(?: to)?|achieved|succeeded|pulled off|decided|chose"
    r"|opted|agreed|came up with|figured out|increased|grew|boosted|improved|drove|lifted"
    r"|exceeded|delivered|doubled|tripled|hit(?!\s+an?\b)|made the call|went with|nailed"
    r"|ended up (?:going with|choosing|picking|deciding|with))\b"
)
_TEAM_CREDIT = (
    pattern(
        r"\bwe(?:\s+(?:then|also|eventually|finally|successfully|collectively|together|all"
        r"|quickly|really|ultimately))*\s+",
        _CREDIT_VERB,
    ),
    pattern(
        r"\b(?:the|my|our)\s+(?:(?:whole|entire|cross-functional|marketing|product|growth)\s+)?",
        r"team\s+(?:(?:then|also|eventually|finally|successfully|collectively)\s+)?",
        _CREDIT_VERB,
    ),
    pattern(
        r"\b(?:through|thanks to|via|with|by)\s+(?:a|an|the|our)?\s*(?:\w+\s+)?",
        r"(?:collaborative|collective|team|joint|group|cross-functional)\s+effort\b",
    ),
    pattern(
        r"\b(?:it|this|that)\s+was\s+(?:really\s+|truly\s+)?(?:a|all)\s+(?:\w+\s+)?team\s+effort\b"
    ),
    pattern(r"\b(?:the\s+)?credit\s+(?:goes|belongs)\s+to\s+(?:the|my|our)\s+team\b"),
    pattern(r"\b(?:joint|group|team|collective|shared|consensus)\s+(?:decision|call|effort)\b"),
    pattern(r"\bas\s+a\s+(?:group|team),?\s+we\b"),
    pattern(
        r"\b\w+\s+and\s+I\s+(?:\w+\s+){0,2}?(?:decided|chose|agreed|opted|landed on|came up with",
        r"|made the call|figured out)\b",
    ),
    pattern(
        r"\bI\s+(?:just\s+|mostly\s+|mainly\s+|only\s+)?(?:helped|supported|assisted",
        r"|contributed to|participated in|was involved in|was (?:just )?(?:a )?part of)\b",
        flags=0,
    ),
)


def team_credit(sentence: Sentence) -> list[Hit]:
    if i_drives(sentence):
        return []
    return [
        Hit("team-credit", s, e)
        for s, e in spans(sentence, _TEAM_CREDIT)
        if not negated(sentence, s, e)
    ]


_IMPERSONAL = (
    pattern(
        r"\b(?:it|this|that)\s+(?:was|had been|has been|is|got)\s+(?:\w+ly\s+)?",
        r"(?:decided|agreed|determined|concluded|felt|settled)\b",
    ),
    pattern(
        r"\b(?:a|the|that|this|our)\s+(?:final\s+)?(?:decision|call|choice)\s+",
        r"(?:was|had been|has been|got|were)\s+made\b(?!\s+by\s+me)",
    ),
    pattern(r"\bmistakes\s+were\s+made\b"),
)
_PASSIVE = pattern(
    r"(?<!\bI )\b(?:was|were|had been|has been|have been|got|being)\s+(?:\w+ly\s+)?",
    r"(?:decided|agreed|chosen|approved|prioriti[sz]ed|achieved|accomplished|delivered|executed"
    r"|implemented|improved|increased|boosted|grown|reduced|lifted|handled|greenlit|determined"
    r"|selected|made(?!\s+(?:up|aware|redundant)\b))\b",
)
_AGENT = pattern(r"^\s+by\s+(?!(?:the\s+|our\s+)?(?:team|us|everyone|committee|group)\b)[A-Za-z]")


def passive_voice(sentence: Sentence) -> list[Hit]:
    hits = [Hit("passive-voice", s, e) for s, e in spans(sentence, _IMPERSONAL)]
    if i_drives(sentence):
        return hits
    for match in _PASSIVE.finditer(sentence.body):
        s, e = sentence.start + match.start(), sentence.start + match.end()
        # A named agent ("by finance") describes someone else's act, not a hidden "I".
        if not _AGENT.search(sentence.after(e)) and not negated(sentence, s, e):
            hits.append(Hit("passive-voice", s, e))
    return hits


_HEDGES = (
    pattern(r"\bI\s+(?:think|believe|feel)\s+(?:that\s+)?(?:maybe|perhaps|probably|possibly)\b"),
    pattern(r"\bI\s+(?:think|believe|feel)\b(?=[^.!?\n]*\b(?:might|could|may)\b)"),
    pattern(r"\bI\s+(?:guess|suppose)\b|\bI\s+feel\s+like\b"),
    pattern(r"\b(?:maybe|perhaps|probably|possibly|hopefully|somewhat|arguably)\b"),
    pattern(r"\bI(?:['’]m|\s+am)\s+not\s+(?:\w+\s+)?sure\b"),
    pattern(r"\b(?:more or less|to some (?:extent|degree)|a little bit|I would say)\b"),
    pattern(r"\bin a way\b(?=\s*[,.;!?]|$)"),
)
_KIND_OF = pattern(r"\b(?:kind|sort)\s+of\b")
_NOUN_USE = pattern(
    r"\b(?:a|the|what|this|that|these|those|any|some|every|which|same|one|right|wrong"
    r"|different|new|exact|first|only|another|my|our|your|their|its|that's)\s+$"
)


def hedging(sentence: Sentence) -> list[Hit]:
    hits = [Hit("hedging", s, e) for s, e in spans(sentence, _HEDGES)]
    for match in _KIND_OF.finditer(sentence.body):
        s, e = sentence.start + match.start(), sentence.start + match.end()
        if not _NOUN_USE.search(sentence.before(s, 15)):
            hits.append(Hit("hedging", s, e))
    return hits


_ALL_DATA = (
    r"(?:all|more|complete|full|perfect|conclusive|better|enough|additional|further|the full"
    r"|a full|a complete|another|one more"
    r"|all the|all of the|the rest of the|more complete)"
)
_EVIDENCE = (
    r"(?:data|information|info|research|evidence|numbers|results|testing|analysis|facts"
    r"|picture|studies|signal)"
)
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


def waiting_for_data(sentence: Sentence) -> list[Hit]:
    return [
        Hit("waiting-for-data", s, e)
        for s, e in spans(sentence, _WAITING)
        if not negated(sentence, s, e)
    ]


SentenceDetector = Callable[[Sentence], list[Hit]]
DETECTORS: tuple[SentenceDetector, ...] = (
    seeking_permission,
    team_credit,
    passive_voice,
    framework,
    no_number,
    hedging,
    waiting_for_data,
)


def detect(text: str) -> list[Hit]:
    """Every rule on every sentence; vanity metrics also look one sentence ahead."""
    sentences = split_sentences(text)
    hits: list[Hit] = []
    for index, sentence in enumerate(sentences):
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        hits.extend(vanity_metric(sentence, following))
        for detector in DETECTORS:
            hits.extend(detector(sentence))
    return hits
