"""Any search a person can type gives cards or one clear line (issue 16, item 9).

The browser's search box and `keeper cards --search` share the parser and the SQL. Text
from hypothesis and hand-made attacks (deep nesting, thousands of terms, huge strings,
NUL, lone surrogates, FTS5 and regex syntax, wildcards that backtrack) must come back as
a list of cards or a SearchError of one short line, never another exception or a hang.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.core import search
from trainer.core.browse import SortColumn
from trainer.core.card_content import card_content
from trainer.core.search import MAX_DEPTH, MAX_TERMS, SearchError
from trainer.services.services import Services

ATTACKS = {
    "400 nested parentheses": "(" * 400 + "a" + ")" * 400,
    "5000 open parentheses": "(" * 5000,
    "400 negated groups": "-(" * 400 + "a",
    "400 minus signs": "-" * 400 + "a",
    "nested or and and": "(a or (b " * 300 + ")" * 600,
    "2000 words or-ed": " or ".join(f"w{i}" for i in range(2000)),
    "2000 tags or-ed": " or ".join(f"tag:t{i}" for i in range(2000)),
    "3000 tags": " ".join(f"tag:t{i}" for i in range(3000)),
    "3000 decks": " ".join(f"deck:d{i}*" for i in range(3000)),
    "a 200,000-letter word": "a" * 200_000,
    "50,000 words": "ab " * 50_000,
    "NUL": "a\x00b",
    "lone surrogate": "a\udcffb",  # what an undecodable byte on the command line becomes
    "FTS5 syntax": 'NEAR(a b, 3) a* ^b front:c {front back}: d "x" + AND OR NOT',
    "regex and LIKE syntax": r".*[a-z]+(?:x)\d{2,}$ \\ %_ ?",
    "unbalanced quotes": '"abc "d" "',
    "unicode": "ＡＢＣ ﬁ Ǆ ß ẞ İ 🙂 e\u0301 \u200b \ufeff \u202e",
    "5000 stars": "*" * 5000,
    "is: quoting HTML": 'is:"<b>x</b>"',
}
BACKTRACKING = {  # before the fix: exponential regex backtracking, a hang
    "deck wildcard": "deck:" + "*a" * 40 + "b",
    "tag wildcard": "tag:" + "*a" * 40 + "b",
}
PIECES = ["(", ")", "-", '"', " ", "or", "and", "deck:", "tag:", "is:", "is:new", "*", "NEAR(",
          "^", ":", "a", "é", "\x00", "\\", "%", "_", "{", "}", "+", "'", "design"]  # fmt: skip


@pytest.fixture
def hostile(services: Services) -> Services:
    """The built-in decks, and a long deck name and tag for wildcards to chew on."""
    deck = services.decks.create("a" * 90)
    services.card_edits.add(deck.id, card_content("front", "back", ["a" * 59]))
    return services


def answered(services: Services, query: str, sort: SortColumn = SortColumn.FRONT) -> object:
    """The cards found, or the error's message; any other exception fails the test."""
    try:
        return services.browse.search(query, sort)
    except SearchError as error:
        message = str(error)
        assert message and "\n" not in message and len(message) < 200, message
        return message


@pytest.mark.parametrize("attack", ATTACKS)
def test_an_attack_finds_cards_or_says_why(hostile: Services, attack: str) -> None:
    for sort in (SortColumn.FRONT, SortColumn.DECK):
        answered(hostile, ATTACKS[attack], sort)
    with contextlib.suppress(SearchError):
        hostile.browse.find(ATTACKS[attack])


def test_deep_nesting_is_refused_in_words(hostile: Services) -> None:
    message = answered(hostile, ATTACKS["400 nested parentheses"])
    assert isinstance(message, str) and "parentheses" in message


def test_a_long_search_is_refused_in_words(hostile: Services) -> None:
    message = answered(hostile, ATTACKS["a 200,000-letter word"])
    assert isinstance(message, str) and "characters" in message


def test_nesting_and_terms_up_to_the_bounds_still_work(hostile: Services) -> None:
    deep = "(" * MAX_DEPTH + "design" + ")" * MAX_DEPTH
    assert answered(hostile, deep) == hostile.browse.search("design")
    tags = " or ".join(f"tag:t{i}" for i in range(MAX_TERMS // 2))
    assert answered(hostile, f"{tags} or design") == hostile.browse.search("design")
    for level in ('-(tag:x* or "->" deck:a* -(', "-(a or b -(", "(a or (tag:b "):  # deepest SQL
        query = level * (MAX_DEPTH // 2) + ")" * MAX_DEPTH
        assert isinstance(answered(hostile, query), list), query


def test_sql_past_sqlites_limits_is_refused_in_words(
    hostile: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "MAX_DEPTH", 1000)  # as if the parser's bound were gone
    message = answered(hostile, "-(tag:a " * 40 + ")" * 40)
    assert message == "the search is too complex: use fewer terms or parentheses"


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=80))
def test_any_text_finds_cards_or_says_why(hostile: Services, query: str) -> None:
    answered(hostile, query)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_mix_of_the_syntax_finds_cards_or_says_why(hostile: Services, query: str) -> None:
    answered(hostile, query)


@pytest.mark.parametrize(
    "query",
    [*BACKTRACKING.values(), ATTACKS["400 nested parentheses"]],
    ids=[*BACKTRACKING, "400 nested parentheses"],
)
def test_the_command_line_answers_in_one_line(
    hostile: Services, data_dir: Path, query: str
) -> None:
    hostile.close()  # the command opens the collection itself
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "--data-dir", str(data_dir), "cards", "--search", query],
        capture_output=True,
        text=True,
        timeout=120,  # guards a hang; it answers in about a second
        env=env,
    )
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    if result.returncode != 0:
        assert result.stderr.startswith("keeper: error: --search: ")
        assert result.stderr.count("\n") == 1
