"""Versions 1 and 2: the first release's tables, and the full-text search index."""

from __future__ import annotations

import sqlite3

# Version 1: the first release. Decks, cards with their FSRS memory, the review log with the
# memory before each review (for exact undo), stories, settings.
_V1 = (
    """CREATE TABLE decks (
        id INTEGER NOT NULL,
        guid VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        description TEXT NOT NULL,
        origin VARCHAR NOT NULL,
        new_per_day INTEGER NOT NULL,
        reviews_per_day INTEGER NOT NULL,
        desired_retention FLOAT NOT NULL,
        learning_steps VARCHAR NOT NULL,
        relearning_steps VARCHAR NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (id),
        UNIQUE (guid),
        UNIQUE (name)
    )""",
    """CREATE TABLE settings (
        "key" VARCHAR NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY ("key")
    )""",
    """CREATE TABLE stories (
        id INTEGER NOT NULL,
        title TEXT NOT NULL,
        questions TEXT NOT NULL,
        situation TEXT NOT NULL,
        decision TEXT NOT NULL,
        risk TEXT NOT NULL,
        outcome TEXT NOT NULL,
        post_mortem TEXT NOT NULL,
        changes TEXT NOT NULL,
        tags VARCHAR NOT NULL,
        target_seconds INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        modified_at INTEGER NOT NULL,
        PRIMARY KEY (id)
    )""",
    """CREATE TABLE cards (
        id INTEGER NOT NULL,
        deck_id INTEGER NOT NULL,
        guid VARCHAR NOT NULL,
        front TEXT NOT NULL,
        back TEXT NOT NULL,
        tags VARCHAR NOT NULL,
        source TEXT NOT NULL,
        origin VARCHAR NOT NULL,
        edited_by_user BOOLEAN NOT NULL,
        suspended BOOLEAN NOT NULL,
        state INTEGER NOT NULL,
        step INTEGER,
        stability FLOAT,
        difficulty FLOAT,
        due INTEGER,
        last_review INTEGER,
        reps INTEGER NOT NULL,
        lapses INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        modified_at INTEGER NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(deck_id) REFERENCES decks (id) ON DELETE CASCADE,
        UNIQUE (guid)
    )""",
    """CREATE INDEX ix_cards_deck_queue ON cards (deck_id, suspended, state, due)""",
    """CREATE TABLE reviews (
        id INTEGER NOT NULL,
        card_id INTEGER NOT NULL,
        rating INTEGER NOT NULL,
        reviewed_at INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        before_state INTEGER NOT NULL,
        before_step INTEGER,
        before_stability FLOAT,
        before_difficulty FLOAT,
        before_due INTEGER,
        before_last_review INTEGER,
        before_reps INTEGER NOT NULL,
        before_lapses INTEGER NOT NULL,
        after_state INTEGER NOT NULL,
        after_stability FLOAT,
        after_difficulty FLOAT,
        after_due INTEGER,
        PRIMARY KEY (id),
        FOREIGN KEY(card_id) REFERENCES cards (id) ON DELETE CASCADE
    )""",
    """CREATE INDEX ix_reviews_card ON reviews (card_id, reviewed_at)""",
    """CREATE INDEX ix_reviews_time ON reviews (reviewed_at)""",
)


def to_v1(connection: sqlite3.Connection) -> None:
    for statement in _V1:
        connection.execute(statement)


# Version 2: full-text search for the card browser and `keeper cards --search`. An FTS5
# index over the cards' front, back and tags; "external content", so the text is not stored
# twice. Triggers keep it in step with every write to `cards`, whoever makes it (a bulk
# import, the benchmark generator). The tokenizer folds case and strips accents. A SQLite
# built without FTS5 skips this step; search then scans the text instead (slower, same
# results apart from matching inside words).
_V2_INDEXES = (
    # The browser's default order (front, ignoring case): opening it on 100,000 cards, or
    # listing them by state (is:new, is:due...), walks this index instead of sorting text.
    """CREATE INDEX ix_cards_front ON cards (front COLLATE NOCASE, state, suspended, due)""",
)
_V2 = (
    """CREATE VIRTUAL TABLE card_text USING fts5(
        front, back, tags,
        content='cards', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', columnsize=0
    )""",
    """CREATE TRIGGER card_text_insert AFTER INSERT ON cards BEGIN
        INSERT INTO card_text (rowid, front, back, tags)
        VALUES (new.id, new.front, new.back, new.tags);
    END""",
    """CREATE TRIGGER card_text_delete AFTER DELETE ON cards BEGIN
        INSERT INTO card_text (card_text, rowid, front, back, tags)
        VALUES ('delete', old.id, old.front, old.back, old.tags);
    END""",
    """CREATE TRIGGER card_text_update AFTER UPDATE OF front, back, tags ON cards BEGIN
        INSERT INTO card_text (card_text, rowid, front, back, tags)
        VALUES ('delete', old.id, old.front, old.back, old.tags);
        INSERT INTO card_text (rowid, front, back, tags)
        VALUES (new.id, new.front, new.back, new.tags);
    END""",
    """INSERT INTO card_text (card_text) VALUES ('rebuild')""",
)


# What version 6's table rebuild makes again, as these steps wrote it.
DECK_QUEUE_INDEX = _V1[4]  # ix_cards_deck_queue
REVIEWS_TIME_INDEX = _V1[7]  # ix_reviews_time
FRONT_INDEX = _V2_INDEXES[0]  # ix_cards_front
SEARCH_TRIGGERS = _V2[1:4]  # the index's insert, delete and update triggers (as v2 wrote them)


def has_fts5(connection: sqlite3.Connection) -> bool:
    try:
        connection.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    connection.execute("DROP TABLE temp.fts5_probe")
    return True


def to_v2(connection: sqlite3.Connection) -> None:
    for statement in _V2_INDEXES:
        connection.execute(statement)
    if has_fts5(connection):
        for statement in _V2:
            connection.execute(statement)
