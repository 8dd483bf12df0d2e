"""Proposals as cards to add: stable guids, and the drafts the user reviews."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from trainer.core.cards import NewCard
from trainer.core.guide_cards import (
    Draft,
    accepted_cards,
    drafts_for,
    proposal_guid,
    proposal_to_new_card,
    proposals_to_new_cards,
)
from trainer.core.guide_reader import Proposal, propose_cards

# The source guides are ours, not the project's: tests marked `seeds` read them from
# <repo>/../shared/seeds and run only when asked (`pytest -m seeds`, as CI does).
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
SEED_GUIDES = [SEEDS / "000_c7f265c2d61c5611.txt", SEEDS / "003_495920ad492b9a48.txt"]


def read_seed(path: Path) -> str:
    if not path.is_file():
        pytest.fail(f"seed guide missing: {path} (the seeds tests never skip)")
    return path.read_text(encoding="utf-8")


def test_proposal_to_new_card_tags_the_kind_and_names_the_source() -> None:
    proposal = Proposal("mistake", "front", "back", (52, 54), "Seeking Permission")
    assert proposal_to_new_card(proposal, "guide.txt") == NewCard(
        front="front",
        back="back",
        tags=("mistake",),
        source="guide.txt lines 52-54",
        guid="guide:" + hashlib.sha1(b"guide.txt\nmistake\nfront").hexdigest(),
    )


def test_guid_is_stable_and_depends_on_guide_kind_and_front_only() -> None:
    proposal = Proposal("faq", "Is it hard?", "Yes.", (1, 3))
    guid = proposal_guid(proposal, "guide.md")
    moved = Proposal("faq", "Is it hard?", "Yes, very.", (10, 12), "FAQ")
    assert proposal_guid(moved, "guide.md") == guid  # answer and place do not matter
    assert proposal_guid(proposal, "other.md") != guid
    assert proposal_guid(Proposal("principle", "Is it hard?", "Yes.", (1, 3)), "guide.md") != guid
    assert proposal_guid(Proposal("faq", "Is it easy?", "Yes.", (1, 3)), "guide.md") != guid


GUIDES = Path(__file__).resolve().parent / "guides"


def assert_each_card_has_its_own_guid(text: str) -> None:
    proposals = propose_cards(text)
    cards = proposals_to_new_cards(proposals, "guide.txt")
    assert [card.front for card in cards] == [p.front for p in proposals]
    assert len({card.guid for card in cards}) == len(cards)
    assert cards == proposals_to_new_cards(propose_cards(text), "guide.txt")


def test_every_card_of_a_guide_gets_its_own_guid() -> None:
    twice = "Is it hard?\n\nYes.\n\nIs it hard?\n\nVery.\n"
    samples = [path.read_text(encoding="utf-8") for path in sorted(GUIDES.iterdir())]
    for text in (*samples, twice):
        assert_each_card_has_its_own_guid(text)


@pytest.mark.seeds
def test_every_card_of_a_seed_guide_gets_its_own_guid() -> None:
    for path in SEED_GUIDES:
        assert_each_card_has_its_own_guid(read_seed(path))


def test_drafts_start_accepted_and_unedited() -> None:
    proposals = propose_cards("Is it hard?\n\nYes.\n\nWhat next?\n\nPrepare.\n")
    drafts = drafts_for(proposals, "guide.md")
    assert [d.accepted for d in drafts] == [True, True]
    assert not any(d.edited for d in drafts)
    assert accepted_cards(drafts) == proposals_to_new_cards(proposals, "guide.md")


def test_an_edited_draft_keeps_its_guid_and_source() -> None:
    [draft] = drafts_for([Proposal("faq", "Is it hard?", "Yes.", (1, 3))], "guide.md")
    edited = draft.with_text("Is the loop hard?", "Yes, very.")
    assert edited.edited and not draft.edited
    assert edited.card == NewCard(
        front="Is the loop hard?",
        back="Yes, very.",
        tags=("faq",),
        source="guide.md lines 1-3",
        guid=draft.card.guid,
    )


def test_only_accepted_drafts_with_text_on_both_sides_are_added() -> None:
    proposals = [Proposal("faq", f"Q{n}?", f"A{n}.", (n, n)) for n in range(1, 5)]
    one, two, three, four = drafts_for(proposals, "guide.md")
    drafts = [
        one,
        Draft(two.proposal, two.card, accepted=False),
        three.with_text("  ", "A3."),
        four.with_text("Q4 edited?", "A4."),
    ]
    assert [card.front for card in accepted_cards(drafts)] == ["Q1?", "Q4 edited?"]
