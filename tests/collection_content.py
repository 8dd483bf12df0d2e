"""Every row of every table of a collection file, to compare two states of it exactly.

The search index (FTS5) keeps its text in shadow tables whose layout depends on the order
of writes, not on what they index; the copy rebuilds it from the cards first, so two
collections holding the same cards compare equal, index included.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

# SQLite's count of the ids each table has handed out (AUTOINCREMENT): it only grows, so an
# id is never given twice (an undone import's ids stay used). Not content: left out.
_ID_COUNTER = ('INSERT INTO "sqlite_sequence"', 'DELETE FROM "sqlite_sequence"')


def collection_content(database: Path) -> list[str]:
    """The SQL that recreates the collection file: schema and every row of every table,
    sorted (sqlite_master lists the schema in the order it was last written), without the
    id counters."""
    source = sqlite3.connect(database)
    copy = sqlite3.connect(":memory:")
    try:
        source.backup(copy)
        if copy.execute("SELECT 1 FROM sqlite_master WHERE name = 'card_text'").fetchone():
            copy.execute("INSERT INTO card_text (card_text) VALUES ('rebuild')")
        # a bulk import re-creates triggers: order differs
        return sorted(line for line in copy.iterdump() if not line.startswith(_ID_COUNTER))
    finally:
        source.close()
        copy.close()
