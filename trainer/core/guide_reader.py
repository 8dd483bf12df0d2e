"""Proposes flashcards from a guide the way a careful reader would, by rules over its layout.

Four kinds: `faq` (a question and the first paragraph of its answer), `mistake` (a weak
answer and the strong one that replaces it), `principle` (a named value and what it means)
and `checklist` (one card per preparation item). No model, no network: `guide_blocks`
reads the structure, this module decides what each structure is worth as a card.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
)
from trainer.core.guide_proposal import (
    CHECKLIST,
    FAQ,
    MISTAKE,
    PRINCIPLE,
    Proposal,
    mistake,
    principle,
    without_period,
)
from trainer.core.guide_prose import ProseRules, mirrors

__all__ = ["CHECKLIST", "FAQ", "MISTAKE", "PRINCIPLE", "Proposal", "propose_cards"]

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
_QUESTION_PREFIX = re.compile(r"^(?:Q|Question)\s*[:.]\s*", re.IGNORECASE)


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


class _SectionReader(ProseRules):
    """Reads one section; each body block feeds at most one rule, except answers."""

    def __init__(self, section: Section) -> None:
        self.heading = section.heading
        self.ancestors = tuple(parent.text for parent in section.ancestors)
        self.body: Sequence[Block] = [b for b in section.body if not _is_boilerplate_block(b)]
        self.used: set[int] = set()
        self.spent: dict[int, set[int]] = {}
        self.answers: set[int] = set()  # paragraphs a heading card took as its answer
        heading = self.heading.text if self.heading else ""
        self.title = without_period(heading)
        self.in_prep = any(_PREP_HEADING.search(h) for h in (*self.ancestors, heading))
        self.is_values = bool(_VALUES_HEADING.search(heading)) and not heading.endswith("?")
        self.under_values = any(_VALUES_HEADING.search(h) for h in self.ancestors)

    def proposals(self) -> list[Proposal]:
        found = self._label_pairs() + self._list_pairs() + self._qa_blocks()
        found += self._heading_card()
        found += self._contrasts()  # may also read the heading's answer: both cards hold
        found += self._values_terms() if self.is_values else []
        found += self._checklist()
        found += self._bold_terms()
        found += self._prose_questions() + self._section_intro() + self._tips()
        return found

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
            found.append(mistake(name, weak.text, strong.text, (first, after.last)))
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
                return without_period(match.group("term")), before.first
        if index == 0 and self.heading and not _CONTAINER_HEADING.search(self.heading.text):
            return self.title, self.heading.first
        return "", first

    def _list_pairs(self) -> list[Proposal]:
        """A "Don't" list next to a "Do" list: each Don't item paired with the Do item that
        mirrors it (same opening verb, or shared words), never by position alone; the
        items that mirror nothing are left to be tips of their own."""
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
            weak_items, strong_items = (
                (items_a, items_b) if label_a in WEAK_LABELS else (items_b, items_a)
            )
            for weak_index, strong_index in self._mirrored(weak_items, strong_items):
                weak, strong = self.body[weak_index], self.body[strong_index]
                first, last = min(weak.first, strong.first), max(weak.last, strong.last)
                found.append(mistake("", weak.text, strong.text, (first, last)))
                self.used |= {weak_index, strong_index}
        return found

    def _mirrored(self, weak_items: list[int], strong_items: list[int]) -> list[tuple[int, int]]:
        """(weak, strong) pairs that mirror, each item used once, same position first."""
        pairs = []
        free_strong = [i for i in strong_items if self._free(i)]
        for position, weak_index in enumerate(weak_items):
            if not self._free(weak_index):
                continue
            weak = self.body[weak_index].text
            same_place = strong_items[position : position + 1]
            candidates = [i for i in same_place if i in free_strong] + free_strong
            match = next((i for i in candidates if mirrors(weak, self.body[i].text)), None)
            if match is not None:
                pairs.append((weak_index, match))
                free_strong.remove(match)
        return pairs

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
        last line; the blocks it takes are used."""
        for index, block in enumerate(self.body):
            if not self._free(index):
                continue
            answers = not block.label or block.label in ANSWER_LABELS
            if block.kind is BlockKind.PARAGRAPH and answers:
                text = drop_boilerplate_sentences(block.text)
                if text:
                    self.used.add(index)
                    self.answers.add(index)
                    return text, block.last
            if block.kind is BlockKind.ITEM and not block.label:
                run = [block]
                for following in self.body[index + 1 :]:
                    if following.kind is not BlockKind.ITEM or following.label:
                        break
                    run.append(following)
                self.used.update(range(index, index + len(run)))
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
        parent = without_period(self.ancestors[-1]) if self.ancestors else ""
        return [principle(text, back, (self.heading.first, last), parent)]

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
                        found.append(principle(pair[0], pair[1], (line, line), self.title))
                    self.used.add(index)
                    continue
            if pair := _term_and_rest(block, in_values=True):
                found.append(principle(pair[0], pair[1], (block.first, block.last), self.title))
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
        """Under a preparation heading, every item is a checklist item, read before any
        other rule can take it ("**Portfolio**: ..." there is a step, not a value)."""
        if not self.in_prep:
            return []
        items = [
            i
            for i, b in enumerate(self.body)
            if self._free(i) and b.kind is BlockKind.ITEM and not b.label and b.text
        ]
        return self._tip_run(items, "", "")

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
                found.append(principle(term, rest, span, self.title))
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
