"""Version 12: the full-text index keeps its words' first letters, for short prefixes."""

from __future__ import annotations

import sqlite3

# Version 12: `card_text` again, with FTS5 prefix indexes of 1, 2 and 3 characters. A search's
# last word is a prefix (`a` finds 'apple'), and without them FTS5 merges the postings of
# every word starting with it: the browser's first rows of `a` or `the` at 100,000 cards
# spent 20-30 ms in SQL. FTS5 cannot add a prefix index to a table, so the table is made
# again and rebuilt from the cards (1-2 s at 100,000 cards, inside this step: a kill rolls
# it back whole). The rebuild indexes every card, so none is left waiting for the deferred
# index (storage/search_index.py). The triggers on `cards` name the table, not its
# definition: they stay. docs/performance.md, "Search at 100,000 cards, sixth pass".
_V12 = (
    "DROP TABLE card_text",
    """CREATE VIRTUAL TABLE card_text USING fts5(
        front, back, tags,
        content='cards', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', columnsize=0, prefix='1 2 3'
    )""",
    """INSERT INTO card_text (card_text) VALUES ('rebuild')""",
    """DELETE FROM card_text_pending""",
)


def to_v12(connection: sqlite3.Connection) -> None:
    if connection.execute(  # a SQLite without FTS5 made no index at version 2: none now
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'card_text'"
    ).fetchone():
        for statement in _V12:
            connection.execute(statement)
