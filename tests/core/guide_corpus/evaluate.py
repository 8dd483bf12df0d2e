"""Recall and wrong cards of the guide reader on the guide corpus in this folder.

Run `python -m tests.core.guide_corpus.evaluate` (add `--verbose` for misses and wrong
cards). The matching rule, on text lower-cased with Markdown emphasis, curly quotes and
line breaks taken out:

- a proposal *answers* an expected card when its front holds every key phrase of the
  card's `front`, its back holds the card's `back` phrase and its front does not;
  each expected card and each proposal is counted at most once;
- a proposal is *wrong* when its front gives its answer away (it holds the answer phrase
  of an expected card whose answer is also on its back), or when it is wrongly paired:
  its front holds an expected card's key phrases or answer while its back holds another
  card's answer and not that card's own.

Recall is answered cards over expected cards. Proposals that are neither are "extra":
cards a person may drop, counted but not an error.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from trainer.core.guide_reader import Proposal, propose_cards

CORPUS = Path(__file__).resolve().parent
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


@dataclass(frozen=True)
class ExpectedCard:
    front: tuple[str, ...]
    back: str


@dataclass(frozen=True)
class Guide:
    file: str
    split: str
    cards: tuple[ExpectedCard, ...]

    def text(self) -> str:
        return (CORPUS / self.file).read_text(encoding="utf-8")


@dataclass
class Score:
    guide: Guide
    answered: list[tuple[ExpectedCard, Proposal]] = field(default_factory=list)
    missed: list[ExpectedCard] = field(default_factory=list)
    wrong: list[tuple[Proposal, str]] = field(default_factory=list)
    extra: list[Proposal] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return len(self.answered) / len(self.guide.cards) if self.guide.cards else 1.0


def normalise(text: str) -> str:
    text = text.translate(_QUOTES).replace("**", "").replace("__", "")
    return re.sub(r"\s+", " ", text).strip().lower()


def load_corpus() -> list[Guide]:
    with (CORPUS / "expectations.toml").open("rb") as file:
        data = tomllib.load(file)
    return [
        Guide(
            entry["file"],
            entry["split"],
            tuple(
                ExpectedCard(tuple(map(normalise, c["front"])), normalise(c["back"]))
                for c in entry["cards"]
            ),
        )
        for entry in data["guide"]
    ]


def _answers(front: str, back: str, card: ExpectedCard) -> bool:
    return all(key in front for key in card.front) and card.back in back and card.back not in front


def wrong_reason(front: str, back: str, cards: tuple[ExpectedCard, ...]) -> str:
    for card in cards:
        if card.back in front and card.back in back:
            return f"front gives away {card.back!r}"
    for card in cards:
        asks = all(key in front for key in card.front) or card.back in front
        if not asks or card.back in back:
            continue
        others = [o for o in cards if o.front != card.front and o.back in back]
        if others and not any(_answers(front, back, o) for o in others):
            return f"asks {card.front or card.back!r} but answers {others[0].back!r}"
    return ""


def score(guide: Guide) -> Score:
    result = Score(guide)
    open_cards = list(guide.cards)
    for proposal in propose_cards(guide.text()):
        front, back = normalise(proposal.front), normalise(proposal.back)
        match = next((c for c in open_cards if _answers(front, back, c)), None)
        if match is not None:
            open_cards.remove(match)
            result.answered.append((match, proposal))
        elif reason := wrong_reason(front, back, guide.cards):
            result.wrong.append((proposal, reason))
        else:
            result.extra.append(proposal)
    result.missed = open_cards
    return result


def report(scores: list[Score]) -> str:
    lines = [
        "| guide | split | expected | answered | recall | wrong | extra |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for s in scores:
        lines.append(
            f"| {s.guide.file} | {s.guide.split} | {len(s.guide.cards)} | {len(s.answered)} "
            f"| {s.recall:.0%} | {len(s.wrong)} | {len(s.extra)} |"
        )
    for split in ("tune", "held_out", "post_hoc"):
        part = [s for s in scores if s.guide.split == split]
        if not part:
            continue
        expected = sum(len(s.guide.cards) for s in part)
        answered = sum(len(s.answered) for s in part)
        wrong = sum(len(s.wrong) for s in part)
        extra = sum(len(s.extra) for s in part)
        lines.append(
            f"| **all {split}** | | {expected} | {answered} | {answered / expected:.0%} "
            f"| {wrong} | {extra} |"
        )
    return "\n".join(lines)


def details(scores: list[Score]) -> str:
    out = []
    for s in scores:
        out.append(f"\n## {s.guide.file}")
        out += [f"  missed: {list(card.front)} -> {card.back!r}" for card in s.missed]
        for proposal, reason in s.wrong:
            out.append(f"  WRONG ({reason}): {proposal.front!r} -> {proposal.back!r}")
        out += [f"  extra: {p.front!r} -> {p.back!r}" for p in s.extra]
    return "\n".join(out)


def main(argv: list[str]) -> None:
    scores = [score(guide) for guide in load_corpus()]
    print(report(scores))
    if "--verbose" in argv:
        print(details(scores))


if __name__ == "__main__":
    main(sys.argv[1:])
