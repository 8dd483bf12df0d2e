"""Version 11: the full-text index is built after an import, not inside it."""

from __future__ import annotations

import sqlite3

# Version 11: an import stores its cards unindexed and lists them in `card_text_pending`;
# a catch-up indexes the listed cards later, a small transaction at a time
# (storage/search_index.py), and search scans the listed cards meanwhile. Indexing a
# text-heavy package's cards (29 MB of text) took longer than Anki's whole import.
# FTS5 with external content is corrupted by a 'delete' of a row it never indexed, so the
# delete and update triggers leave a pending card's index alone: a pending card deleted
# leaves the list; one edited stays listed and is indexed with its new text.
_V11_TABLE = "CREATE TABLE card_text_pending (card_id INTEGER NOT NULL PRIMARY KEY)"
_V11_TRIGGERS = (
    "DROP TRIGGER card_text_delete",
    """CREATE TRIGGER card_text_delete AFTER DELETE ON cards BEGIN
        INSERT INTO card_text (card_text, rowid, front, back, tags)
        SELECT 'delete', old.id, old.front, old.back, old.tags
        WHERE NOT EXISTS (SELECT 1 FROM card_text_pending WHERE card_id = old.id);
        DELETE FROM card_text_pending WHERE card_id = old.id;
    END""",
    "DROP TRIGGER card_text_update",
    """CREATE TRIGGER card_text_update AFTER UPDATE OF front, back, tags ON cards
    WHEN NOT EXISTS (SELECT 1 FROM card_text_pending WHERE card_id = old.id)
    BEGIN
        INSERT INTO card_text (card_text, rowid, front, back, tags)
        VALUES ('delete', old.id, old.front, old.back, old.tags);
        INSERT INTO card_text (rowid, front, back, tags)
        VALUES (new.id, new.front, new.back, new.tags);
    END""",
)


def to_v11(connection: sqlite3.Connection) -> None:
    connection.execute(_V11_TABLE)
    if connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'card_text_delete'"
    ).fetchone():
        for statement in _V11_TRIGGERS:
            connection.execute(statement)
