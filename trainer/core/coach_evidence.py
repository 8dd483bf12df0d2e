"""The coach's rules on evidence: a framework instead of the friction, vanity metrics,
and outcomes with no number.
"""

from __future__ import annotations

from trainer.core.coach_text import Hit, I, Sentence, has_number, negated, pattern, spans

_FRAMEWORKS = (
    pattern(r"\bSWOT\b"),
    # "(?!\.\s?m)": "4 p.m." is a time of day, not the 4 Ps.
    pattern(r"\b(?:4|four|7|seven)\s?P['’]?s?\b(?![-\w]|\.\s?m\b)", flags=0),
    pattern(r"\b(?:4|four|7|seven)[ -]P['’]?s?\b(?![-\w]|\.\s?m\b)", flags=I),
    pattern(r"\bmarketing mix\b"),
    pattern(r"\b(?:Porter['’]?s\s+)?(?:5|five)\s+forces\b"),
    pattern(r"\bPEST(?:LE|EL)?\b", flags=0),
    pattern(r"\b(?:BCG|growth[- ]share)\s+matrix\b"),
    pattern(r"\bAnsoff(?:\s+matrix)?\b"),
    pattern(r"\b(?:AIDA|STP|RACI|AARRR|MoSCoW|CIRCLES)\b", flags=0),
    pattern(r"\b(?:3|three)\s?C['’]?s\b(?![-\w])"),
    pattern(r"\b(?:value proposition|business model|lean)\s+canvas\b"),
    pattern(r"\b(?:Kano model|McKinsey 7S|7S framework|pirate metrics|golden circle)\b"),
    pattern(r"\bRICE\s+(?:score|scoring|framework|model)\b", flags=0),
    pattern(
        r"\b(?:use|using|used|apply|applying|applied|follow|following|run through|start with"
        r"|walk through|lean on|rely on)\s+(?:a|the|my|our|some|standard|classic|generic"
        r"|structured)\s+(?:[\w-]+\s+){0,2}framework\b"
    ),
)
_FRAMEWORK_DENIAL = pattern(
    r"\b(?:forget|beyond|ditch\w*|skip|junior|generic|killed|scrapped|dropped|binned"
    r"|cancell?ed|replaced|threw out)\b"
    r"|\bover\s+(?:\w+\s+)?$"
)


def framework(sentence: Sentence) -> list[Hit]:
    return [
        Hit("framework", s, e)
        for s, e in spans(sentence, _FRAMEWORKS)
        if not negated(sentence, s, e, _FRAMEWORK_DENIAL)
    ]


_VANITY = (
    pattern(r"(?<!first )\bimpressions\b"),
    pattern(r"\b(?:buzz|hype|virality|eyeballs)\b|\bwent viral\b"),
    pattern(r"(?<!self-)(?<!situational )\b(?:brand\s+|aided\s+|unaided\s+)?awareness\b"),
    pattern(
        r"\b(?:the|our|its|their|total|organic|paid|social|campaign|media|broad|broader|wider"
        r"|massive|huge|audience|global|potential|expanded|extended|increased|maximum|more"
        r"|greater|boosted)\s+reach\b(?!\s+(?:out|the|a|an|to)\b)"
    ),
    pattern(r"\breach\s+of\b"),
    pattern(
        r"\breached\s+(?:over\s+|more than\s+|nearly\s+|almost\s+|about\s+)?[\d.,]+\s*",
        r"(?:[kKmM]\b|million|thousand|billion)?\s*",
        r"(?:people|users|viewers|consumers|fans|accounts)",
    ),
    pattern(
        r"(?:\d[\d.,]*\s*[kKmM]?|\bmillion|\bthousand|\bhundred|\bof|\bmore|\bmany|\bsocial|\bpage|\bpost|\bInstagram|\bFacebook"
        r"|\bTikTok|\bYouTube|\bTwitter)\s+likes\b"
    ),
    pattern(
        r"\blikes(?:\s*,\s*|\s+and\s+|\s*&\s*|\s*/\s*)(?:shares|comments|retweets|saves|follows)\b"
    ),
    pattern(r"\b(?:followers|retweets|follower (?:count|growth))\b"),
    pattern(r"\bsocial\s+shares\b"),
    pattern(r"\b(?:page|video|trailer|YouTube|social)\s+views\b"),
    pattern(r"\d[\d.,]*\s*(?:[kKmM]|million|thousand)?\s+(?:visits|visitors|articles)\b"),
    pattern(r"\bshared\s+[\d.,]+\s*(?:[kKmM]|million|thousand)?\s+times\b"),
    pattern(r"\d[\d.,]*\s*(?:[kKmMbB]|million|thousand|billion)?\s+views\b"),
    pattern(r"\b(?:millions|thousands|hundreds|tons|lots)\s+of\s+(?:views|likes|shares|clicks)\b"),
    pattern(
        r"\b(?:drove|drive|driving|generated|generating|got|getting|record|tons of|lots of)\s+",
        r"(?:\w+\s+){0,2}(?:clicks|traffic)\b",
    ),
    pattern(r"\b(?:site|web|website|organic|social|blog)\s+traffic\b"),
    pattern(r"\b(?:share of voice|earned media|(?:press|media|PR|news) coverage|open rates?)\b"),
    pattern(r"\b(?:press|social|media|brand)\s+mentions\b"),
    pattern(r"\b(?:social(?: media)? engagement|engagement rates?)\b"),
    pattern(r"\bengagement\s+on\s+(?:social|Instagram|TikTok|YouTube|Twitter|X|Facebook)\b"),
    pattern(r"\btrend(?:ed|ing)\s+(?:on|in)\s+(?:Twitter|X|TikTok|social)\b"),
    pattern(r"\b(?:hashtag|it|we|the \w+)\s+trended\b"),
    pattern(r"\b(?:a\s+)?(?:tons? of|lots of|a lot of|great|positive|massive|huge)\s+press\b"),
)
_BUSINESS_VALUE = pattern(
    r"\b(?:revenue|ARPU|retention|retained|churn|conversions?|convert(?:ed|ing)?|paid(?! off)"
    r"|paying|subscribers?|subscriptions?|sign[- ]?ups?|trials?|purchases?|sales|bookings|LTV"
    r"|lifetime value|margins?|profits?|ROI|CAC|payback|ARR|MRR|upgrades?|renewals?|activation"
    r"|pipeline|cost per|members?|cancel\w*|vanity)\b"
)
_OUTCOME_CONTEXT = pattern(
    r"\d|\b(?:trend\w*|viral|increas\w*|grew|grow\w*|drove|driv\w*|generat\w*|got|reach\w*|hit|deliver\w*"
    r"|boost\w*|lift\w*|earn\w*|rack\w*|rose|ris\w*|doubl\w*|tripl\w*|spik\w*|jump\w*|climb\w*"
    r"|surg\w*|soar\w*|won|gain\w*|built|creat\w*|huge|massive|record|big|great|strong|high"
    r"|impressive|up|success\w*|results?|proud|million|tons|lots|went)\b"
)
# "retention over reach" sets reach aside; "got over a million likes" counts them.
_VANITY_DENIAL = pattern(
    r"(?<!\bgot\s)(?<!\bhit\s)(?<!\bhad\s)\bover\s+(?!an?\s)(?:\w+\s+)?$",
    r"|\b(?:ignor\w*|beyond|instead|dropp\w*|vanity)\b",
)


def vanity_metric(sentence: Sentence, following: Sentence | None) -> list[Hit]:
    body = sentence.body
    if _BUSINESS_VALUE.search(body) or not _OUTCOME_CONTEXT.search(body):
        return []
    if following is not None and _BUSINESS_VALUE.search(following.body):
        return []
    return [
        Hit("vanity-metric", s, e)
        for s, e in spans(sentence, _VANITY)
        if not negated(sentence, s, e, _VANITY_DENIAL)
    ]


_METRIC = pattern(
    r"\b(?:sign[- ]?ups?|conversions?|revenue|retention|churn|sales|engagement|traffic|ARPU"
    r"|subscribers?|subscriptions?|members(?:hip)?|growth|adoption|usage|NPS|CTR|rates?|numbers"
    r"|metrics?|performance|results|margins?|profits?|bookings|trials?|installs|downloads"
    r"|activation|awareness|impressions|reach|watch time|hours|viewing|satisfaction|pipeline"
    r"|leads|ROI|CAC|LTV|costs?|spend|efficiency|share|KPIs?|business|funnel|cancellations"
    r"|upgrades|renewals|time to \w+|drop-off|completion)\b"
)
# Verbs that report an outcome on their own ("sign-ups grew") ...
_ROSE = (
    r"(?:grew(?!\s+up)|rose|fell|declined|jumped|climbed|spiked|soared|surged|skyrocketed"
    r"|plummeted|tanked|went up|went down|underperformed|outperformed|fell short|exploded"
    r"|took off|blew up)"
)
# ... and verbs that are also plain actions ("I improved the flow", "I dropped the feature").
_MOVED = (
    r"(?:improved|increased|boosted|lifted|reduced|decreased|dropped|picked up|got better"
    r"|got worse|(?:was|were)\s+(?:way\s+|nicely\s+|sharply\s+|well\s+)?(?:up|down)"
    r"|(?:managed|were able|was able|helped)\s+(?:to\s+)?(?:grow|increase|improve|boost|lift"
    r"|reduce|raise|cut))"
)
_VAGUE_MOVE = pattern(
    r"\b(?:it|this|that|things|everything|results|numbers|metrics|performance|kpis)\s+"
    r"(?:(?:really|also|quickly|clearly|definitely)\s+)?",
    _MOVED,
    r"\b",
)
_ROSE_MOVE = pattern(r"\b", _ROSE, r"\b")
_MOVE = pattern(r"\b", _MOVED, r"\b")
_VAGUE_RESULT = (
    pattern(
        r"\b(?:significant|big|huge|major|massive|noticeable|nice|solid|strong|dramatic|real"
        r"|measurable|meaningful|substantial|great|good|positive|amazing|excellent|better"
        r"|incredible|fantastic|impressive|promising|modest|slight|sharp|healthy|decent|clear"
        r"|visible|notable)\s+",
        r"(?:increase|improvement|uplift|lift|growth|boost|gains?|decline|drop|reduction|jump"
        r"|spike|bump|surge|difference"
        r"|impact|effect|results?|outcomes?|success|win)\b",
    ),
    pattern(
        r"\b(?:significantly|dramatically|substantially|massively|greatly|considerably|hugely"
        r"|meaningfully|noticeably|materially)\b"
    ),
    pattern(
        r"\b(?:was|were)\s+(?:a\s+)?(?:huge\s+|big\s+|great\s+|real\s+|massive\s+)?",
        r"(?:success(?:ful)?|win|hit)\b",
    ),
    pattern(
        r"\b(?:a lot|much|way|far)\s+(?:more|better|higher|lower|fewer|less|faster)\b",
        r"(?!\s+(?:information|data|research|time|work|evidence)\b)",
    ),
    pattern(
        r"\b(?:paid off|moved the needle|exceeded expectations|well[- ](?:received|liked)"
        r"|through the roof|off the charts|turnaround|turned (?:it|things) around)\b"
    ),
    pattern(
        r"\b(?:worked|performed|did|went|landed)\s+(?:out\s+)?(?:really\s+|very\s+|extremely\s+)?",
        r"(?:well|great|brilliantly|smoothly)\b",
    ),
    # Praise stands in for the figure: "the feedback was fantastic", "people loved it".
    pattern(
        r"\b(?:feedback|response|reception|reaction|reviews?)\b(?:\s+[\w-]+){0,3}?\s+",
        r"(?:was|were|has been|is)\s+(?:\w+\s+)?(?:great|fantastic|amazing|positive|excellent",
        r"|brilliant|incredible|overwhelming|glowing|good|phenomenal)\b",
    ),
    pattern(
        r"\b\w+\s+(?:really\s+|absolutely\s+)?(?:loved|liked|enjoyed|praised)\s+",
        r"(?:it|them|the|our|my)\b",
    ),
    pattern(
        r"\b\w+\s+",
        r"(?:was|were)\s+(?:very\s+|really\s+|super\s+)?(?:satisfied|happy|thrilled|pleased",
        r"|impressed|delighted)\b",
    ),
    pattern(r"\bresults?\s+(?:was|were)\s+(?:very\s+|really\s+)?(?:good|great|positive|strong)\b"),
    pattern(
        r"\b(?:tons?|lots|a lot|loads)\s+of\s+(?:great|positive|good|amazing)\s+",
        r"(?:comments|feedback|reviews|reactions)\b",
    ),
    pattern(
        r"\b(?:went|came|moved|go|goes|going)\s+(?:up|down)\s+(?:quite\s+a\s+bit|a\s+lot|nicely)\b"
        r"|\bin\s+the\s+right\s+direction\b"
    ),
    pattern(
        r"\b(?:increas|grow|grew|improv|decreas|reduc|declin)\w*\s+(?:quite\s+)?(?:a\s+lot",
        r"|a\s+bit|quite\s+a\s+bit)\b",
    ),
    pattern(
        r"\b(?:responded|reacted)\s+(?:\w+\s+)?(?:positively|well|enthusiastically|warmly",
        r"|with enthusiasm)\b",
    ),
    pattern(
        r"\b(?:a lot of|lots of|tons of|real|huge|great|so much)\s+(?:excitement|enthusiasm",
        r"|energy|momentum|interest|noise)\b",
    ),
    pattern(r"\blooked\s+(?:much\s+|a lot\s+|way\s+)?(?:healthier|better|stronger)\b"),
    pattern(r"\b(?:crushed it|nailed it|smashed it|knocked it out of the park)\b"),
    pattern(
        r"\b(?:saw|seen|watched)\s+(?:[\w-]+\s+){1,3}?(?:improve|increase|grow|rise|drop|fall"
        r"|go up|go down|climb|jump|take off)\b"
    ),
    pattern(
        r"\b(?:hit|exceeded|beat|missed)\s+(?:all\s+)?(?:our|the|its|my|their)\s+(?:\w+\s+)?",
        r"(?:targets?|goals?|numbers|KPIs?|forecast|plan)\b",
    ),
)
# Goals and conditions ("to lift retention", "if churn rose") are not claimed outcomes.
_HYPOTHETICAL = pattern(
    r"\b(?:if|whether|unless|would|could|might|hoped?|expect(?:ed)?|predicted|assumed"
    r"|hypothesis|goal was|aim was|target was)\b"
)
_ADJECTIVE_USE = pattern(r"\b(?:a|an|the|our|my|this|its|their|with|for)\s+$")


def no_number(sentence: Sentence) -> list[Hit]:
    body = sentence.body
    if has_number(body):
        return []
    hits: list[Hit] = []
    for vague in (_VAGUE_MOVE, _ROSE_MOVE, *_VAGUE_RESULT):
        for match in vague.finditer(body):
            s, e = sentence.start + match.start(), sentence.start + match.end()
            if not _HYPOTHETICAL.search(_own_clause(sentence.before(s, 50))):
                hits.append(Hit("no-number", s, e))
    for match in _MOVE.finditer(body):
        s, e = sentence.start + match.start(), sentence.start + match.end()
        near = sentence.before(s, 60) + sentence.after(e, 60)
        if (
            _METRIC.search(near)
            and not _ADJECTIVE_USE.search(sentence.before(s, 12))
            and not _HYPOTHETICAL.search(_own_clause(sentence.before(s, 50)))
        ):
            hits.append(Hit("no-number", s, e))
    return hits


def _own_clause(before: str) -> str:
    """The text before a phrase back to the last comma: "if" must govern this clause."""
    return before.rsplit(",", 1)[-1]
