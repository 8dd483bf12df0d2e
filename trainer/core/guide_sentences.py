"""Reading inside a paragraph or list item: the sentences that ask a question, that say
"not this, but that", or that give advice, and the words a tip's front may show.

Works on grammar words (articles, pronouns, the opening of a contrast), never on a list of
topics, so a guide about any job reads the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from trainer.core.guide_blocks import STRONG_LABELS, Block, split_label, split_sentences, unquote

_QUOTED = r"\"[^\"]+\"|“[^”]+”"
_NAME_PREFIX = re.compile(r"^(?P<name>[A-Z][\w'’ -]{0,40}?):\s+(?P<rest>.+)$")
_INSTEAD = re.compile(
    rf"^(?:instead of|rather than)\s+(?:saying\s+)?(?P<weak>{_QUOTED}|[^,]+?),\s*(?P<strong>.+)$",
    re.IGNORECASE,
)
_SWAP = re.compile(
    rf"^(?:swap|replace)\s+(?P<weak>{_QUOTED})\s+(?:for|with)\s+(?P<strong>.+)$", re.IGNORECASE
)
_NOT_THIS = re.compile(r"^(?:avoid|don['’]t|do not|never)\b", re.IGNORECASE)
_SAY_QUOTE = re.compile(
    rf"^(?:avoid|don['’]t say|do not say|never say)\s+(?P<weak>{_QUOTED})$", re.I
)
_CLAUSE_BREAK = re.compile(r";\s+|\s[—–]\s")
_SAY_VERB = re.compile(r"^(?:say|try saying|try|answer with)\s*:?\s*(?=[\"“])", re.IGNORECASE)
_EMPHATIC_DO = re.compile(r"^(?:do|instead,?)\s+(?=[a-z])", re.IGNORECASE)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that open a statement rather than an instruction ("The loop...", "You will...").
NOT_A_VERB = _word_set(
    "a an the this that these those it its i my we our you your they their he she his her"
    " there here most many some all each every any no one if when while because as in on at"
    " for from of to with by after before during since so but and or not also often usually"
    " what why how who which where"
)
# What follows an instruction's verb: its object or a particle ("Read the...", "Write down").
_AFTER_VERB = _word_set(
    "a an the this that these those it its your my our their them him her one two three four"
    " five every each some any all what how why who which where whether if out up down off"
    " about through for with to by on in back"
)
_BREAK = re.compile(r"\s*(?:—|–|\s-\s|:|\(|,|;|\s(?:to|by|so|where|when|focusing|rather)\s)")
_NAMED_TIP = re.compile(
    r"^(?:\*\*|__)?(?P<name>[^*_:.?!]{2,60}?)(?:[.:]\s*(?:\*\*|__)|(?:\*\*|__)?:)\s+\S"
)


@dataclass(frozen=True)
class Contrast:
    """A weak way of saying or doing something and the strong one a guide puts instead.

    `quoted` is True when the weak side is a quoted answer rather than an action."""

    weak: str
    strong: str
    name: str
    quoted: bool


def is_instruction(sentence: str) -> bool:
    """True for a sentence that opens with a verb telling the reader what to do."""
    words = re.findall(r"[\w'’-]+", sentence.lower())
    if len(words) < 2 or words[0] in NOT_A_VERB or not sentence[:1].isupper():
        return False
    return words[1] in _AFTER_VERB or words[1].isdigit()


def _strong_side(text: str) -> str:
    """The strong side as the guide puts it: "Do give them..." -> "Give them...",
    'say "X"' -> "X", a trailing "instead" dropped."""
    text = re.sub(r"\s+instead$", "", text.strip().rstrip(".!;"), flags=re.IGNORECASE)
    if emphatic := _EMPHATIC_DO.match(text):
        text = text[emphatic.end() :]
        text = text[:1].upper() + text[1:]
    return unquote(_SAY_VERB.sub("", text))


def _instructs(clause: str) -> bool:
    clause = clause.strip()
    return bool(_EMPHATIC_DO.match(clause)) or is_instruction(clause[:1].upper() + clause[1:])


def contrast_at(sentences: list[str], index: int) -> tuple[Contrast, int] | None:
    """The contrast opening at sentences[index] and the index of its last sentence."""
    sentence = sentences[index].strip()
    name = ""
    if (named := _NAME_PREFIX.match(sentence)) and len(named.group("name").split()) <= 4:
        name, sentence = named.group("name"), named.group("rest")
    body = sentence.rstrip(".!")
    for pattern in (_INSTEAD, _SWAP):
        if match := pattern.match(body):
            weak = match.group("weak").strip()
            strong = _strong_side(match.group("strong"))
            quoted = unquote(weak) != weak
            return Contrast(unquote(weak), strong, name, quoted), index
    if _NOT_THIS.match(body):
        parts = _CLAUSE_BREAK.split(body, maxsplit=1)
        if len(parts) == 2 and _instructs(parts[1]):
            weak, strong = parts
            said = _SAY_QUOTE.match(weak.strip())
            weak = unquote(said.group("weak")) if said else weak.strip()
            return Contrast(weak, _strong_side(strong), name, bool(said)), index
        if index + 1 < len(sentences) and _instructs(sentences[index + 1]):
            said = _SAY_QUOTE.match(body)
            weak = unquote(said.group("weak")) if said else body
            return Contrast(weak, _strong_side(sentences[index + 1]), name, bool(said)), index + 1
    # "A common mistake is X. Better: Y." -- the next sentence names the strong side.
    if index + 1 < len(sentences):
        label, rest = split_label(sentences[index + 1].strip())
        if label in STRONG_LABELS and rest:
            quoted = unquote(body) != body
            return Contrast(unquote(body), _strong_side(rest), name, quoted), index + 1
    return None


def question_at(sentences: list[str], index: int) -> bool:
    """True for a sentence that asks the reader something (not a quoted question)."""
    sentence = sentences[index].strip()
    return sentence.endswith("?") and len(sentence.split()) >= 3


def tip_cue(tip: str) -> str:
    """The opening words of a tip, to prompt recall of the rest: its name ("**Lead.**",
    "Lead: rest"), else the words before a natural break within the first third of its
    first sentence, else that first third. Never the whole first sentence."""
    if (named := _NAMED_TIP.match(tip)) and len(named.group("name").split()) <= 6:
        return named.group("name").strip()
    first = (split_sentences(tip) or [tip])[0]
    words = first.split()
    if len(words) < 2:
        return ""
    match = _BREAK.search(first)
    if match:
        before = first[: match.start()].split()
        if 2 <= len(before) <= len(words) // 3:
            return " ".join(before)
    return " ".join(words[: max(1, len(words) // 3)])


def sentence_lines(block: Block) -> list[tuple[str, int, int]]:
    """Each sentence of an unlabelled block with the first and last line it spans."""
    starts: list[tuple[int, int]] = []  # (offset in block.text, line number)
    offset = 0
    for number, content in enumerate(block.lines, start=block.first):
        if content:
            starts.append((offset, number))
            offset += len(content) + 1
    found = []
    position = 0
    for sentence in split_sentences(block.text):
        begin = block.text.find(sentence, position)
        end = begin + len(sentence) - 1
        position = end + 1
        first = max((line for start, line in starts if start <= begin), default=block.first)
        last = max((line for start, line in starts if start <= end), default=block.first)
        found.append((sentence, first, last))
    return found
