"""Versions 3 to 6: the review log's indexes, deck counts, study days, global ids."""

from __future__ import annotations

import sqlite3

from trainer.storage.migrations.first_release import (
    DECK_QUEUE_INDEX,
    FRONT_INDEX,
    REVIEWS_TIME_INDEX,
    SEARCH_TRIGGERS,
)

# Version 3: the review log's per-card index also holds each grade and the state it was
# given in, so statistics per deck (retention) and the reviews done today per deck read the
# index alone: 0.2 s instead of 1.3 s over a million reviews (docs/performance.md).
_V3 = (
    "DROP INDEX ix_reviews_card",
    "CREATE INDEX ix_reviews_card ON reviews (card_id, reviewed_at, before_state, rating)",
)


def to_v3(connection: sqlite3.Connection) -> None:
    for statement in _V3:
        connection.execute(statement)


# Version 4: cards per deck, suspension and state, kept by triggers on every write to
# `cards`, so the home screen and `keeper decks` read a few dozen rows instead of counting
# every card (9 ms at 100,000 cards, at every start; docs/performance.md). A count that
# drops to zero keeps its row.
_V4 = (
    """CREATE TABLE deck_card_counts (
        deck_id INTEGER NOT NULL,
        suspended BOOLEAN NOT NULL,
        state INTEGER NOT NULL,
        cards INTEGER NOT NULL,
        PRIMARY KEY (deck_id, suspended, state),
        FOREIGN KEY(deck_id) REFERENCES decks (id) ON DELETE CASCADE
    ) WITHOUT ROWID""",
    """INSERT INTO deck_card_counts (deck_id, suspended, state, cards)
        SELECT deck_id, suspended, state, count(*) FROM cards
        GROUP BY deck_id, suspended, state""",
    """CREATE TRIGGER card_count_insert AFTER INSERT ON cards BEGIN
        INSERT INTO deck_card_counts (deck_id, suspended, state, cards)
        VALUES (new.deck_id, new.suspended, new.state, 1)
        ON CONFLICT DO UPDATE SET cards = cards + 1;
    END""",
    """CREATE TRIGGER card_count_delete AFTER DELETE ON cards BEGIN
        UPDATE deck_card_counts SET cards = cards - 1
        WHERE deck_id = old.deck_id AND suspended = old.suspended AND state = old.state;
    END""",
    """CREATE TRIGGER card_count_update AFTER UPDATE OF deck_id, suspended, state ON cards
    WHEN old.deck_id IS NOT new.deck_id OR old.suspended IS NOT new.suspended
        OR old.state IS NOT new.state
    BEGIN
        UPDATE deck_card_counts SET cards = cards - 1
        WHERE deck_id = old.deck_id AND suspended = old.suspended AND state = old.state;
        INSERT INTO deck_card_counts (deck_id, suspended, state, cards)
        VALUES (new.deck_id, new.suspended, new.state, 1)
        ON CONFLICT DO UPDATE SET cards = cards + 1;
    END""",
)


def to_v4(connection: sqlite3.Connection) -> None:
    for statement in _V4:
        connection.execute(statement)


# Version 5: each review keeps the study day it was made on (a proleptic ordinal, Python's
# `date.toordinal()`), fixed when it is made: travel or a new time zone no longer moves
# past reviews to other days, so streaks and today's counts stay put (docs/scheduling.md).
# Old rows, and rows written without a day (an import's history, the benchmark), get it
# from the system's time zone at the time, through SQLite's 'localtime'.
LOCAL_STUDY_DAY = (
    "CAST(julianday(date({at} / 1000000, 'unixepoch', 'localtime', '-4 hours'))"
    " - 1721424.5 AS INTEGER)"
)
# The trigger, by name and as created: a history import sets it aside (review_repository.py).
STUDY_DAY_TRIGGER_NAME = "review_study_day"
STUDY_DAY_TRIGGER = (
    f"""CREATE TRIGGER {STUDY_DAY_TRIGGER_NAME} AFTER INSERT ON reviews WHEN new.study_day IS NULL
    BEGIN
        UPDATE reviews SET study_day = {LOCAL_STUDY_DAY.format(at="new.reviewed_at")}
        WHERE id = new.id;
    END"""
)  # fmt: skip
_V5 = (
    "ALTER TABLE reviews ADD COLUMN study_day INTEGER",
    f"UPDATE reviews SET study_day = {LOCAL_STUDY_DAY.format(at='reviewed_at')}",
    "CREATE INDEX ix_reviews_day ON reviews (study_day)",
    STUDY_DAY_TRIGGER,
)


def to_v5(connection: sqlite3.Connection) -> None:
    for statement in _V5:
        connection.execute(statement)


# Version 6: ids are never handed out twice, and every row a user makes has a global id.
# SQLite by itself gives a new row the highest id plus one, so deleting the newest deck,
# card, review or story and then adding one reused its id, and undoing the delete (which
# puts rows back under their own ids) failed on a UNIQUE constraint. AUTOINCREMENT keeps
# the highest id ever given in `sqlite_sequence`. It can only be declared when a table is
# made, so the four tables are rebuilt (SQLite's "make a new table, copy, drop, rename"),
# with the same columns, ids, indexes and triggers; reviews and stories gain the `guid`
# cards and decks already have, so two copies of a collection can later be merged by row,
# and a trigger refuses any change to a logged review. The ids stay, so the full-text
# index (keyed by card id) stays valid.
_RANDOM_GUID = "'{kind}:' || lower(hex(randomblob(16)))"
_V6_DECKS = """CREATE TABLE decks_v6 (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
        UNIQUE (guid),
        UNIQUE (name)
    )"""
_V6_CARDS = """CREATE TABLE cards_v6 (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
        FOREIGN KEY(deck_id) REFERENCES decks (id) ON DELETE CASCADE,
        UNIQUE (guid)
    )"""
_V6_REVIEWS = """CREATE TABLE reviews_v6 (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
        guid VARCHAR NOT NULL,
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
        study_day INTEGER,
        FOREIGN KEY(card_id) REFERENCES cards (id) ON DELETE CASCADE
    )"""
_V6_STORIES = """CREATE TABLE stories_v6 (
        id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
        guid VARCHAR NOT NULL,
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
        modified_at INTEGER NOT NULL
    )"""
# (table, its new definition, columns copied as they are, the new guid's kind or None)
_V6_TABLES = (
    ("decks", _V6_DECKS, None),
    ("cards", _V6_CARDS, None),
    ("reviews", _V6_REVIEWS, "review"),
    ("stories", _V6_STORIES, "story"),
)
_V6_AFTER = (
    DECK_QUEUE_INDEX,
    FRONT_INDEX,
    *_V4[2:],  # the per-deck count triggers
    _V3[1],  # ix_reviews_card
    REVIEWS_TIME_INDEX,
    *_V5[2:],  # ix_reviews_day, the study day trigger
    # Made after the copy, by one sort: kept row by row, a million random guids took 40 s.
    "CREATE UNIQUE INDEX ix_reviews_guid ON reviews (guid)",
    "CREATE UNIQUE INDEX ix_stories_guid ON stories (guid)",
    # The review log is append-only: an entry is inserted, and deleted only with its card
    # or by undoing its grade; never changed (only the study day trigger fills in a day).
    """CREATE TRIGGER review_append_only BEFORE UPDATE ON reviews
    WHEN old.study_day IS NOT NULL
    BEGIN
        SELECT RAISE(ABORT, 'the review log is append-only: an entry is never changed');
    END""",
)
# Stories kept the highest id they gave out in a setting: sqlite_sequence does it now.
_V6_STORIES_LAST_ID = (
    """SELECT CAST(value AS INTEGER) FROM settings WHERE "key" = 'stories_last_id'"""
)


def to_v6(connection: sqlite3.Connection) -> None:
    for table, definition, kind in _V6_TABLES:
        connection.execute(definition)
        columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
        names = ", ".join(columns)
        if kind is None:
            copy = f"INSERT INTO {table}_v6 ({names}) SELECT {names} FROM {table} ORDER BY id"
        else:
            guid = _RANDOM_GUID.format(kind=kind)
            copy = (
                f"INSERT INTO {table}_v6 ({names}, guid)"
                f" SELECT {names}, {guid} FROM {table} ORDER BY id"
            )
        connection.execute(copy)
        connection.execute(f"DROP TABLE {table}")
        connection.execute(f"ALTER TABLE {table}_v6 RENAME TO {table}")
    for statement in _V6_AFTER:
        connection.execute(statement)
    if connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'card_text'"
    ).fetchone():
        for statement in SEARCH_TRIGGERS:  # the search index's triggers
            connection.execute(statement)
    last = connection.execute(_V6_STORIES_LAST_ID).fetchone()
    if last is not None:
        seq = "SELECT seq FROM sqlite_sequence WHERE name = 'stories'"
        highest = max(int(last[0] or 0), *(row[0] for row in connection.execute(seq)))
        connection.execute("DELETE FROM sqlite_sequence WHERE name = 'stories'")
        connection.execute("INSERT INTO sqlite_sequence VALUES ('stories', ?)", (highest,))
        connection.execute("""DELETE FROM settings WHERE "key" = 'stories_last_id'""")
