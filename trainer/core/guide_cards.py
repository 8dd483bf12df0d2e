"""Turning a guide's proposals into cards to add, each with a stable guid, and the
drafts the user reviews (accept, edit or drop) before adding them.

The guid comes from the guide's name, the proposal's kind and its front *as proposed*, so
adding the same guide a second time finds the cards it already added (even ones the user
edited before adding) and the collection skips them instead of making duplicates.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from trainer.core.cards import NewCard
from trainer.core.guide_reader import Proposal

GUID_PREFIX = "guide:"


def proposal_guid(proposal: Proposal, source_name: str, occurrence: int = 1) -> str:
    """sha1 of name, kind and front; `occurrence` (2, 3, ...) tells apart the same card
    proposed twice by one guide."""
    key = f"{source_name}\n{proposal.kind}\n{proposal.front}"
    if occurrence > 1:
        key += f"\n#{occurrence}"
    return GUID_PREFIX + hashlib.sha1(key.encode("utf-8")).hexdigest()


def proposal_to_new_card(proposal: Proposal, source_name: str, occurrence: int = 1) -> NewCard:
    """The card to add: tagged with its kind, its source naming the file and line range."""
    first, last = proposal.source_lines
    return NewCard(
        front=proposal.front,
        back=proposal.back,
        tags=(proposal.kind,),
        source=f"{source_name} lines {first}-{last}",
        guid=proposal_guid(proposal, source_name, occurrence),
    )


def proposals_to_new_cards(proposals: Sequence[Proposal], source_name: str) -> list[NewCard]:
    """One card per proposal, in order; no two share a guid even when two proposals match."""
    seen: Counter[tuple[str, str]] = Counter()
    cards = []
    for proposal in proposals:
        key = (proposal.kind, proposal.front)
        seen[key] += 1
        cards.append(proposal_to_new_card(proposal, source_name, seen[key]))
    return cards


@dataclass(frozen=True)
class Draft:
    """A proposal under review: the card as the user has it now, and whether to add it."""

    proposal: Proposal
    card: NewCard
    accepted: bool = True

    @property
    def edited(self) -> bool:
        return (self.card.front, self.card.back) != (self.proposal.front, self.proposal.back)

    def with_text(self, front: str, back: str) -> Draft:
        """The same card with new text; its guid stays the proposal's, so re-adding the
        guide later still recognises the edited card."""
        return replace(self, card=replace(self.card, front=front, back=back))


def drafts_for(proposals: Sequence[Proposal], source_name: str) -> list[Draft]:
    """Every proposal as a draft, all accepted."""
    cards = proposals_to_new_cards(proposals, source_name)
    return [Draft(p, card) for p, card in zip(proposals, cards, strict=True)]


def accepted_cards(drafts: Sequence[Draft]) -> list[NewCard]:
    """The cards to add, in order: accepted drafts with blank fronts or backs left out."""
    return [
        draft.card
        for draft in drafts
        if draft.accepted and draft.card.front.strip() and draft.card.back.strip()
    ]
