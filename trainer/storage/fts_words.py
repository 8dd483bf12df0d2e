"""The words the full-text index sees in a text, exactly: for cards not indexed yet.

Search scans the cards an import left out of the index (storage/search_index.py) and must
find exactly what the index would. Python's own folding is not the index's: FTS5's
`unicode61 remove_diacritics 2` keeps 'ﬁ', '²' and 'ǆ' as they are where NFKD splits them,
and treats a combining overline as a space. So each character other than ASCII is asked of
SQLite's own tokenizer once (an in-memory FTS5 table, a few microseconds a character) and
remembered: the tokenizer folds and splits one character at a time, whatever surrounds it.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from functools import lru_cache

_ASCII_WORD = re.compile(r"[a-z0-9]+")
_SEPARATOR = None  # what `_fold` gives for a character that splits words


class _Tokenizer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._folds: dict[str, str | None] = {}
        self._probe: sqlite3.Connection | None = None

    def fold(self, char: str) -> str | None:
        """The text `char` becomes inside a word (often itself, lower case, no accent; may
        be empty), or None when it separates words."""
        found = self._folds.get(char, "\0")
        if found != "\0":
            return found
        with self._lock:
            if self._probe is None:
                self._probe = sqlite3.connect(":memory:", check_same_thread=False)
                self._probe.execute(
                    "CREATE VIRTUAL TABLE probe USING fts5(x, "
                    "tokenize='unicode61 remove_diacritics 2')"
                )
                self._probe.execute("CREATE VIRTUAL TABLE terms USING fts5vocab(probe, 'row')")
            probe = self._probe
            probe.execute("DELETE FROM probe")
            probe.execute("INSERT INTO probe (x) VALUES (?)", (f"a{char}b",))
            terms = [row[0] for row in probe.execute("SELECT term FROM terms")]
        folded = terms[0][1:-1] if len(terms) == 1 else _SEPARATOR  # 'aXb', or 'a' and 'b'
        self._folds[char] = folded
        return folded


_TOKENIZER = _Tokenizer()


def index_words(text: str) -> list[str]:
    """The words of `text` as the index holds them, in order."""
    if text.isascii():
        return _ASCII_WORD.findall(text.lower())
    found: list[str] = []
    word: list[str] = []
    fold = _TOKENIZER.fold
    for char in text:
        if char.isascii():
            folded: str | None = char.lower() if char.isalnum() else _SEPARATOR
        else:
            folded = fold(char)
        if folded is _SEPARATOR:
            if word:
                found.append("".join(word))
                word = []
        else:
            word.append(folded)
    if word:
        found.append("".join(word))
    return [w for w in found if w]


@lru_cache(maxsize=64)
def _phrase_words(value: str) -> tuple[str, ...]:
    return tuple(index_words(value.rstrip("*")))


def phrase_found(value: str, prefix: bool, *fields: str) -> bool:
    """Whether the index would find the phrase `value` (its last word as a prefix when
    `prefix`) in one of `fields`: its words one after the other in one field."""
    wanted = _phrase_words(value)
    if not wanted:
        return False
    first = wanted[0]
    for field in fields:
        if field.isascii() and first.isascii() and first not in field.lower():
            continue  # most text: a missing word is found missing without splitting it
        found = index_words(field)
        size = len(wanted)
        for start in range(len(found) - size + 1):
            if tuple(found[start : start + size - 1]) != wanted[:-1]:
                continue
            last = found[start + size - 1]
            if last == wanted[-1] or (prefix and last.startswith(wanted[-1])):
                return True
    return False
