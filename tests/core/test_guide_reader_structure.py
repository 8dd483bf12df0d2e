"""The guide reader reads structure wherever it is (issue 20): tips under any heading,
questions asked in prose, the many "not this, but that" forms, Do/Don't lists paired only
when they mirror, fronts that never hold their answer, and the section kept in fronts."""

from __future__ import annotations

import pytest

from tests.core.guide_corpus.evaluate import (
    ExpectedCard,
    Guide,
    load_corpus,
    normalise,
    score,
    wrong_reason,
)
from trainer.core.guide_reader import Proposal, propose_cards


def of_kind(proposals: list[Proposal], kind: str) -> list[Proposal]:
    return [p for p in proposals if p.kind == kind]


PLAIN_PROSE = """\
Seven things I wish I had known before my first marketing interview

Nobody told me these. I learned them the slow way.

1. Research the product by using it for a week.
2. Write down three customer complaints you found in reviews.
3. Prepare one story about a campaign that failed.
4. Know the company's pricing page better than the recruiter does.
5. Practise your answers out loud with a timer.
6. Send a follow-up note the same evening.

{question}

Rather than saying "I am a people person", say "I ran the weekly sync for four teams".
""".format(
    question="How do you handle a question you cannot answer? Say what you would check first "
    "and how long it would take. Guessing sounds worse than a plan."
)


def test_numbered_tips_under_any_title_each_give_a_card() -> None:
    tips = of_kind(propose_cards(PLAIN_PROSE), "checklist")
    assert [p.back for p in tips] == [
        "Research the product by using it for a week.",
        "Write down three customer complaints you found in reviews.",
        "Prepare one story about a campaign that failed.",
        "Know the company's pricing page better than the recruiter does.",
        "Practise your answers out loud with a timer.",
        "Send a follow-up note the same evening.",
    ]
    assert all("Seven things I wish I had known" in p.front for p in tips)
    assert [p.source_lines for p in tips] == [(n, n) for n in range(5, 11)]


def test_a_question_asked_in_a_paragraph_gives_a_card() -> None:
    [faq] = of_kind(propose_cards(PLAIN_PROSE), "faq")
    assert faq.front.endswith("How do you handle a question you cannot answer?")
    assert faq.back == (
        "Say what you would check first and how long it would take. "
        "Guessing sounds worse than a plan."
    )
    assert faq.source_lines == (12, 12)


def test_a_question_ending_its_paragraph_is_answered_by_the_next() -> None:
    text = (
        "Pricing rounds\n\nThey will test your maths. Can you size a market?\n\n"
        "Yes: start from the number of buyers, not from the total market.\n"
    )
    [faq] = of_kind(propose_cards(text), "faq")
    assert faq.front.endswith("Can you size a market?")
    assert faq.back.startswith("Yes: start from the number of buyers")
    assert faq.source_lines == (3, 5)


def test_a_quoted_question_inside_a_sentence_is_not_a_question() -> None:
    text = 'The debrief\n\nThe panel never asks "Is this person smart?" They compare notes.\n'
    assert of_kind(propose_cards(text), "faq") == []


@pytest.mark.parametrize(
    ("line", "weak", "strong"),
    [
        (
            'Rather than saying "I am a people person", say "I ran the weekly sync".',
            "I am a people person",
            "I ran the weekly sync",
        ),
        (
            'Avoid "I am a perfectionist"; name a real weakness and how you work on it.',
            "I am a perfectionist",
            "name a real weakness and how you work on it",
        ),
        (
            "Don't list every tool you know. Do name the two you used this year.",
            "Don't list every tool you know",
            "Name the two you used this year",
        ),
        (
            "Never say you have no questions. Ask what success looks like in six months.",
            "Never say you have no questions",
            "Ask what success looks like in six months",
        ),
        (
            'Instead of "I was involved in", describe the part you owned.',
            "I was involved in",
            "describe the part you owned",
        ),
        (
            'Swap "synergy" for the name of the two teams that worked together.',
            "synergy",
            "the name of the two teams that worked together",
        ),
        ('Replace "a lot of users" with the actual number.', "a lot of users", "the actual number"),
    ],
)
def test_every_not_this_but_that_form_gives_a_rewrite(line: str, weak: str, strong: str) -> None:
    [card] = propose_cards(f"Wording\n\nA few habits help. {line}\n")
    assert card.kind == "mistake"
    assert card.front.endswith(f"\n\n> {weak}")
    assert card.back == strong
    assert card.source_lines == (3, 3)


LISTS = """\
## Talking about your launch

### Do

- Say "we" for the parts the whole team built.
- Give a before-and-after number.

### Don't

- Read from your slides.
- Apologise for the small budget.
"""


def test_do_and_dont_lists_that_do_not_mirror_give_one_card_each() -> None:
    proposals = propose_cards(LISTS)
    assert of_kind(proposals, "mistake") == []
    assert [(p.back, p.source_lines) for p in proposals] == [
        ('Say "we" for the parts the whole team built.', (5, 5)),
        ("Give a before-and-after number.", (6, 6)),
        ("Read from your slides.", (10, 10)),
        ("Apologise for the small budget.", (11, 11)),
    ]
    assert all("Talking about your launch" in p.front for p in proposals)
    assert ["Don't" in p.front for p in proposals] == [False, False, True, True]


def test_do_and_dont_lists_pair_only_the_items_that_mirror() -> None:
    text = LISTS.replace("- Apologise for the small budget.", '- Say "I" for everything.')
    proposals = propose_cards(text)
    [rewrite] = of_kind(proposals, "mistake")
    assert rewrite.front.endswith('> Say "I" for everything.')
    assert rewrite.back == 'Say "we" for the parts the whole team built.'
    assert rewrite.source_lines == (5, 11)
    assert [p.back for p in of_kind(proposals, "checklist")] == [
        "Give a before-and-after number.",
        "Read from your slides.",
    ]


def test_value_cards_keep_their_section() -> None:
    text = "## What the bar raiser checks\n\n- **Ownership**: you name the calls that were yours.\n"
    [card] = propose_cards(text)
    assert card.front == "**Ownership** (What the bar raiser checks): what does it mean?"
    assert card.back == "you name the calls that were yours."


@pytest.mark.parametrize(
    "tip",
    [
        "Quantify the launch with a before-and-after number.",
        "Research the company. Read its last three earnings calls.",
        "Open with the customer problem, then the product.",
        "Rehearse.",
        "Pick one segment: say out loud which ones you leave out.",
    ],
)
def test_tip_fronts_never_show_the_tips_first_sentence(tip: str) -> None:
    [card] = propose_cards(f"Checklist for the day\n\n- {tip}\n- Sleep well the night before.\n")[
        :1
    ]
    first_sentence = tip.split(". ")[0].rstrip(".")
    assert card.back == tip
    assert first_sentence not in card.front
    assert card.front.startswith("**Checklist for the day** (1 of 2)")


FOUR_SECTIONS = """\
## Before the loop

Reread the job post and circle the three skills it repeats.

## The case round

The case round is a forty-minute whiteboard exercise on one of the company's products.

- State the goal before you draw anything.
- Pick one user and stay with them.

## The bar raiser

The bar raiser is a senior interviewer from outside the team who can block the offer.

## After the loop

Write down every question you were asked while you still remember them.
"""


def test_four_sections_of_advice_each_give_their_cards() -> None:
    proposals = propose_cards(FOUR_SECTIONS)
    backs = [p.back for p in proposals]
    assert backs == [
        "Reread the job post and circle the three skills it repeats.",
        "The case round is a forty-minute whiteboard exercise on one of the company's products.",
        "State the goal before you draw anything.",
        "Pick one user and stay with them.",
        "The bar raiser is a senior interviewer from outside the team who can block the offer.",
        "Write down every question you were asked while you still remember them.",
    ]
    assert proposals[4].front.startswith("**The bar raiser**")
    assert [p.source_lines for p in proposals] == [
        (1, 3),
        (5, 7),
        (9, 9),
        (10, 10),
        (12, 14),
        (16, 18),
    ]


def test_pdf_page_lines_and_numbered_section_titles() -> None:
    text = (
        "Interview Notes                          Page 7\n\n"
        "Part 3: The pricing case\n\n"
        "Steps:\n1. Ask who pays and who uses the product,\nsince they differ.\n"
        "2. Anchor on the cheapest credible alternative.\n\n"
        "Interview Notes                          Page 8\n"
    )
    proposals = propose_cards(text)
    assert [(p.back, p.source_lines) for p in proposals] == [
        ("Ask who pays and who uses the product, since they differ.", (6, 7)),
        ("Anchor on the cheapest credible alternative.", (8, 8)),
    ]
    assert all("Part 3: The pricing case" in p.front for p in proposals)
    assert not any("Page" in p.front + p.back for p in proposals)


def test_corpus_tuning_guides_meet_the_targets() -> None:
    scores = [score(guide) for guide in load_corpus() if guide.split == "tune"]
    expected = sum(len(s.guide.cards) for s in scores)
    answered = sum(len(s.answered) for s in scores)
    assert answered / expected >= 0.9, [(s.guide.file, [c.back for c in s.missed]) for s in scores]
    assert [(s.guide.file, s.wrong) for s in scores if s.wrong] == []


def test_term_lines_without_a_period_stay_values_not_titles() -> None:
    text = "Our values\n\nCandor: Say what you think\n\nCourage: Make hard calls\n"
    assert [(p.front, p.back) for p in propose_cards(text)] == [
        ("**Candor** (Our values): what does it mean?", "Say what you think"),
        ("**Courage** (Our values): what does it mean?", "Make hard calls"),
    ]


@pytest.mark.parametrize("guide", load_corpus(), ids=lambda guide: guide.file)
def test_corpus_guides_read_the_same_with_windows_line_endings(guide: Guide) -> None:
    text = guide.text()
    assert propose_cards(text.replace("\n", "\r\n")) == propose_cards(text)


def test_the_evaluation_counts_a_wrong_pairing_and_a_give_away() -> None:
    cards = (
        ExpectedCard(("story",), "market problem"),
        ExpectedCard(("story",), "before-and-after number"),
        ExpectedCard(("we shipped it",), "i shipped it"),
    )
    paired_wrongly = normalise("What is the stronger answer?\n\n> We shipped it.")
    assert "answers 'before-and-after number'" in wrong_reason(
        paired_wrongly, normalise("Give a before-and-after number."), cards
    )
    gives_away = normalise("**Story** (1 of 1): Give a before-and-after number …")
    assert "gives away" in wrong_reason(
        gives_away, normalise("Give a before-and-after number."), cards
    )
    fine = normalise("**Story** (1 of 1): Give a …")
    assert wrong_reason(fine, normalise("Give a before-and-after number."), cards) == ""


def test_a_list_of_questions_is_one_card_not_a_tip_each() -> None:
    text = "## Questions to expect\n\n- Why this company?\n- How would you price a new tier?\n"
    assert propose_cards(text) == [
        Proposal(
            "checklist",
            "**Questions to expect**: which 2 questions?",
            "- Why this company?\n- How would you price a new tier?",
            (3, 4),
            "Questions to expect",
        )
    ]


def test_a_rewrite_inside_an_answer_does_not_take_the_answer_from_its_question() -> None:
    text = (
        "## How should I talk about failure?\n\n"
        'Pick a real one. Avoid "I work too hard"; name a real miss and what you changed.\n'
    )
    faq, rewrite = propose_cards(text)
    assert (faq.kind, faq.front, faq.source_lines) == (
        "faq",
        "How should I talk about failure?",
        (1, 3),
    )
    assert faq.back.startswith("Pick a real one. Avoid")
    assert (rewrite.kind, rewrite.back) == ("mistake", "name a real miss and what you changed")


def test_a_list_of_facts_is_one_card_whose_front_shows_none_of_them() -> None:
    text = "## Format\n\n- 45 minutes, one interviewer\n- One open prompt about a product\n"
    assert propose_cards(text) == [
        Proposal(
            "checklist",
            "**Format**: which 2 items?",
            "- 45 minutes, one interviewer\n- One open prompt about a product",
            (3, 4),
            "Format",
        )
    ]


def test_a_tip_cue_stops_at_a_break_only_early_in_the_sentence() -> None:
    text = "## The answer\n\n- List three user problems, then pick one and say why.\n- Sleep.\n"
    tip = propose_cards(text)[0]
    assert tip.front == "**The answer** (1 of 2): List three user …"


def test_a_plain_title_line_right_above_its_text_opens_a_section() -> None:
    text = (
        "Notes from our call, as promised, about the interview on Thursday.\n\n"
        "The writing test\n"
        "They will send you a brief and give you two hours. Write the headline last.\n"
    )
    [card] = propose_cards(text)
    assert card.front == "**The writing test**: what should you know?"
    assert card.back == (
        "They will send you a brief and give you two hours. Write the headline last."
    )
    assert card.source_lines == (3, 4)


def test_better_after_a_mistake_in_a_paragraph_is_a_rewrite() -> None:
    text = (
        "Openings\n\nA common mistake is opening with a definition. "
        "Better: open with the reader's problem.\n"
    )
    [card] = propose_cards(text)
    assert card.kind == "mistake"
    assert card.front.endswith("> A common mistake is opening with a definition")
    assert card.back == "open with the reader's problem"
