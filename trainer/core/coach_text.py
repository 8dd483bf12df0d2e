"""Reading an answer for the coach: sentences with offsets, and the context tests.

The rules ask the same questions about a phrase: is it denied ("I didn't wait for
approval"), is "I" driving the sentence ("the team I led"), is there a figure nearby.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

I = re.IGNORECASE  # noqa: E741 - a short flag name keeps the pattern tables readable


class Hit(NamedTuple):
    rule: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """One sentence of the text: `text` is the whole answer, [start, end) this sentence."""

    text: str
    start: int
    end: int

    @property
    def body(self) -> str:
        return self.text[self.start : self.end]

    def before(self, offset: int, chars: int = 60) -> str:
        """The sentence's text just before an absolute offset."""
        return self.text[max(self.start, offset - chars) : offset]

    def after(self, offset: int, chars: int = 40) -> str:
        return self.text[offset : min(self.end, offset + chars)]


_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|$)|\n")
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|vs|etc|approx|Mr|Ms|Mrs|Dr|Inc|U\.S)\.$", I)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets; a line break always ends one (bullets, notes)."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group() != "\n" and _ABBREVIATION.search(text[start : match.start() + 1]):
            continue
        end = match.start() if match.group() == "\n" else match.end()
        _append(sentences, text, start, end)
        start = match.end()
    _append(sentences, text, start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(text, start, end))


# "not" and "never" deny only the next few words ("I didn't wait for approval"), while
# "we won't know if it worked until the data is conclusive" still waits for the data.
_NEAR_NEGATION = re.compile(r"(?:n['’]t|\b(?:not|no|never))\s+(?:[^\s,;]+\s+){0,3}$", I)
_NEGATION = re.compile(
    # "skip-level" is a manager, not a denial: a hyphen does not end these words.
    r"\b(?:without|instead of|rather than|refused to|stop(?:ped)?|skip(?:ped)?|avoid(?:ed)?"
    r"|could have|could['’]ve|might have|ditch(?:ed)?)\b(?!-)",
    I,
)
_CLAUSE_BREAK = re.compile(r"[;:—–()]|,\s+(?:but|and|so|yet)\b|\bbut\b")
_NEGATED_AFTER = re.compile(
    r"^[^.,;]{0,25}?\b(?:(?:was|is|were|would be|would have been)\s+(?:not|never)\b"
    r"|(?:was|is|were)n['’]t\b)",
    I,
)


def negated(sentence: Sentence, start: int, end: int, extra: re.Pattern[str] | None = None) -> bool:
    """True when the phrase is denied: "I didn't wait for approval", "...wasn't an option"."""
    # Only the phrase's own clause: "it wasn't easy, but we managed" is not a denial.
    window = _CLAUSE_BREAK.split(sentence.before(start, 45))[-1]
    if _NEAR_NEGATION.search(window) or _NEGATION.search(window):
        return True
    if extra is not None and extra.search(window):
        return True
    return bool(_NEGATED_AFTER.search(sentence.after(end, 40)))


# Verbs after "I" that do not make the speaker the driver of the sentence.
_NOT_DRIVING = frozenset(
    (  # noqa: SIM905 - a word list reads better as words
        "think thought guess suppose feel felt hope hoped believe believed was am were wish"
        " wished helped supported assisted contributed participated tried wanted needed need"
        " could might should may must can didn don wasn couldn never just asked waited checked"
        " suggested recommended proposed know knew see saw also then really personally kind"
        " sort probably maybe"
    ).split()
)
_I_VERB = re.compile(
    r"\bI(?:['’](?:ve|d|ll)|\s+(?:would|will|had|have))?"
    r"(?:\s+(?:then|also|personally|quickly|immediately|eventually|finally|deliberately"
    r"|directly|single-handedly|alone|myself|just|still))*\s+(?P<verb>[a-z]+)\b(?!\s+it\s+an?\b)"
)
# "my manager and I decided" shares the credit rather than claiming it, while "I ran the
# launch and I decided" is two clauses: a person before "and I" shares it, and so does a
# name that opens the clause ("Maria and I", not "we launched in March and I").
PERSON = (
    r"(?:\b(?:manager|boss|director|VP|lead|CMO|CEO|GM|colleagues?|partner|team|analyst|he|she"
    r"|they)|(?:^|[,;:]\s*|\b(?:then|so|but|because|when|after)\s+)(?-i:[A-Z][a-z]+))"
)
_SHARED_SUBJECT = re.compile(PERSON + r"\s+and\s+$", I)
_MY_CALL = re.compile(
    r"\bmy\s+(?:decision|call|bet|idea|plan|proposal|insight|hypothesis)\b"
    r"|\b(?:decision|call|bet|idea)\s+(?:was|is)\s+mine\b",
    I,
)


def i_drives(sentence: Sentence) -> bool:
    """Does the sentence have "I" as the subject of an active verb ("the team I led")?"""
    body = sentence.body
    if _MY_CALL.search(body):
        return True
    return any(
        m.group("verb") not in _NOT_DRIVING and not _SHARED_SUBJECT.search(body[: m.start()])
        for m in _I_VERB.finditer(body)
    )


_NUMBER = re.compile(
    r"(?<![A-Za-z\d])(?!(?<!\$)(?:19|20)\d\d(?![\d%]))\d"
    r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|half|twice"
    r"|doubled|tripled|quadrupled|halved|percent|dozen|zero)\b"
    r"|\b(?:by|to|from)\s+[XYN]\b|\b[XYN]%",
    I,
)


def has_number(text: str) -> bool:
    """A figure (not a year or a quarter): 10%, $2M, 3x, "doubled", "twenty"."""
    return bool(_NUMBER.search(text))


def spans(sentence: Sentence, patterns: tuple[re.Pattern[str], ...]) -> Iterator[tuple[int, int]]:
    """Absolute (start, end) of every match of every pattern in the sentence."""
    for pattern in patterns:
        for match in pattern.finditer(sentence.body):
            yield sentence.start + match.start(), sentence.start + match.end()


def pattern(*parts: str, flags: int = I) -> re.Pattern[str]:
    """One regex from pieces (shared alternations are spliced in), case-blind by default."""
    return re.compile("".join(parts), flags)


# Rules name verbs by their lemma; `verbs()` spells out the inflections, so "approve"
# also finds "approves", "approved" and "approving". Irregular pasts are listed here.
_IRREGULAR = {
    "bring": "brought",
    "build": "built",
    "choose": "chose chosen",
    "come": "came",
    "do": "did done",
    "drive": "drove driven",
    "fall": "fell fallen",
    "find": "found",
    "get": "got gotten",
    "give": "gave given",
    "go": "went gone",
    "grow": "grew grown",
    "hold": "held",
    "keep": "kept",
    "lead": "led",
    "leave": "left",
    "make": "made",
    "put": "put",
    "rise": "rose risen",
    "run": "ran",
    "say": "said",
    "see": "saw seen",
    "send": "sent",
    "set": "set",
    "shut": "shut",
    "sit": "sat",
    "take": "took taken",
    "tell": "told",
    "think": "thought",
    "win": "won",
    "write": "wrote written",
}


def _inflections(lemma: str, past: bool = False) -> set[str]:
    *head, last = lemma.split(" ")  # "sign off": inflect the verb, keep the particle
    verb, rest = (head[0], " ".join([*head[1:], last])) if head else (last, "")
    if past:
        doubled = verb + verb[-1]
        forms = {verb + "d" if verb.endswith("e") else verb + "ed", doubled + "ed"}
        if verb.endswith("y") and verb[-2:-1] not in "aeiou":
            forms = {verb[:-1] + "ied"}
    elif verb.endswith("e"):
        forms = {verb, verb + "s", verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        forms = {verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    else:
        plural = verb + ("es" if verb.endswith(("s", "x", "ch", "sh", "o")) else "s")
        doubled = verb + verb[-1]  # "stop" -> "stopped": harmless when it does not apply
        forms = {verb, plural, verb + "ed", verb + "ing", doubled + "ed", doubled + "ing"}
    forms |= set(_IRREGULAR.get(verb, "").split())
    if past and verb in _IRREGULAR:  # "put", "set": the base is the past too
        forms = set(_IRREGULAR[verb].split()) | (
            {verb} if verb in ("put", "set", "shut") else set()
        )
    return {f"{form} {rest}".strip() for form in forms}


def verbs(*lemmas: str, past: bool = False) -> str:
    """A regex matching every form of the verbs ("approve" -> approve|approves|approved|...).

    The forms are merged into a trie (appro(?:v(?:e[ds]?|ing))) because a flat alternation
    of hundreds of words is retried at every position of every sentence, and is slow.
    """
    trie: dict[str, dict] = {}
    for form in set().union(*(_inflections(lemma, past) for lemma in lemmas)):
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    ends = "" in node
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body
