"""Cloze gaps: which cards a text makes, what each asks and shows, and hostile text."""

from __future__ import annotations

import pytest

from trainer.core.cloze import answer, gap_numbers, plain, question

TEXT = "The loop has {{c1::five}} rounds; decide on {{c2::60%::a share}} of the data. {{c1::Five}}."


def test_one_card_per_gap_number_however_often_it_appears() -> None:
    assert gap_numbers(TEXT) == (1, 2)


def test_the_question_hides_only_the_asked_gap_and_shows_a_hint() -> None:
    assert question(TEXT, 1) == "The loop has [...] rounds; decide on 60% of the data. [...]."
    assert question(TEXT, 2) == "The loop has five rounds; decide on [a share] of the data. Five."


def test_the_answer_fills_every_gap_and_marks_the_asked_one() -> None:
    assert answer(TEXT, 2) == "The loop has five rounds; decide on **60%** of the data. Five."
    assert plain(TEXT) == "The loop has five rounds; decide on 60% of the data. Five."


@pytest.mark.parametrize(
    "text",
    ["no gaps here", "{{c::x}}", "{{cX::x}}", "{{c0::zero}}", "{{c1::never closed", "{{c1:x}}"],
)
def test_malformed_gaps_are_plain_text(text: str) -> None:
    assert gap_numbers(text) == ()
    assert question(text, 1) == text


@pytest.mark.parametrize("text", ["{{c1::" * 40_000, "{{c" * 70_000, "{{c1::a}}" * 25_000])
def test_hostile_text_is_read_in_one_pass(text: str) -> None:
    # 200,000 characters: quadratic parsing would take minutes, one pass takes milliseconds.
    numbers = gap_numbers(text)
    assert numbers in {(), (1,)}
    question(text, 1)
