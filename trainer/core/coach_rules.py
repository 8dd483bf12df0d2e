"""The coach's rules on how a story is told: credit, voice, hedges; and the list of all.

Each detector reads one sentence and returns `Hit`s; `coach.py` adds the why and the
fix. Patterns stay narrow and check their context first: a coach that cries wolf is
ignored. The rules on evidence (numbers, metrics, frameworks) are in `coach_evidence.py`.
"""

from __future__ import annotations

from collections.abc import Callable

from trainer.core.coach_deferral import seeking_permission
from trainer.core.coach_evidence import framework, no_number, vanity_metric
from trainer.core.coach_ownership import fishing_for_preference, passenger_excuse
from trainer.core.coach_text import (
    PERSON,
    Hit,
    Sentence,
    i_drives,
    negated,
    pattern,
    spans,
    split_sentences,
    verbs,
)
from trainer.core.coach_waiting import waiting_for_data

_CREDIT_VERB = (
    r"(?:managed(?: to)?|(?:were|was) able(?: to)?|achieved|succeeded|pulled off|decided|chose"
    r"|opted|agreed|came up with|figured out|increased|grew|boosted|improved|drove|lifted"
    r"|exceeded|delivered|doubled|tripled|hit(?!\s+an?\b)|made the call|went with|nailed"
    r"|ended up (?:going with|choosing|picking|deciding|with))\b"
)
# A group as the subject of the acts that won ("the squad landed on a simpler checkout").
_GROUP = (
    r"(?:\b(?:together,?\s+)?we|\b(?:the|our|my)\s+(?:whole\s+|entire\s+)?(?:[\w-]+\s+){0,3}?(?:team|teams|squad"
    r"|group|org|organi[sz]ation|department|colleagues|crew|analysts|engineers|designers"
    r"|researchers|data scientists)(?:\s+(?:leads|members|mates))?"
    r"(?:\s+from\s+(?:the\s+)?\w+)?|\beveryone|\beverybody|\ball of us|\bpeople)"
)
_GROUP_ACT = verbs(
    "decide",
    "choose",
    "pick",
    "opt",
    "agree",
    "land on",
    "come up with",
    "figure out",
    "rebuild",
    "ship",
    "push",
    "deliver",
    "pull off",
    "turn around",
    "rally",
    "chip in",
    "pull together",
    "come together",
    "work hand in hand",
    "make the decision",
    "own",
    "do the heavy lifting",
    "do everything right",
    "do a very good job",
    "do a good job",
    "realize",
    "realise",
    "go for it",
    "achieve",
    "nail",
    "crack",
    "solve",
    "turn",
    "carry",
    "build",
    "do most of the work",
    "do the work",
    "do all the work",
    past=True,  # "before we decide" is a plan; credit is claimed for what was done
)
_GIVEAWAY = (
    pattern(
        _GROUP,
        r"(?:\s+(?:all|together|really|just|honestly|then|also|collectively|kind of|sort of"
        r"|has|have|had))*\s+",
        r"(?:",
        _GROUP_ACT,
        r"|(?!(?:needed|wanted|tried|used|seemed|looked|faced|struggled|failed|missed|started",
        r"|noticed|learned|realized|expected|hoped|wished|asked|waited|planned|decided)\b)",
        # "we picked up 200,000 followers" is an outcome, not a choice
        r"[a-z]{3,}ed)\b(?!\s+up\b)",
    ),
    pattern(
        r"\b(?:a|the)\s+(?:\w+\s+){0,2}?(?:group|team|collective|joint|shared|collaborative)\s+",
        r"(?:thing|win|effort|success"
        r"|victory|achievement)\b",
    ),
    pattern(r"\bshout[- ]?out\s+to\b"),
    pattern(
        r"\bwithout\s+(?:them|the\s+team|my\s+team|the\s+[\w-]+\s+(?:team|folks|people|guys))\b",
        r"[^.;]{0,30}?\b(?:none|nothing|never|wouldn['’]t|couldn['’]t|would not|could not)\b",
    ),
    pattern(r"\bcredit\s+(?:goes|belongs|is due)\s+to\b|\bnot\s+(?:just|only)\s+me\b"),
    pattern(
        r"\bthanks\s+to\s+(?:all\s+)?(?:the\s+(?:whole\s+)?team|everyone|everybody|all of us)\b"
    ),
    pattern(r"\b(?:everybody|everyone)['’]s\s+(?:effort|work|win|success)\b"),
    pattern(
        r"\b(?:came|comes|come)\s+from\s+(?:the\s+|our\s+|my\s+)?(?:whole\s+|entire\s+)?",
        r"(?:[\w-]+\s+){0,2}?(?:team|org|organi[sz]ation|everyone|everybody|squad|group)\b",
    ),
    pattern(r"\b(?:org|organi[sz]ation|team|company|everyone)['’]s\s+(?:win|success)\b"),
    pattern(r"\bcollective\s+win\b|\bcan['’]t\s+take\s+(?:the\s+)?credit\b"),
    pattern(r"\b(?:credit|kudos)\s+to\s+(?:the|my|our)\b|\ball\s+of\s+us\b"),
    pattern(r"\b(?:happy|proud|lucky|glad)\s+to\s+(?:be\s+(?:a\s+)?part\s+of|have)\b"),
    pattern(r"\bstay(?:ed)?\s+out\s+of\s+their\s+way\b"),
)
_TEAM_CREDIT = (
    *_GIVEAWAY,
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
        PERSON,
        r"\s+and\s+I\s+(?:\w+\s+){0,2}?(?:made the call|",
        _GROUP_ACT,
        r")\b",
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
        r"(?:was|had been|has been|got|were)\s+(?:made|taken|reached)\b(?!\s+by\s+me)",
    ),
    pattern(r"\bmistakes\s+were\s+made\b"),
)
_PASSIVE = pattern(
    r"(?<!\bI )\b(?:was|were|had been|has been|have been|got|being)\s+(?:\w+ly\s+)?",
    r"(?:decided|agreed|chosen|approved|prioriti[sz]ed|achieved|accomplished|delivered|executed"
    r"|implemented|improved|increased|boosted|grown|reduced|lifted|handled|greenlit|determined"
    r"|selected|removed|shortened|lengthened|lowered|raised|shifted|moved|cut|dropped|killed"
    r"|paused|scrapped|rewritten|commissioned|redesigned|reworked|reallocated|carried out"
    r"|changed|updated|simplified|introduced|adjusted|restructured|tweaked"
    r"|made(?!\s+(?:up|aware|redundant)\b))\b",
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
    # "I think the price was the issue": an opinion verb over a claim, not "I think about".
    pattern(
        r"\bI(?:['’]m|\s+am)?\s+(?:think|believe|suspect|reckon|thinking|feel)\b(?:\s+that\b)?",
        r"(?=\s+(?:the|it|this|that|we|our|they|there|a|an|people|members|price|churn)\b)",
    ),
    pattern(r"\bit\s+seems\s+(?:to\s+me\s+)?(?:that|like)\b|\bit\s+seems\s+to\s+me\b"),
    pattern(r"\bmy\s+(?:sense|read|guess|hunch|gut feeling)\s+(?:is|was)\b"),
    pattern(r"\bpresumably\b|\bit(?:['’]s|\s+is)\s+possible\s+that\b|\bI['’]d\s+say\b"),
    pattern(r"\bnot\s+(?:a\s+hundred|100)\s*(?:percent|%)"),
    pattern(r",\s*I\s+(?:think|guess|believe|suppose)\s*[.!?]?$"),
    pattern(r"\bin\s+my\s+(?:opinion|view)\b|\bit\s+(?:might|may|could)\s+(?:have\s+been|be)\b"),
    pattern(r"\bI\s+(?:think|believe|feel)\b(?=[^.!?\n]*\b(?:might|could|may)\b)"),
    pattern(r"\bI\s+(?:guess|suppose)\b|\bI\s+feel\s+like\b"),
    pattern(r"\bI(?:['’]d|\s+would)\s+(?:guess|imagine|assume)\b"),
    pattern(r"\b(?:maybe|perhaps|probably|possibly|hopefully|somewhat|arguably)\b"),
    pattern(r"\bI(?:['’]m|\s+am)\s+not\s+(?:\w+\s+)?(?:sure|certain)\b"),
    pattern(r"\b(?:fairly|pretty|reasonably|quite|somewhat)\s+(?:confident|sure|certain)\b"),
    pattern(r"\b(?:more or less|to some (?:extent|degree)|a little bit|I would say)\b"),
    pattern(r"\bin a way\b(?=\s*[,.;!?]|$)"),
)
_KIND_OF = pattern(r"\b(?:kind|sort)\s+of\b")
_NOUN_USE = pattern(
    r"\b(?:a|the|what|this|that|these|those|any|some|every|which|same|one|right|wrong"
    r"|different|new|exact|first|only|another|my|our|your|their|its|that's)\s+$"
)


# "maybe a 1% lift" sizes an estimate; the decision around it can still be firm.
_ESTIMATE = pattern(
    r"^\s+(?:[\w-]+\s+){0,3}?(?:an?\s+)?(?:\$?\d|half\b|a\s+(?:point|third|quarter)\b)"
)
_ADVERB_HEDGE = pattern(r"^(?:maybe|perhaps|probably|possibly)$")


def hedging(sentence: Sentence) -> list[Hit]:
    hits = [
        Hit("hedging", s, e)
        for s, e in spans(sentence, _HEDGES)
        if not (_ADVERB_HEDGE.match(sentence.text[s:e]) and _ESTIMATE.search(sentence.after(e, 40)))
    ]
    for match in _KIND_OF.finditer(sentence.body):
        s, e = sentence.start + match.start(), sentence.start + match.end()
        if not _NOUN_USE.search(sentence.before(s, 15)):
            hits.append(Hit("hedging", s, e))
    return hits


SentenceDetector = Callable[[Sentence], list[Hit]]
DETECTORS: tuple[SentenceDetector, ...] = (
    seeking_permission,
    team_credit,
    passive_voice,
    framework,
    no_number,
    hedging,
    waiting_for_data,
    fishing_for_preference,
)


def detect(text: str) -> list[Hit]:
    """Every rule on every sentence; vanity metrics look one sentence ahead, excuses to the
    end (a recovery may follow)."""
    sentences = split_sentences(text)
    # acts_after[i]: does "I" drive any sentence after the i-th? (one pass, from the end)
    acts_after = [False] * len(sentences)
    for index in range(len(sentences) - 2, -1, -1):
        acts_after[index] = acts_after[index + 1] or i_drives(sentences[index + 1])
    hits: list[Hit] = []
    for index, sentence in enumerate(sentences):
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        hits.extend(vanity_metric(sentence, following))
        hits.extend(passenger_excuse(sentence, acts_after[index]))
        for detector in DETECTORS:
            hits.extend(detector(sentence))
    return hits
