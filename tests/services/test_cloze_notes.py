"""Cloze texts in the collection: one card per gap, edits kept in step, siblings buried."""

from __future__ import annotations

from datetime import timedelta

import pytest

from trainer.core.card_content import CardContentError
from trainer.core.cards import Card, Rating
from trainer.core.clock import FixedClock
from trainer.core.cloze_cards import cloze_content, question_text
from trainer.core.model import CardKind, DeckId
from trainer.services.services import Services

TEXT = "Netflix hires at the {{c1::top of the market}} and keeps {{c2::talent density}} high."


def note_cards(services: Services, card_id: int) -> list[Card]:
    card = services.browse.card(card_id)  # type: ignore[arg-type]
    assert card is not None
    cards = [services.browse.card(i) for i in services.browse.search("")]
    return sorted(
        (c for c in cards if c is not None and c.note_guid == card.note_guid),
        key=lambda c: c.cloze,
    )


def study_deck(services: Services) -> DeckId:
    return services.decks.create("Cloze study").id


def test_a_cloze_text_adds_one_card_per_gap_in_one_undo_step(services: Services) -> None:
    deck = study_deck(services)
    first = services.card_edits.add(deck, cloze_content(TEXT, "From the careers page", "x"))
    cards = note_cards(services, first)
    assert [(c.kind, c.cloze) for c in cards] == [(CardKind.CLOZE, 1), (CardKind.CLOZE, 2)]
    assert len({c.guid for c in cards}) == 2 and cards[0].note_guid.startswith("note:")
    assert question_text(cards[1]).endswith("keeps [...] high.")
    assert services.undo.undo() == "Add cloze (2 cards)"
    assert services.browse.card(first) is None and services.browse.card(cards[1].id) is None


def test_a_cloze_text_without_a_gap_is_refused_with_one_line(services: Services) -> None:
    with pytest.raises(CardContentError) as refused:
        cloze_content("No gap {{c1:here}} at all")
    assert refused.value.field == "front" and "no gap" in str(refused.value)


def test_editing_the_text_updates_siblings_adds_and_removes_cards_keeping_history(
    services: Services, clock: FixedClock
) -> None:
    deck = study_deck(services)
    first = services.card_edits.add(deck, cloze_content(TEXT))
    session = services.study.start_session(deck)
    assert session.current is not None and session.current.id == first
    session.reveal()
    services.study.record(session.grade(Rating.GOOD))
    studied = services.browse.card(first)
    assert studied is not None and studied.memory.reps == 1
    second = note_cards(services, first)[1]

    new_text = "Netflix hires at the {{c1::top of the market}}; {{c3::keeper test}} for all."
    assert services.card_edits.edit(first, cloze_content(new_text, "extra"))
    cards = note_cards(services, first)
    assert [c.cloze for c in cards] == [1, 3]
    assert all(c.front == new_text and c.back == "extra" for c in cards)
    assert cards[0].id == first and cards[0].memory.reps == 1  # history kept
    assert services.browse.card(second.id) is None  # its gap is gone

    assert services.undo.undo().startswith("Edit cloze")
    restored = note_cards(services, first)
    assert [(c.id, c.cloze, c.front) for c in restored] == [
        (first, 1, TEXT),
        (second.id, 2, TEXT),
    ]
    assert restored[0].memory.reps == 1


def test_siblings_are_not_offered_on_the_day_one_of_them_is_studied(
    services: Services, clock: FixedClock
) -> None:
    deck = study_deck(services)
    three = "{{c1::One}}, {{c2::two}} and {{c3::three}}"
    first = services.card_edits.add(deck, cloze_content(three))
    services.card_edits.add(deck, cloze_content("{{c1::Alone}} in its note"))
    session = services.study.start_session(deck)
    offered = session.cards_left()
    assert [c.cloze for c in offered] == [1, 1]  # one card of each note
    assert offered[0].id == first
    session.reveal()
    services.study.record(session.grade(Rating.EASY))
    later = services.study.start_session(deck)
    assert [c.front for c in later.cards_left()] == ["{{c1::Alone}} in its note"]
    clock.advance(timedelta(days=1))
    tomorrow = services.study.start_session(deck)
    assert [c.cloze for c in tomorrow.cards_left() if c.front == three] == [2]


def test_siblings_in_different_decks_are_still_buried_together(services: Services) -> None:
    deck = study_deck(services)
    other = services.decks.create("Other").id
    first = services.card_edits.add(deck, cloze_content("{{c1::A}} and {{c2::B}}"))
    second = note_cards(services, first)[1]
    services.card_edits.move([second.id], other)
    session = services.study.start_session(deck)
    session.reveal()
    services.study.record(session.grade(Rating.GOOD))
    assert [c.id for c in services.study.start_session(other).cards_left()] == []
    assert services.card_edits.edit(second.id, cloze_content("{{c1::A}} and {{c2::Bee}}"))
    moved = services.browse.card(second.id)
    assert moved is not None and moved.deck_id == other and moved.front.endswith("Bee}}")


def test_a_cloze_texts_tags_are_checked_as_a_basic_cards_are() -> None:
    """A basic card refuses a tag over 60 characters; a cloze text took it."""
    with pytest.raises(CardContentError) as refused:
        cloze_content(TEXT, "", ["x" * 61])
    assert refused.value.field == "tags" and "over 60 characters" in str(refused.value)


def test_a_gap_inside_a_gap_is_refused_since_anki_would_make_other_cards() -> None:
    with pytest.raises(CardContentError, match="gap inside another gap"):
        cloze_content("{{c1::outer {{c2::inner}} text}}")


def test_a_huge_cloze_text_is_refused_when_its_copies_would_be_too_many() -> None:
    def text(gaps: int) -> str:
        marked = " ".join(f"{{{{c{n}::gap}}}}" for n in range(1, gaps + 1))
        return marked + " x" * ((199_000 - len(marked)) // 2)

    with pytest.raises(CardContentError, match="too long for 81 gaps"):
        cloze_content(text(81))
    assert cloze_content(text(80)).front.startswith("{{c1::gap}}")  # 80 × 199,000 fits


def test_a_cloze_text_with_300_gaps_up_to_c999_adds_300_cards_and_edits_them_at_once(
    services: Services,
) -> None:
    numbers = [*range(1, 300), 999]
    text = " ".join(f"{{{{c{n}::ü}}}}" for n in numbers)
    deck = study_deck(services)
    first = services.card_edits.add(deck, cloze_content(text))

    def gaps() -> list[int]:
        ids = services.browse.search('deck:"Cloze study"')
        return sorted(c.cloze for c in (services.browse.card(i) for i in ids) if c)

    assert gaps() == numbers
    shorter = text.replace("{{c999::ü}}", "gone")
    assert services.card_edits.edit(first, cloze_content(shorter))
    assert gaps() == numbers[:-1]
    services.undo.undo()
    assert gaps() == numbers
    last = services.browse.card(services.browse.search('deck:"Cloze study"')[-1])
    assert last is not None and question_text(last).count("[...]") == 1


def test_the_home_counts_the_new_cards_a_session_offers_siblings_buried(
    services: Services,
) -> None:
    deck = study_deck(services)
    services.card_edits.add(deck, cloze_content("{{c1::One}}, {{c2::two}} and {{c3::three}}"))
    services.card_edits.add(deck, cloze_content("{{c1::A}} and {{c2::B}}"))

    def home_new() -> int:
        return next(row.new for row in services.study.overview() if row.deck_id == deck)

    assert home_new() == len(services.study.start_session(deck).cards_left()) == 2
    session = services.study.start_session(deck)
    session.reveal()
    services.study.record(session.grade(Rating.EASY))
    assert home_new() == len(services.study.start_session(deck).cards_left()) == 1
