"""Proposes flashcards from a guide the way a careful reader would, by rules over its layout.

Four kinds: `faq` (a question and the first paragraph of its answer), `mistake` (a weak
answer and the strong one that replaces it), `principle` (a named value and what it means)
and `checklist` (one card per preparation item). No model, no network: `guide_blocks`
reads the structure, this module decides what each structure is worth as a card.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from trainer.core.guide_blocks import (
    ANSWER_LABELS,
    QUESTION_LABELS,
    STRONG_LABELS,
    WEAK_LABELS,
    Block,
    BlockKind,
    Section,
    drop_boilerplate_sentences,
    is_boilerplate,
    read_sections,
    split_sentences,
    unquote,
)

FAQ, MISTAKE, PRINCIPLE, CHECKLIST = "faq", "mistake", "principle", "checklist"

_PREP_HEADING = re.compile(
    r"\b(?:prepar\w*|prep|checklist|check-list|to-?do|get(?:ting)? ready|action items"
    r"|before (?:the|your|you)\b)",
    re.IGNORECASE,
)
_VALUES_HEADING = re.compile(r"\b(?:values?|principles?|tenets?|beliefs)\b", re.IGNORECASE)
# Headings that hold several mistakes: never the name of the one pair right under them.
_CONTAINER_HEADING = re.compile(
    r"\b(?:mistakes?|pitfalls?|avoid|don['’]?ts?|examples?|errors?)\b", re.IGNORECASE
)
_BOLD_TERM = re.compile(
    r"^(?:\*\*|__)(?P<term>[^*_]+?)(?P<inner>[:.?])?(?:\*\*|__)\s*(?:[:.]|\s[—–-])?\s*(?P<rest>.+)$"
)
_NAMED = re.compile(r"^(?P<term>[A-Z][^:.?!]{0,60}?)\s*(?::|\s[—–]|\s-)\s+(?P<rest>.+)$")
_DOTTED_TERM = re.compile(r"^(?P<term>[A-Z][\w'’&/ -]{0,40}?)\.\s+(?P<rest>[A-Z\"“].+)$")
_INSTEAD = re.compile(
    r"\binstead of (?:saying\s+)?(?P<weak>\"[^\"]+\"|“[^”]+”|[^,]+?),\s*"
    r"(?:say|try saying|try|ask|use|write|answer with)\s*:?\s*"
    r"(?P<strong>\"[^\"]+\"|“[^”]+”|[^.!?]+)",
    re.IGNORECASE,
)
_QUESTION_PREFIX = re.compile(r"^(?:Q|Question)\s*[:.]\s*", re.IGNORECASE)
_LEAD_BREAK = re.compile(r"\s*(?:—|–|\s-\s|:|\(|,|;|\s(?:to|by|so|where|when|focusing|rather)\s)")


@dataclass(frozen=True)
class Proposal:
    """A card the guide suggests; `source_lines` is the 1-based inclusive range it came from.

    `title` is the mistake's name, the principle's term or the section heading (may be "").
    """

    kind: str
    front: str
    back: str
    source_lines: tuple[int, int]
    title: str = ""


def propose_cards(text: str) -> list[Proposal]:
    """Every card the guide's structure suggests, in source order, boilerplate left out."""
    proposals: list[Proposal] = []
    for section in read_sections(text):
        headings = [b.text for b in section.ancestors]
        headings.append(section.heading.text if section.heading else "")
        if any(heading and is_boilerplate(heading) for heading in headings):
            continue
        proposals.extend(_SectionReader(section).proposals())
    return sorted(proposals, key=lambda proposal: proposal.source_lines)


def _without_period(text: str) -> str:
    return text.strip().rstrip(".!:").strip()


def _mistake(name: str, weak: str, strong: str, first: int, last: int) -> Proposal:
    ask = f"**{name}**: what is the stronger answer?" if name else "What is the stronger answer?"
    return Proposal(MISTAKE, f"{ask}\n\n> {unquote(weak)}", unquote(strong), (first, last), name)


def _principle(term: str, back: str, first: int, last: int) -> Proposal:
    term, back = _without_period(term), drop_boilerplate_sentences(back) or back
    return Proposal(PRINCIPLE, f"**{term}**: what does it mean?", back, (first, last), term)


def _term_and_rest(block: Block, in_values: bool) -> tuple[str, str] | None:
    """(term, explanation) for "**Term**: text", or under a values heading also for
    "Term: text" and "Term. Text."."""
    if match := _BOLD_TERM.match(block.text):
        term = match.group("term").strip() + ("?" if match.group("inner") == "?" else "")
        return term, match.group("rest").strip()
    if not in_values:
        return None
    for pattern in (_NAMED, _DOTTED_TERM):
        if (match := pattern.match(block.text)) and len(match.group("term").split()) <= 5:
            return match.group("term").strip(), match.group("rest").strip()
    return None


class _SectionReader:
    """Reads one section; each body block feeds at most one rule, except answers."""

    def __init__(self, section: Section) -> None:
        self.heading = section.heading
        self.ancestors = tuple(parent.text for parent in section.ancestors)
        self.body: Sequence[Block] = [b for b in section.body if not _is_boilerplate_block(b)]
        self.used: set[int] = set()
        heading = self.heading.text if self.heading else ""
        self.title = _without_period(heading)
        self.in_prep = any(_PREP_HEADING.search(h) for h in (*self.ancestors, heading))
        self.is_values = bool(_VALUES_HEADING.search(heading)) and not heading.endswith("?")
        self.under_values = any(_VALUES_HEADING.search(h) for h in self.ancestors)

    def proposals(self) -> list[Proposal]:
        found = self._label_pairs() + self._list_pairs() + self._instead_of() + self._qa_blocks()
        found += self._heading_card()
        found += self._values_terms() if self.is_values else []
        found += self._checklist()
        found += self._bold_terms()
        return found

    def _free(self, index: int) -> bool:
        return 0 <= index < len(self.body) and index not in self.used

    def _label_pairs(self) -> list[Proposal]:
        """BAD/GOOD, Don't/Do, Avoid/Instead: a labelled line next to its opposite."""
        found = []
        for index, block in enumerate(self.body):
            if not self._free(index) or not self._free(index + 1) or not block.text:
                continue
            after = self.body[index + 1]
            labels = {block.label, after.label}
            opposite = bool(labels & WEAK_LABELS and labels & STRONG_LABELS)
            if BlockKind.HEADING in (block.kind, after.kind) or not after.text or not opposite:
                continue
            weak, strong = (block, after) if block.label in WEAK_LABELS else (after, block)
            name, first = self._name_before(index, block.first)
            found.append(_mistake(name, weak.text, strong.text, first, after.last))
            self.used |= {index, index + 1}
        return found

    def _name_before(self, index: int, first: int) -> tuple[str, int]:
        """The mistake's name: a "Name: description" line just before the pair, or the
        heading when the pair opens the section."""
        before = self.body[index - 1] if self._free(index - 1) else None
        if before is not None and not before.label:
            match = _BOLD_TERM.match(before.text) or _NAMED.match(before.text)
            if match and len(match.group("term").split()) <= 6:
                self.used.add(index - 1)
                return _without_period(match.group("term")), before.first
        if index == 0 and self.heading and not _CONTAINER_HEADING.search(self.heading.text):
            return self.title, self.heading.first
        return "", first

    def _list_pairs(self) -> list[Proposal]:
        """A "Don't" list followed by a "Do" list of the same length, paired item by item."""
        groups: list[tuple[str, list[int]]] = []
        for index, block in enumerate(self.body):
            is_label = block.kind is BlockKind.HEADING or not block.text
            if block.label and is_label and self._free(index):
                groups.append((block.label, []))
            elif block.kind is BlockKind.ITEM and not block.label and groups:
                groups[-1][1].append(index)
            elif groups and groups[-1][1]:
                groups.append(("", []))
        found = []
        for (label_a, items_a), (label_b, items_b) in zip(groups, groups[1:], strict=False):
            labels = {label_a, label_b}
            if not (labels & WEAK_LABELS and labels & STRONG_LABELS) or not items_a:
                continue
            if len(items_a) != len(items_b) or self.used & {*items_a, *items_b}:
                continue
            weak_items, strong_items = (
                (items_a, items_b) if label_a in WEAK_LABELS else (items_b, items_a)
            )
            for weak_index, strong_index in zip(weak_items, strong_items, strict=True):
                weak, strong = self.body[weak_index], self.body[strong_index]
                first, last = min(weak.first, strong.first), max(weak.last, strong.last)
                found.append(_mistake("", weak.text, strong.text, first, last))
            self.used |= {*items_a, *items_b}
        return found

    def _instead_of(self) -> list[Proposal]:
        """Mistakes written as "instead of X, say Y", in a paragraph or an item."""
        found = []
        for index, block in enumerate(self.body):
            match = _INSTEAD.search(block.text) if self._free(index) else None
            if match is None:
                continue
            named = _BOLD_TERM.match(block.text) or _NAMED.match(block.text)
            name = ""
            if named and named.group("rest").lower().startswith("instead of"):
                name = _without_period(named.group("term"))
            weak, strong = match.group("weak"), match.group("strong")
            found.append(_mistake(name, weak, strong, block.first, block.last))
            self.used.add(index)
        return found

    def _qa_blocks(self) -> list[Proposal]:
        """Questions written as "Q: ..." followed by "A: ..." (or by a plain paragraph)."""
        found = []
        for index, block in enumerate(self.body):
            if block.label not in QUESTION_LABELS or not block.text or not self._free(index):
                continue
            if not self._free(index + 1):
                continue
            answer = self.body[index + 1]
            plain = not answer.label and answer.kind is BlockKind.PARAGRAPH
            if answer.label not in ANSWER_LABELS and not plain:
                continue
            back = drop_boilerplate_sentences(answer.text)
            if back:
                span = (block.first, answer.last)
                found.append(Proposal(FAQ, block.text, back, span, self.title))
                self.used |= {index, index + 1}
        return found

    def _first_paragraph(self) -> tuple[str, int] | None:
        """The first paragraph (or first run of list items) after the heading: text and
        last line."""
        for index, block in enumerate(self.body):
            if not self._free(index):
                continue
            answers = not block.label or block.label in ANSWER_LABELS
            if block.kind is BlockKind.PARAGRAPH and answers:
                text = drop_boilerplate_sentences(block.text)
                if text:
                    return text, block.last
            if block.kind is BlockKind.ITEM and not block.label:
                run = [block]
                for following in self.body[index + 1 :]:
                    if following.kind is not BlockKind.ITEM or following.label:
                        break
                    run.append(following)
                return "\n".join(f"- {item.text}" for item in run), run[-1].last
        return None

    def _heading_card(self) -> list[Proposal]:
        """A question heading -> faq; a one-line statement heading ("Be who you are.") or a
        heading under a values heading -> principle."""
        if self.heading is None or self.is_values:
            return []
        text = self.heading.text
        is_question = text.endswith("?")
        is_motto = text.endswith((".", "!")) and len(text.split()) <= 8
        if not (is_question or is_motto or self.under_values):
            return []
        answer = self._first_paragraph()
        if answer is None:
            return []
        back, last = answer
        if is_question:
            parent = self.ancestors[-1] if self.ancestors else ""
            question = _QUESTION_PREFIX.sub("", text)
            return [Proposal(FAQ, question, back, (self.heading.first, last), parent)]
        return [_principle(text, back, self.heading.first, last)]

    def _values_terms(self) -> list[Proposal]:
        """Under a values heading: one card per named term, or, when the values are only
        described in prose, one card for the prose after the opening paragraph."""
        found = []
        for index, block in enumerate(self.body):
            if not self._free(index) or block.label:
                continue
            if block.kind is BlockKind.PARAGRAPH and len(block.lines) > 1:
                per_line = [_line_term(line) for line in block.lines]
                if all(per_line):
                    for offset, pair in enumerate(per_line):
                        assert pair is not None
                        line = block.first + offset
                        found.append(_principle(pair[0], pair[1], line, line))
                    self.used.add(index)
                    continue
            if pair := _term_and_rest(block, in_values=True):
                found.append(_principle(pair[0], pair[1], block.first, block.last))
                self.used.add(index)
        if found or self.heading is None:
            return found
        prose = [
            i
            for i, b in enumerate(self.body)
            if self._free(i) and b.kind is BlockKind.PARAGRAPH and not b.label
        ]
        prose = prose[1:] if len(prose) > 1 else prose
        texts = [drop_boilerplate_sentences(self.body[i].text) for i in prose]
        if not any(texts):
            return []
        self.used |= set(prose)
        back = "\n\n".join(text for text in texts if text)
        front = f"**{self.title}**: which values does it name?"
        span = (self.heading.first, self.body[prose[-1]].last)
        return [Proposal(PRINCIPLE, front, back, span, self.title)]

    def _checklist(self) -> list[Proposal]:
        """Each item under a preparation heading, and each task-list item anywhere."""
        indexes = [
            i
            for i, b in enumerate(self.body)
            if self._free(i)
            and b.kind is BlockKind.ITEM
            and not b.label
            and b.text
            and (self.in_prep or b.marker == "task")
        ]
        title = self.title or "Checklist"
        found = []
        for position, index in enumerate(indexes, start=1):
            item = self.body[index]
            lead = _lead(item.text)
            where = f"**{title}** ({position} of {len(indexes)})"
            front = f"{where}: {lead} …" if lead else f"{where}: what is this item?"
            found.append(Proposal(CHECKLIST, front, item.text, (item.first, item.last), title))
            self.used.add(index)
        return found

    def _bold_terms(self) -> list[Proposal]:
        """Principles written "**Term**: explanation" ("**Question?** answer" is a faq)."""
        found = []
        for index, block in enumerate(self.body):
            if not self._free(index) or block.label:
                continue
            pair = _term_and_rest(block, in_values=False)
            if pair is None or len(pair[0].split()) > 8:
                continue
            term, rest = pair
            span = (block.first, block.last)
            if term.endswith("?"):
                found.append(Proposal(FAQ, term, rest, span, self.title))
            else:
                found.append(_principle(term, rest, *span))
            self.used.add(index)
        return found


def _line_term(line: str) -> tuple[str, str] | None:
    block = Block(BlockKind.PARAGRAPH, line, 0, 0, (line,))
    return _term_and_rest(block, in_values=True)


def _is_boilerplate_block(block: Block) -> bool:
    if block.kind is BlockKind.HEADING:
        return False
    if not block.text:
        return not block.label
    sentences = split_sentences(block.text) or [block.text]
    return bool(block.text) and all(is_boilerplate(sentence) for sentence in sentences)


def _lead(item: str) -> str:
    """The opening words of a checklist item, to prompt recall of the rest."""
    match = _LEAD_BREAK.search(item)
    if match and len(item[: match.start()].split()) >= 2 and len(item[match.end() :].split()) >= 3:
        return item[: match.start()].rstrip()
    if (named := _BOLD_TERM.match(item) or _NAMED.match(item)) and len(named.group("term")) < 40:
        return named.group("term").strip()
    words = item.split()
    return " ".join(words[: len(words) // 2]) if len(words) >= 2 else ""
