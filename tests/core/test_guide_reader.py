"""Cards proposed from guides: the two seed guides, and one sample guide per layout."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.guide_reader import Proposal, propose_cards

# The source guides are ours, not the project's: tests marked `seeds` read them from
# <repo>/../shared/seeds and run only when asked (`pytest -m seeds`, as CI does).
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
GUIDES = Path(__file__).resolve().parent / "guides"
PMM_GUIDE = "000_c7f265c2d61c5611.txt"
CS_GUIDE = "003_495920ad492b9a48.txt"
BOILERPLATE = ("Kindle", "Get the full", "Related Reading", "Ready to build", "→", "Join ")


def seed(name: str) -> str:
    if not SEEDS.is_dir():
        pytest.fail(f"seed guides folder missing: {SEEDS} (the seeds tests never skip)")
    path = SEEDS / name
    if not path.is_file():
        pytest.fail(f"seed guide missing: {path}")
    return path.read_text(encoding="utf-8")


def of_kind(proposals: list[Proposal], kind: str) -> list[Proposal]:
    return [p for p in proposals if p.kind == kind]


def standalone_questions(text: str) -> list[str]:
    """Short lines ending in "?" with a blank line (or the file's edge) on each side."""
    lines = ["", *text.splitlines(), ""]
    return [
        line.strip()
        for before, line, after in zip(lines, lines[1:], lines[2:], strict=False)
        if line.strip().endswith("?")
        and len(line.split()) <= 25
        and not before.strip()
        and not after.strip()
    ]


# --- the PMM guide (plain text: headings, "  • " bullets, BAD/GOOD pairs, FAQ) ---


@pytest.mark.seeds
def test_pmm_guide_proposes_every_faq_question_in_order() -> None:
    faqs = of_kind(propose_cards(seed(PMM_GUIDE)), "faq")
    assert [p.front for p in faqs] == [
        "What are the PMM levels and titles at Netflix?",
        "How much does a Netflix PMM earn in 2026?",
        "How does the Netflix PMM interview process work?",
        "What is the actual career trajectory for a PMM at Netflix?",
        "Is it better to be a PMM or a PM at Netflix?",
        'Does Netflix actually fire people for not being "stunning"?',
        "How hard is it to get a PMM role at Netflix?",
    ]
    # every standalone question except the closing sales pitch
    asked = [q for q in standalone_questions(seed(PMM_GUIDE)) if not q.startswith("Ready to")]
    assert [p.front for p in faqs] == asked


@pytest.mark.seeds
def test_pmm_guide_answers_are_the_first_paragraph() -> None:
    faqs = of_kind(propose_cards(seed(PMM_GUIDE)), "faq")
    assert faqs[0].source_lines == (9, 11)
    assert faqs[0].back.startswith("Netflix has effectively collapsed")
    assert faqs[0].back.endswith("not the seniority of the person.")
    assert "Talent Density" not in faqs[0].back  # the second paragraph is left out
    assert faqs[-1] == Proposal(
        "faq",
        "How hard is it to get a PMM role at Netflix?",
        "Extremely hard, with an acceptance rate around 2%. The bar is not just technical "
        "skill, but a specific personality type: high agency, low ego, and a tolerance for "
        "extreme transparency. Most candidates fail not because they can't do the job, but "
        "because they cannot handle the cultural intensity.",
        (72, 74),
    )


@pytest.mark.seeds
def test_pmm_guide_proposes_every_bad_good_pair_with_its_name() -> None:
    mistakes = of_kind(propose_cards(seed(PMM_GUIDE)), "mistake")
    assert mistakes == [
        Proposal(
            "mistake",
            "**Seeking Permission**: what is the stronger answer?\n\n> I would align with "
            "stakeholders to ensure we are on the same page before launching.",
            "Based on the data, I would pivot the strategy and inform the stakeholders of the "
            "change and the expected impact.",
            (52, 54),
            "Seeking Permission",
        ),
        Proposal(
            "mistake",
            "**Over-reliance on Frameworks**: what is the stronger answer?\n\n> First, I'll do "
            "a SWOT analysis to understand the competitive landscape.",
            "The primary friction point for the user is X; I would solve this by changing the "
            "pricing trigger at step Y.",
            (55, 57),
            "Over-reliance on Frameworks",
        ),
        Proposal(
            "mistake",
            "**Modesty in Debriefs**: what is the stronger answer?\n\n> We managed to increase "
            "sign-ups by 10% through a collaborative effort.",
            "I identified the drop-off in the onboarding flow and forced a redesign of the "
            "landing page, which drove the 10% increase.",
            (58, 60),
            "Modesty in Debriefs",
        ),
    ]


@pytest.mark.seeds
def test_pmm_guide_pairs_every_bad_line_with_its_good_line() -> None:
    text = seed(PMM_GUIDE)
    quoted = re.compile(r'^\s*•\s*(BAD|GOOD):\s*"(.*)"\s*$')
    lines = [m.groups() for line in text.splitlines() if (m := quoted.match(line))]
    bad = [words for label, words in lines if label == "BAD"]
    good = [words for label, words in lines if label == "GOOD"]
    mistakes = of_kind(propose_cards(text), "mistake")
    assert len(bad) == len(good) == len(mistakes) == 3
    assert [m.front.split("\n\n> ", 1)[1] for m in mistakes] == bad
    assert [m.back for m in mistakes] == good


@pytest.mark.seeds
def test_pmm_guide_proposes_every_checklist_item() -> None:
    text = seed(PMM_GUIDE)
    items = of_kind(propose_cards(text), "checklist")
    lines = text.splitlines()
    assert [p.source_lines for p in items] == [(n, n) for n in range(43, 49)]
    assert [p.back for p in items] == [lines[n - 1].removeprefix("  • ") for n in range(43, 49)]
    assert {p.title for p in items} == {"Preparation Checklist"}
    assert items[0].front == "**Preparation Checklist** (1 of 6): Audit your past three projects …"


@pytest.mark.seeds
def test_pmm_guide_counts_and_no_boilerplate() -> None:
    proposals = propose_cards(seed(PMM_GUIDE))
    assert Counter(p.kind for p in proposals) == {"faq": 7, "mistake": 3, "checklist": 6}
    for proposal in proposals:
        text = proposal.front + proposal.back
        assert not any(marker in text for marker in BOILERPLATE), proposal
        assert proposal.source_lines[1] < 76  # nothing from the sales footer


# --- the customer-service culture guide (statement titles, values paragraph) ---


@pytest.mark.seeds
def test_culture_guide_proposes_every_question() -> None:
    text = seed(CS_GUIDE)
    faqs = of_kind(propose_cards(text), "faq")
    assert [p.front for p in faqs] == [
        "How is our culture different?",
        "What’s in it for you?",
        "What should you expect from your leaders?",
    ]
    assert [p.front for p in faqs] == standalone_questions(text)
    assert [p.source_lines for p in faqs] == [(19, 21), (35, 37), (47, 49)]
    assert faqs[2].back.startswith("We believe our leaders do their best work")


@pytest.mark.seeds
def test_culture_guide_proposes_the_named_principles() -> None:
    principles = of_kind(propose_cards(seed(CS_GUIDE)), "principle")
    assert [(p.title, p.source_lines) for p in principles] == [
        ("A culture that rules", (1, 3)),
        ("Our Global CS Culture", (5, 7)),
        ("Values are what we value", (9, 17)),
        ("Our approach is unique", (23, 25)),
        ("Be who you are", (27, 29)),
        ("Use your best judgment", (31, 33)),
        ("Solving problems is your calling", (39, 41)),
        ("Opportunity is yours", (43, 45)),
        ("The best experience for everyone", (51, 53)),
    ]
    be_yourself = principles[4]
    assert be_yourself.front == "**Be who you are**: what does it mean?"
    assert be_yourself.back.startswith("Our managers get great outcomes by setting")


@pytest.mark.seeds
def test_culture_guide_makes_every_statement_title_a_principle() -> None:
    text = seed(CS_GUIDE)
    lines = ["", *text.splitlines(), ""]
    statements = [
        " ".join(line.split()).removesuffix(".")  # no-break spaces become spaces
        for before, line, after in zip(lines, lines[1:], lines[2:], strict=False)
        if line.strip().endswith(".")
        and len(line.split()) <= 8
        and not before.strip()
        and not after.strip()
    ]
    principles = of_kind(propose_cards(text), "principle")
    assert len(statements) == 9
    assert [p.title for p in principles] == statements


@pytest.mark.seeds
def test_culture_guide_values_card_holds_the_values_not_the_intro() -> None:
    values = next(p for p in propose_cards(seed(CS_GUIDE)) if p.title.startswith("Values"))
    assert values.front == "**Values are what we value**: which values does it name?"
    named = ("judgment", "courage", "integrity", "passion", "innovation", "impact")
    named += ("communication", "curiosity", "inclusion", "selflessness")
    for value in named:
        assert value in values.back, value
    assert "framed posters" not in values.back


@pytest.mark.seeds
def test_culture_guide_leaves_out_the_sign_up_prompt() -> None:
    proposals = propose_cards(seed(CS_GUIDE))
    assert Counter(p.kind for p in proposals) == {"faq": 3, "principle": 9}
    assert not any("Join" in p.front + p.back for p in proposals)
    assert proposals[0].back.endswith("You were born for this.")


# --- sample guides in other layouts: the exact proposals ---


def mistake(weak: str, strong: str, lines: tuple[int, int], name: str = "") -> Proposal:
    ask = f"**{name}**: what is the stronger answer?" if name else "What is the stronger answer?"
    return Proposal("mistake", f"{ask}\n\n> {weak}", strong, lines, name)


def principle(term: str, back: str, lines: tuple[int, int], section: str) -> Proposal:
    front = f"**{term}** ({section}): what does it mean?"
    return Proposal("principle", front, back, lines, term)


def item(title: str, position: str, lead: str, back: str, line: int) -> Proposal:
    front = f"**{title}** ({position}): {lead} …"
    return Proposal("checklist", front, back, (line, line), title)


EXPECTED: dict[str, list[Proposal]] = {
    "markdown_faq.md": [
        Proposal(
            "faq",
            "How long does the loop take?",
            "Usually three to five weeks from recruiter call to offer.",
            (7, 9),
            "FAQ",
        ),
        Proposal(
            "faq",
            "What do interviewers look for?",
            "- Judgment under ambiguity\n- Candor about trade-offs",
            (13, 16),
            "FAQ",
        ),
        Proposal(
            "faq",
            "Is a cover letter needed?",
            "No. A short note to the recruiter is enough.",
            (18, 22),
            "FAQ",
        ),
    ],
    "qa_blocks.txt": [
        Proposal(
            "faq",
            "What is the Keeper Test?",
            "Managers ask whether they would fight to keep you if you said you were leaving. "
            "Most people hear about it in the first round.",
            (3, 5),
            "Interview questions we hear",
        ),
        Proposal(
            "faq",
            "How many rounds are there in a typical loop?",
            "Four to six.",
            (7, 9),
            "Interview questions we hear",
        ),
        Proposal(
            "faq",
            "Who makes the final call?",
            "The hiring manager, after the debrief.",
            (11, 13),
            "Interview questions we hear",
        ),
        Proposal(
            "faq",
            "Can I bring notes?",
            "Yes, one page.",
            (19, 20),
            "Interview questions we hear",
        ),
    ],
    "do_dont.md": [
        mistake(
            "I think maybe we could consider testing it.",
            "I recommend we test it next week.",
            (3, 5),
            "Hedging",
        ),
        mistake(
            "Listing every stakeholder you consulted.",
            "Name the decision you made and why.",
            (7, 8),
        ),
        mistake('Say "we" when you mean "I".', 'Say "I decided".', (14, 19)),
        mistake("Ask who approves your work.", "Ask what outcome matters most.", (15, 20)),
        mistake(
            "I followed the brief.",
            "I pushed back on the brief because the data said otherwise.",
            (24, 25),
        ),
    ],
    "instead_of.txt": [
        mistake("we decided to launch", "I decided to launch", (3, 3), "Ownership"),
        mistake("I'm not sure", "My hypothesis is X, and here is how I'd test it", (4, 4)),
        item(
            "Sharper answers",
            "1 of 1",
            "Our leaders set",
            "Our leaders set context instead of controlling their people.",
            5,
        ),
        mistake("huge growth", "a 12% lift in retention", (7, 7)),
    ],
    "task_list.md": [
        item(
            "Preparation plan",
            "1 of 3",
            "Read the",
            "Read the Netflix culture memo twice.",
            5,
        ),
        item(
            "Preparation plan",
            "2 of 3",
            "Write three stories",
            "Write three stories about decisions you owned, with numbers.",
            6,
        ),
        item("Preparation plan", "3 of 3", "Rehearse", "Rehearse out loud", 7),
        Proposal(
            "checklist",
            "**Interview loop**: which 3 steps, in order?",
            "1. Recruiter screen\n2. Hiring manager call\n3. Panel",
            (11, 13),
            "Interview loop",
        ),
        item("Day-of reminders", "1 of 3", "Charge", "Charge the laptop", 17),
        item(
            "Day-of reminders",
            "2 of 3",
            "Print the job description",
            "Print the job description and mark the three skills it stresses most",
            18,
        ),
        item("Day-of reminders", "3 of 3", "Not a task", "Not a task: an ordinary bullet.", 19),
    ],
    "principles.md": [
        principle(
            "Candor",
            "Say what you think, to the person's face, with care.",
            (3, 3),
            "What Netflix values",
        ),
        principle("Courage", "Make hard calls and own them.", (5, 5), "What Netflix values"),
        principle("Judgment", "You make wise decisions despite ambiguity.", (11, 11), "Our values"),
        principle(
            "Selflessness",
            "You seek what is best for Netflix rather than for yourself.",
            (12, 12),
            "Our values",
        ),
        principle(
            "Context, not control",
            "Leaders give people the context they need instead of approving every decision.",
            (16, 18),
            "Leadership principles",
        ),
        principle(
            "Highly aligned, loosely coupled",
            "Teams agree on the goals and work out the tactics themselves.",
            (20, 22),
            "Leadership principles",
        ),
    ],
    "values.txt": [
        principle("Curiosity", "You learn rapidly and eagerly.", (3, 3), "Our core values"),
        principle(
            "Inclusion",
            "You collaborate effectively with people of diverse backgrounds.",
            (5, 5),
            "Our core values",
        ),
        principle(
            "Impact", "You accomplish amazing amounts of important work.", (7, 7), "Our core values"
        ),
        item(
            "Preparation checklist",
            "1 of 2",
            "Pick one value",
            "Pick one value and write a story that shows it.",
            11,
        ),
        item(
            "Preparation checklist",
            "2 of 2",
            "Ask a",
            "Ask a friend to play the skeptical interviewer.",
            12,
        ),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_guide_gives_exactly_the_expected_proposals(name: str) -> None:
    text = (GUIDES / name).read_text(encoding="utf-8")
    assert propose_cards(text) == EXPECTED[name]


def test_every_sample_guide_has_an_expectation() -> None:
    assert sorted(p.name for p in GUIDES.iterdir() if p.suffix in (".md", ".txt")) == sorted(
        EXPECTED
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_windows_line_endings_give_the_same_cards(name: str) -> None:
    text = (GUIDES / name).read_text(encoding="utf-8")
    assert propose_cards(text.replace("\n", "\r\n")) == propose_cards(text)


def test_plain_text_short_answer_stays_an_answer() -> None:
    text = "Is it hard?\n\nYes.\n\nWhat next?\n\nPrepare.\n"
    assert propose_cards(text) == [
        Proposal("faq", "Is it hard?", "Yes.", (1, 3)),
        Proposal("faq", "What next?", "Prepare.", (5, 7)),
    ]


def test_text_without_structure_gives_no_cards() -> None:
    assert propose_cards("") == []
    assert propose_cards("Just one long paragraph of prose, with nothing to learn from it.") == []


def test_guide_reader_is_plain_python() -> None:
    code = (
        "import sys, trainer.core.guide_reader; "
        "print(sorted(m for m in ('PySide6', 'sqlalchemy', 'trainer.storage', "
        "'trainer.services') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


_guide_lines = st.lists(
    st.one_of(
        st.sampled_from(
            [
                *("", "FAQ", "Preparation", "## Values", "- [ ] Task", "BAD: x", "GOOD: y"),
                *("Q: why?", "### Don't", "### Do", "1. Say it.", "- Say less", "Part 2: Case"),
                *('Rather than "x", say "y".', "Don't x. Do y now.", "Why? Because.", "Notes   3"),
                *("Avoid x; say the y", 'Swap "a" for b', "Steps:", "**Term**: z"),
            ]
        ),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(_guide_lines)
def test_any_text_gives_well_formed_proposals_in_source_order(lines: list[str]) -> None:
    text = "\n".join(lines)
    proposals = propose_cards(text)
    line_count = len(text.splitlines())
    for proposal in proposals:
        first, last = proposal.source_lines
        assert 1 <= first <= last <= line_count
        assert proposal.kind in {"faq", "mistake", "principle", "checklist"}
        assert proposal.front.strip() and proposal.back.strip()
    assert proposals == sorted(proposals, key=lambda p: p.source_lines)
