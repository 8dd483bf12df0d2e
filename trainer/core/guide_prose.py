"""Reading rules for structure written in prose and in plain lists (issue 20): rewrites
("rather than X, say Y", "avoid X; say Y", "don't... do..."), questions asked inside a
paragraph, a section that opens by introducing its subject or by giving advice, and every
list item under any heading as a tip whose front names its section and never its answer.

A mixin of `guide_reader._SectionReader`: it shares that reader's body and bookkeeping
(`used` blocks, and `spent` sentences of blocks that gave only part of themselves).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from trainer.core.guide_blocks import Block, BlockKind, drop_boilerplate_sentences
from trainer.core.guide_proposal import CHECKLIST, FAQ, PRINCIPLE, Proposal, mistake
from trainer.core.guide_sentences import (
    NOT_A_VERB,
    contrast_at,
    is_instruction,
    question_at,
    sentence_lines,
    tip_cue,
)

_NUMBERED_TITLE = re.compile(r"^(?:section|part|chapter|step|module)\s+\w{1,4}\s*[:.]\s*", re.I)
_NEGATION = re.compile(r"^(?:don['’]t|do not|never|avoid)\s+", re.IGNORECASE)
# A list of items this short, of questions, or of facts (each opening with a number or a
# word like "one", "the") is one list to recall: a cue from a fact's words gives it away.
_SHORT_ITEM_WORDS = 3


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9][\w'’-]*", text.lower())


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def mirrors(weak: str, strong: str) -> bool:
    """True when a Don't item and a Do item say opposite things about one act: they open
    with the same verb ("Say 'we'..." / "Say 'I'...") or share two content words."""
    weak_words, strong_words = _words(_NEGATION.sub("", weak)), _words(strong)
    if weak_words and strong_words and weak_words[0] == strong_words[0]:
        return True
    content = {_stem(w) for w in weak_words if len(w) > 3 and w not in NOT_A_VERB}
    return len(content & {_stem(w) for w in strong_words}) >= 2


def _opens_as_statement(text: str) -> bool:
    """True for "45 minutes, one interviewer" or "One open prompt": a fact, not advice."""
    words = _words(text)
    return bool(words) and (words[0] in NOT_A_VERB or words[0][0].isdigit())


def title_words(title: str) -> set[str]:
    """The heading's content words ("Section 2: The case round" -> {"case", "round"})."""
    words = _words(_NUMBERED_TITLE.sub("", title))
    return {_stem(w) for w in words if len(w) > 2 and w not in NOT_A_VERB}


class ProseRules:
    body: Sequence[Block]
    used: set[int]
    spent: dict[int, set[int]]
    title: str
    heading: Block | None
    in_prep: bool
    is_values: bool
    under_values: bool
    answers: set[int]

    def _free(self, index: int) -> bool:
        return 0 <= index < len(self.body) and index not in self.used and index not in self.spent

    def _readable(self, index: int) -> bool:
        """A paragraph or item with no label and some sentence left to read."""
        block = self.body[index]
        return (
            index not in self.used
            and block.kind is not BlockKind.HEADING
            and not block.label
            and bool(block.text)
        )

    def _spend(self, index: int, sentences: range, total: int) -> None:
        spent = self.spent.setdefault(index, set())
        spent.update(sentences)
        if len(spent) >= total:
            self.used.add(index)

    def _contrasts(self) -> list[Proposal]:
        """Rewrites opening a sentence: "Rather than X, say Y", "Avoid X; say Y",
        "Don't X. Do Y.", "Swap X for Y" (see `guide_sentences.contrast_at`)."""
        found = []
        for index, block in enumerate(self.body):
            answer = index in self.answers and not block.label
            if not (self._readable(index) or answer):
                continue
            sentences = sentence_lines(block)
            texts = [text for text, _, _ in sentences]
            position = 0
            while position < len(texts):
                if position in self.spent.get(index, set()):
                    position += 1
                    continue
                hit = contrast_at(texts, position)
                if hit is None:
                    position += 1
                    continue
                contrast, last = hit
                lines = (sentences[position][1], sentences[last][2])
                found.append(
                    mistake(contrast.name, contrast.weak, contrast.strong, lines, contrast.quoted)
                )
                self._spend(index, range(position, last + 1), len(texts))
                position = last + 1
        return found

    def _prose_questions(self) -> list[Proposal]:
        """A question asked inside a paragraph, answered by the sentences after it, or by
        the next paragraph when it ends its own."""
        found = []
        for index, block in enumerate(self.body):
            if not self._readable(index):
                continue
            sentences = sentence_lines(block)
            texts = [text for text, _, _ in sentences]
            for position in range(len(texts)):
                spent = self.spent.get(index, set())
                if position in spent or not question_at(texts, position):
                    continue
                after = []
                for following in range(position + 1, len(texts)):
                    if following in spent or question_at(texts, following):
                        break
                    after.append(following)
                back = drop_boilerplate_sentences(" ".join(texts[i] for i in after))
                last_line = sentences[after[-1]][2] if after else sentences[position][2]
                below = index + 1
                answered_below = not after and position == len(texts) - 1
                if answered_below and self._answer_below(index):
                    back = drop_boilerplate_sentences(self.body[below].text)
                    last_line = self.body[below].last
                if not back:
                    continue
                if answered_below:
                    self.used.add(below)
                question = texts[position]
                front = f"**{self.title}**: {question}" if self.title else question
                span = (sentences[position][1], last_line)
                found.append(Proposal(FAQ, front, back, span, self.title))
                self._spend(index, range(position, position + len(after) + 1), len(texts))
        return found

    def _answer_below(self, index: int) -> bool:
        below = index + 1
        return (
            self._free(below)
            and self.body[below].kind is BlockKind.PARAGRAPH
            and self._readable(below)
        )

    def _section_intro(self) -> list[Proposal]:
        """A section that opens with advice ("Read the last two letters...") or by
        introducing its subject ("The bar raiser is...") gives that opening as a card."""
        heading = self.heading
        if heading is None or heading.text.endswith(("?", ".", "!")) or self.is_values:
            return []
        if self.under_values or not self.body or not self._readable(0):
            return []
        opening = self.body[0]
        if opening.kind is not BlockKind.PARAGRAPH:
            return []
        spent = self.spent.get(0, set())
        sentences = [s for i, (s, _, _) in enumerate(sentence_lines(opening)) if i not in spent]
        if not sentences:
            return []
        subject = title_words(self.title)
        mentioned = {_stem(w) for w in _words(" ".join(sentences[:2]))}
        introduces = bool(subject) and len(subject & mentioned) >= math.ceil(len(subject) / 2)
        if is_instruction(sentences[0]):
            kind, ask = CHECKLIST, "what should you do?"
        elif introduces or any(is_instruction(sentence) for sentence in sentences[1:2]):
            kind, ask = PRINCIPLE, "what should you know?"
        else:
            return []
        back = drop_boilerplate_sentences(" ".join(sentences))
        if not back:
            return []
        self.used.add(0)
        span = (heading.first, opening.last)
        return [Proposal(kind, f"**{self.title}**: {ask}", back, span, self.title)]

    def _tips(self) -> list[Proposal]:
        """Every list item left, under any heading: one card per tip, its front naming the
        section, the Do/Don't group or the lead-in line ("Steps that work:") it sits under."""
        found: list[Proposal] = []
        group, lead_in = "", ""
        run: list[int] = []
        for index, block in enumerate([*self.body, None]):
            if block is not None and block.kind is BlockKind.ITEM:
                if self._free(index) and not block.label and block.text:
                    run.append(index)
                continue  # else an item another rule took, or a labelled one: the run goes on
            found += self._tip_run(run, group, lead_in)
            run = []
            if block is None:
                break
            if block.label and (block.kind is BlockKind.HEADING or not block.text):
                group, lead_in = block.text.rstrip(":") or block.label.capitalize(), ""
            elif block.kind is BlockKind.PARAGRAPH and block.text.endswith(":"):
                lead_in = block.text.rstrip(":")
                self.used.add(index)
            else:
                group, lead_in = ("", "") if block.kind is BlockKind.HEADING else (group, "")
        return found

    def _tip_run(self, run: list[int], group: str, lead_in: str) -> list[Proposal]:
        if not run:
            return []
        where = " — ".join(part for part in (self.title or "Tips", group, lead_in) if part)
        items = [self.body[i] for i in run]
        self.used.update(run)
        short = all(len(item.text.split()) <= _SHORT_ITEM_WORDS for item in items)
        questions = all(item.text.endswith("?") for item in items)
        facts = all(_opens_as_statement(item.text) for item in items)
        if len(items) > 1 and (short or questions or facts):
            numbered = items[0].marker == "number"
            back = "\n".join(
                f"{n}. {item.text}" if numbered else f"- {item.text}"
                for n, item in enumerate(items, start=1)
            )
            ask = "steps, in order?" if numbered else "items?"
            ask = "questions?" if questions else ask
            front = f"**{where}**: which {len(items)} {ask}"
            return [Proposal(CHECKLIST, front, back, (items[0].first, items[-1].last), where)]
        found = []
        for position, item in enumerate(items, start=1):
            cue = tip_cue(item.text)
            label = f"**{where}** ({position} of {len(items)})"
            front = f"{label}: {cue} …" if cue else f"{label}: what is this item?"
            found.append(Proposal(CHECKLIST, front, item.text, (item.first, item.last), where))
        return found
