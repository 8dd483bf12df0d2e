"""What users rely on in the built-in content, whatever a later release rewrites.

Read from resources/ only: the guides the content is made from are not part of the project
(tests marked `seeds` check the content against them)."""

from __future__ import annotations

import re

from trainer.content.builtin_decks import (
    RUBRIC_POINTS,
    BuiltinDeck,
    load_builtin_decks,
    rubric_points,
)
from trainer.core.cards import NewCard
from trainer.core.cloze import gap_numbers
from trainer.core.model import CardKind

PMM_GUIDE, CS_PAGE = "000_c7f265c2d61c5611.txt", "003_495920ad492b9a48.txt"
SECTION = re.compile(r"^(000_c7f265c2d61c5611|003_495920ad492b9a48)\.txt § \S.*$")


def every_card() -> list[tuple[BuiltinDeck, NewCard]]:
    return [(deck, card) for deck in load_builtin_decks() for card in deck.cards]


def test_every_card_names_a_guide_file_and_section_for_each_source() -> None:
    for _, card in every_card():
        for part in card.source.split("; "):
            assert SECTION.match(part), f"{card.guid}: source {part!r}"


def test_no_two_cards_share_a_front() -> None:
    fronts: dict[str, str] = {}
    for _, card in every_card():
        note = card.note_guid or card.guid  # a cloze text's siblings share theirs
        assert fronts.setdefault(card.front, note) == note, f"{card.guid} repeats {note}"


def test_cloze_cards_ask_a_gap_their_text_has() -> None:
    cloze = [card for _, card in every_card() if card.kind is CardKind.CLOZE]
    assert len({card.note_guid for card in cloze}) >= 10
    for card in cloze:
        assert card.cloze in gap_numbers(card.front), card.guid
        assert card.guid == f"{card.note_guid}/c{card.cloze}"


def test_spoken_cards_have_a_short_rubric_and_stories_where_one_fits() -> None:
    spoken = [card for _, card in every_card() if card.kind is CardKind.SPOKEN]
    assert len(spoken) >= 6
    low, high = RUBRIC_POINTS
    for card in spoken:
        points = rubric_points(card.back)
        assert low <= len(points) <= high, card.guid
        assert all(len(point.split()) <= 16 for point in points), card.guid
    storied = {card.guid for card in spoken if "story" in card.tags}
    assert "builtin:checklist.spoken.failure-story" in storied
    assert "builtin:checklist.spoken.decision-audits" in storied


def test_a_card_from_the_netflixcs_page_alone_says_it_is_netflixcs() -> None:
    """The careers page is NetflixCS's (Netflix's customer service), not Netflix's own
    culture memo: a card whose only source is that page must not pass it off as Netflix's."""
    for deck, card in every_card():
        if all(part.startswith(CS_PAGE) for part in card.source.split("; ")):
            said = f"{deck.name}\n{card.front}\n{card.back}"
            assert "NetflixCS" in said, card.guid


def test_stronger_version_cards_carry_the_three_part_rubric() -> None:
    mistakes = next(deck for deck in load_builtin_decks() if deck.name == "Interview mistakes")
    rewrite = [card for card in mistakes.cards if card.guid.endswith(".weak-to-strong")]
    assert len(rewrite) >= 8
    for card in rewrite:
        assert "Weak answer" in card.front, card.guid  # the study screen's rewrite box
        assert "Write a stronger version" in card.front, card.guid
        back = card.back.lower()
        for point in ("*i* am the subject", "decision verb", "business metric with its baseline"):
            assert point in back, f"{card.guid}: no {point!r}"


def test_each_example_stronger_answer_meets_its_own_rubric() -> None:
    from trainer.core.coach import coach

    mistakes = next(deck for deck in load_builtin_decks() if deck.name == "Interview mistakes")
    for card in mistakes.cards:
        if not card.guid.endswith(".weak-to-strong"):
            continue
        found = re.search(r'\*\*Stronger:\*\* "(.*?)"\n', card.back, re.DOTALL)
        assert found, f"{card.guid}: no stronger version"
        stronger = found.group(1)
        assert re.search(r"\bI\b|\bI'd\b", stronger), f"{card.guid}: not said as I"
        assert len(re.findall(r"\d[\d.,]*%?", stronger)) >= 2, f"{card.guid}: no baseline"
        assert not coach(stronger), f"{card.guid}: the coach flags its own example"


def test_mistake_answers_stay_short() -> None:
    """Issue 21: a median of 56 words was too long to grade at a glance."""
    from statistics import median

    mistakes = next(deck for deck in load_builtin_decks() if deck.name == "Interview mistakes")
    assert median(len(card.back.split()) for card in mistakes.cards) <= 30


def test_every_card_has_something_on_its_back() -> None:
    """The card editor refuses a card with an empty back, so a cloze text carries an extra
    line: a user who edits a built-in card can always save it."""
    for _, card in every_card():
        assert card.back.strip(), card.guid
