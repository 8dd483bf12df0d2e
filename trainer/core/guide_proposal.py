"""A card a guide proposes, and the shapes of its fronts shared by every reading rule."""

from __future__ import annotations

from dataclasses import dataclass

from trainer.core.guide_blocks import drop_boilerplate_sentences, unquote

FAQ, MISTAKE, PRINCIPLE, CHECKLIST = "faq", "mistake", "principle", "checklist"


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


def without_period(text: str) -> str:
    return text.strip().rstrip(".!:").strip()


def mistake(
    name: str, weak: str, strong: str, lines: tuple[int, int], said: bool = True
) -> Proposal:
    """A weak answer (or, when not `said`, a weak action) and what the guide puts instead."""
    ask = "What is the stronger answer?" if said else "What should you do instead?"
    ask = f"**{name}**: {ask[0].lower()}{ask[1:]}" if name else ask
    return Proposal(MISTAKE, f"{ask}\n\n> {unquote(weak)}", unquote(strong), lines, name)


def principle(term: str, back: str, lines: tuple[int, int], section: str = "") -> Proposal:
    """A named value and what it means; `section` names where the guide lists it, so a card
    reads the same out of its guide ("**Ownership** (What the bar raiser checks)")."""
    term, back = without_period(term), drop_boilerplate_sentences(back) or back
    where = f" ({section})" if section and section.lower() != term.lower() else ""
    return Proposal(PRINCIPLE, f"**{term}**{where}: what does it mean?", back, lines, term)
