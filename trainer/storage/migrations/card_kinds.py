"""Versions 7 to 10: the browser's sort key, spoken attempts, exact deck counts, card kinds."""

from __future__ import annotations

import sqlite3

# Version 7: each card keeps the key the browser's Question column sorts by: the text it
# shows, Markdown marks dropped, case and accents folded (core/browse.front_sort_key), so
# `**Bold**` sorts under B and 'Élan' beside 'elan'. Writers fill it with the front; this
# step fills it for the cards already there. ix_cards_front now orders by it.
_V7 = (
    "ALTER TABLE cards ADD COLUMN front_key TEXT NOT NULL DEFAULT ''",
    "UPDATE cards SET front_key = keeper_front_key(front)",
    "DROP INDEX ix_cards_front",
    "CREATE INDEX ix_cards_front ON cards (front_key, state, suspended, due)",
)


def to_v7(connection: sqlite3.Connection) -> None:
    # The key is Python's (Unicode folding SQLite lacks), lent to this connection only;
    # imported here, so opening an up-to-date file loads nothing more (first paint).
    from trainer.core.browse import front_sort_key

    connection.create_function("keeper_front_key", 1, front_sort_key, deterministic=True)
    for statement in _V7:
        connection.execute(statement)


# Version 8: every spoken rehearsal attempt with its delivery figures and timed transcript
# (docs/voice.md); the recording itself only if the user keeps audio, inside the file so
# backups hold it. No foreign key to stories: story ids are never reused, and an undone
# story deletion finds its attempts where they were. Ids are never reused (as v6).
_V8 = (
    """CREATE TABLE spoken_attempts (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
        story_id INTEGER,
        recorded_at INTEGER NOT NULL,
        duration_seconds FLOAT NOT NULL,
        target_seconds INTEGER,
        word_count INTEGER NOT NULL,
        words_per_minute FLOAT NOT NULL,
        filler_count INTEGER NOT NULL,
        fillers_per_minute FLOAT NOT NULL,
        longest_pause_seconds FLOAT NOT NULL,
        i_count INTEGER NOT NULL,
        we_count INTEGER NOT NULL,
        finding_rules TEXT NOT NULL,
        words TEXT NOT NULL,
        audio BLOB
    )""",
    "CREATE INDEX ix_spoken_attempts_story ON spoken_attempts (story_id, recorded_at)",
)


def to_v8(connection: sqlite3.Connection) -> None:
    for statement in _V8:
        connection.execute(statement)


# Version 9: a deck count that drops to zero loses its row, so the counts are exactly a
# function of the cards: an undo that puts the cards back leaves the table as it was (an
# empty row left behind made an undone grade differ from the collection before it).
_V9 = (
    "DROP TRIGGER card_count_delete",
    """CREATE TRIGGER card_count_delete AFTER DELETE ON cards BEGIN
        UPDATE deck_card_counts SET cards = cards - 1
        WHERE deck_id = old.deck_id AND suspended = old.suspended AND state = old.state;
        DELETE FROM deck_card_counts
        WHERE deck_id = old.deck_id AND suspended = old.suspended AND state = old.state
            AND cards = 0;
    END""",
    "DROP TRIGGER card_count_update",
    """CREATE TRIGGER card_count_update AFTER UPDATE OF deck_id, suspended, state ON cards
    WHEN old.deck_id IS NOT new.deck_id OR old.suspended IS NOT new.suspended
        OR old.state IS NOT new.state
    BEGIN
        UPDATE deck_card_counts SET cards = cards - 1
        WHERE deck_id = old.deck_id AND suspended = old.suspended AND state = old.state;
        DELETE FROM deck_card_counts
        WHERE deck_id = old.deck_id AND suspended = old.suspended AND state = old.state
            AND cards = 0;
        INSERT INTO deck_card_counts (deck_id, suspended, state, cards)
        VALUES (new.deck_id, new.suspended, new.state, 1)
        ON CONFLICT DO UPDATE SET cards = cards + 1;
    END""",
    "DELETE FROM deck_card_counts WHERE cards = 0",
)


def to_v9(connection: sqlite3.Connection) -> None:
    for statement in _V9:
        connection.execute(statement)


# Version 10: card kinds. A card says how it asks (basic, cloze or spoken), which gap a
# cloze card asks, and the guid its cloze siblings share. Added columns: no table rebuild,
# so it costs nothing at 100,000 cards.
_V10 = (
    "ALTER TABLE cards ADD COLUMN kind VARCHAR NOT NULL DEFAULT 'basic'",
    "ALTER TABLE cards ADD COLUMN cloze INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE cards ADD COLUMN note_guid VARCHAR NOT NULL DEFAULT ''",
    "CREATE INDEX ix_cards_note ON cards (note_guid) WHERE note_guid != ''",
)


def to_v10(connection: sqlite3.Connection) -> None:
    for statement in _V10:
        connection.execute(statement)
