"""Search scans the cards not indexed yet with `index_words`: it must split and fold text
exactly as the FTS5 index does (NFKD folding did not: 'ﬁ', '²', 'ǆ', combining marks)."""

from __future__ import annotations

import random
import sqlite3
import unicodedata

import pytest

from trainer.storage.fts_words import index_words, phrase_found

CODE_POINTS = [
    cp
    for cp in (*range(0x80, 0x3000), *range(0xFB00, 0xFB50), *range(0x1D400, 0x1D480))
    if unicodedata.category(chr(cp)) not in ("Cn", "Cs")
]


def fts_words(texts: dict[int, str]) -> dict[int, list[str]]:
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute(
            "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')"
        )
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no FTS5")
    connection.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    connection.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", texts.items())
    found: dict[int, list[str]] = {doc: [] for doc in texts}
    for term, doc in connection.execute("SELECT term, doc FROM v ORDER BY doc, offset"):
        found[doc].append(term)
    return found


def test_every_character_is_split_and_folded_as_the_index_does() -> None:
    texts = {cp: f"q{chr(cp)}q {chr(cp)} Q{chr(cp)}" for cp in CODE_POINTS}
    expected = fts_words(texts)
    differ = {hex(cp): text for cp, text in texts.items() if index_words(text) != expected[cp]}
    assert differ == {}


def test_mixed_text_is_split_as_the_index_does() -> None:
    pick = random.Random(7)
    alphabet = [chr(cp) for cp in CODE_POINTS[::7]] + list("abcXYZ019 _-.'\"*") + ["e\u0301"]
    texts = {n: "".join(pick.choices(alphabet, k=pick.randint(0, 20))) for n in range(3000)}
    expected = fts_words(texts)
    assert [n for n, text in texts.items() if index_words(text) != expected[n]] == []


@pytest.mark.parametrize(
    ("value", "prefix", "fields", "found"),
    [
        ("fish", True, ("ﬁsh", ""), False),  # the index keeps the ligature
        ("ﬁsh", True, ("ﬁsh", ""), True),
        ("cafe", True, ("Un CAFÉ noir", ""), True),
        ("token bucket", False, ("", "Token bucket or leaky"), True),
        ("bucket token", False, ("", "Token bucket or leaky"), False),
        ("rate lim", True, ("Rate limiter", ""), True),
        ("rate lim", False, ("Rate limiter", ""), False),
        ("design cache", True, ("design", "cache"), False),  # a phrase stays in one field
    ],
)
def test_phrases_are_found_as_the_index_finds_them(
    value: str, prefix: bool, fields: tuple[str, ...], found: bool
) -> None:
    assert phrase_found(value, prefix, *fields) is found
