"""The search syntax: every operator parsed, combined, and what each one matches."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.cards import Card, Memory
from trainer.core.model import CardId, CardState, DeckId
from trainer.core.search import (
    And,
    Everything,
    HasStatus,
    HasTag,
    InDeck,
    Not,
    Or,
    SearchError,
    Status,
    Text,
    fold,
    matches,
    parse,
    tag_regex,
    text_query,
    wildcard_regex,
    words,
)

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)


def card(front: str = "", back: str = "", tags: tuple[str, ...] = (), **memory: object) -> Card:
    suspended = bool(memory.pop("suspended", False))
    return Card(
        id=CardId(1),
        deck_id=DeckId(1),
        front=front,
        back=back,
        tags=tags,
        memory=Memory(**memory),  # type: ignore[arg-type]
        suspended=suspended,
    )


def found(query: str, target: Card, deck: str = "Deck") -> bool:
    return matches(parse(query), target, deck, NOW)


# Parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ("", Everything()),
        ("   ", Everything()),
        ("design", Text("design")),
        ("design review", And((Text("design"), Text("review")))),
        ('"system design"', Text("system design")),
        ('"  system   design "', Text("system design")),
        ("deck:Python", InDeck("Python")),
        ("deck:py*", InDeck("py*")),
        ('deck:"System design"', InDeck("System design")),
        ("DECK:x", InDeck("x")),
        ("tag:faq", HasTag("faq")),
        ("is:new", HasStatus(Status.NEW)),
        ("is:Learning", HasStatus(Status.LEARNING)),
        ("is:review", HasStatus(Status.REVIEW)),
        ("is:due", HasStatus(Status.DUE)),
        ("is:suspended", HasStatus(Status.SUSPENDED)),
        ("-design", Not(Text("design"))),
        ("-tag:faq", Not(HasTag("faq"))),
        ('-"a b"', Not(Text("a b"))),
        ("--design", Text("design")),
        ("a or b", Or((Text("a"), Text("b")))),
        ("a OR b Or c", Or((Text("a"), Text("b"), Text("c")))),
        ("a b or c", Or((And((Text("a"), Text("b"))), Text("c")))),
        ("a and b", And((Text("a"), Text("b")))),
        ("(a or b) c", And((Or((Text("a"), Text("b"))), Text("c")))),
        ("-(a or b)", Not(Or((Text("a"), Text("b"))))),
        ("((a))", Text("a")),
        ("f(x) y", And((Text("f(x)"), Text("y")))),
        ("(f(x) or y)", Or((Text("f(x)"), Text("y")))),
        ("well-known", Text("well-known")),
    ],
)
def test_parse(query: str, tree: object) -> None:
    assert parse(query) == tree


def test_everything_combined() -> None:
    query = 'design "system design" deck:py* tag:faq -is:suspended (is:new or is:due)'
    assert parse(query) == And(
        (
            Text("design"),
            Text("system design"),
            InDeck("py*"),
            HasTag("faq"),
            Not(HasStatus(Status.SUSPENDED)),
            Or((HasStatus(Status.NEW), HasStatus(Status.DUE))),
        )
    )


@pytest.mark.parametrize(
    ("query", "tree"),
    [
        ('"unfinished phrase', Text("unfinished phrase")),
        ("(a or b", Or((Text("a"), Text("b")))),
        ("a)", Text("a)")),
        ("a or", Text("a")),
        ("or a", Text("a")),
        ("a -", Text("a")),
        ("-", Everything()),
        ("deck:", Everything()),
        ('tag:"', Everything()),
        ('""', Everything()),
        ("()", Everything()),
    ],
)
def test_half_typed_queries_are_read_leniently(query: str, tree: object) -> None:
    assert parse(query) == tree


def test_an_unknown_state_is_an_error_that_lists_the_known_ones() -> None:
    with pytest.raises(SearchError, match="is:soon is not known.*is:new.*is:suspended"):
        parse("is:soon")


def test_type_picks_a_card_type_and_an_unknown_one_lists_the_known_ones() -> None:
    from trainer.core.model import CardKind
    from trainer.core.search import HasKind

    assert parse("type:Cloze") == HasKind(CardKind.CLOZE)
    assert parse('-type:"spoken"') == Not(HasKind(CardKind.SPOKEN))
    with pytest.raises(SearchError, match="type:essay is not known; use type:basic, type:cloze"):
        parse("type:essay")


# Words -----------------------------------------------------------------------------------


def test_fold_drops_case_and_accents() -> None:
    assert fold("Ébauche Café NAÏVE") == "ebauche cafe naive"
    assert words("Qu'est-ce qu'un **cache**?") == ["qu", "est", "ce", "qu", "un", "cache"]


def test_text_query_words_and_prefix() -> None:
    assert text_query("design") == (("design",), True)
    assert text_query("design*") == (("design",), True)
    assert text_query("system design") == (("system", "design"), True)
    assert text_query("c++") == (("c",), False)
    assert text_query("->") == ((), False)


# Matching --------------------------------------------------------------------------------

SAMPLE = card(
    "Describe a **system design** you owned",
    "We rebuilt the café's ordering flow; résumé-ready.",
    ("behavioral", "system-design"),
)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("design", True),
        ("DESIGN", True),
        ("desi", True),  # the start of a word
        ("esign", False),  # not the inside of one
        ("cafe", True),  # accents ignored
        ("RESUME", True),
        ("cafés", False),
        ("design owned", True),  # all words must match
        ("design missing", False),
        ('"system design"', True),
        ('"design system"', False),
        ('"system des"', True),  # the last word of a phrase may be a start
        ('"sys design"', False),
        ("behavioral", True),  # tags are searched too
        ("-design", False),
        ("-missing", True),
        ("missing or cafe", True),
        ("missing or absent", False),
        ("(missing or cafe) owned", True),
        ("-(missing or cafe)", False),
        ("'s", True),  # "café's": the word "s" follows an apostrophe
        ("flow;", True),
        ("->", True),  # "-" negates: no ">" in the card
    ],
)
def test_text(query: str, expected: bool) -> None:
    assert found(query, SAMPLE) is expected


def test_punctuation_only_matches_a_substring_of_front_or_back() -> None:
    arrow = card("a -> b", "c")
    assert found('"->"', arrow)
    assert not found('"->"', card("a > b", "c"))
    assert found('"=="', card("x", "A == B"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("deck:python", True),
        ("deck:PYTHON", True),
        ("deck:pyth", False),  # the whole name
        ("deck:pyth*", True),
        ("deck:*thon", True),
        ("deck:p*n", True),
        ("deck:*", True),
        ('deck:"python"', True),
        ("deck:java", False),
        ("-deck:java", True),
    ],
)
def test_deck(query: str, expected: bool) -> None:
    assert found(query, SAMPLE, deck="Python") is expected


def test_deck_names_ignore_accents_and_may_hold_spaces() -> None:
    assert found('deck:"systeme design"', SAMPLE, deck="Système Design")
    assert found("deck:sys*", SAMPLE, deck="Système Design")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tag:behavioral", True),
        ("tag:Behavioral", True),
        ("tag:behav", False),  # the whole tag
        ("tag:behav*", True),
        ("tag:*design", True),
        ("tag:system-design", True),
        ("tag:system", False),
        ("tag:*", True),
        ("-tag:behavioral", False),
    ],
)
def test_tag(query: str, expected: bool) -> None:
    assert found(query, SAMPLE) is expected


def test_a_card_without_tags_has_no_tag() -> None:
    assert not found("tag:*", card("a", "b"))


NEW = card("q", "a")
LEARNING = card("q", "a", state=CardState.LEARNING, due=NOW + timedelta(minutes=5))
RELEARNING = card("q", "a", state=CardState.RELEARNING, due=NOW - timedelta(minutes=5))
REVIEW_DUE = card("q", "a", state=CardState.REVIEW, due=NOW - timedelta(days=1))
REVIEW_LATER = card("q", "a", state=CardState.REVIEW, due=NOW + timedelta(days=3))
SUSPENDED_DUE = replace(REVIEW_DUE, suspended=True)


@pytest.mark.parametrize(
    ("status", "cards"),
    [
        ("new", {"NEW"}),
        ("learning", {"LEARNING", "RELEARNING"}),
        ("review", {"REVIEW_DUE", "REVIEW_LATER", "SUSPENDED_DUE"}),
        ("due", {"RELEARNING", "REVIEW_DUE"}),  # suspended cards are never due
        ("suspended", {"SUSPENDED_DUE"}),
    ],
)
def test_is(status: str, cards: set[str]) -> None:
    every = {
        "NEW": NEW,
        "LEARNING": LEARNING,
        "RELEARNING": RELEARNING,
        "REVIEW_DUE": REVIEW_DUE,
        "REVIEW_LATER": REVIEW_LATER,
        "SUSPENDED_DUE": SUSPENDED_DUE,
    }
    assert {name for name, target in every.items() if found(f"is:{status}", target)} == cards
    assert {name for name, target in every.items() if found(f"-is:{status}", target)} == (
        set(every) - cards
    )


def test_operators_combined() -> None:
    query = "design deck:py* -tag:faq (is:new or is:due) -is:suspended"
    assert found(query, SAMPLE, deck="Python")
    assert not found(query, SAMPLE, deck="Java")
    assert not found(query, replace(SAMPLE, tags=("faq",)), deck="Python")
    assert not found(query, replace(SAMPLE, suspended=True), deck="Python")
    assert not found(query, replace(SAMPLE, memory=REVIEW_LATER.memory), deck="Python")
    assert found(query, replace(SAMPLE, memory=REVIEW_DUE.memory), deck="Python")


def test_or_binds_looser_than_the_implicit_and() -> None:
    # "a b or c" is "(a b) or c"
    assert found("missing design or owned", SAMPLE)
    assert not found("missing (design or owned)", SAMPLE)


@settings(max_examples=300, deadline=None)
@given(
    pattern=st.text(alphabet="ab*", max_size=8),
    name=st.text(alphabet="ab ", max_size=10),
)
def test_wildcards_mean_what_plain_backtracking_means(pattern: str, name: str) -> None:
    """The regexes take each part at its first fit (no exponential backtracking); they
    must find exactly what the plain `.*` regex finds."""
    plain = ".*".join(re.escape(part) for part in pattern.split("*"))
    assert bool(wildcard_regex(pattern).fullmatch(name)) == bool(
        re.fullmatch(plain, name, re.DOTALL)
    )
    tags = f" {name} "
    assert bool(tag_regex(pattern).search(tags)) == bool(
        re.search(f" {plain} ", tags, re.DOTALL | re.IGNORECASE | re.ASCII)
    )


def test_ankis_spellings_of_is_are_understood() -> None:
    from trainer.core.search import HasStatus, Status, parse

    assert parse("is:learn") == parse("is:learning") == HasStatus(Status.LEARNING)
    assert parse("is:susp") == parse("is:suspended")
    assert parse("IS:LEARN") == HasStatus(Status.LEARNING)
