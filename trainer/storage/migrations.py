"""Numbered schema migrations. Each step is frozen SQL: never edit a released one, add a new one.

The schema version lives in SQLite's `PRAGMA user_version`; 0 means an empty file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

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


def _to_v1(connection: sqlite3.Connection) -> None:
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


def has_fts5(connection: sqlite3.Connection) -> bool:
    try:
        connection.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    connection.execute("DROP TABLE temp.fts5_probe")
    return True


def _to_v2(connection: sqlite3.Connection) -> None:
    for statement in _V2_INDEXES:
        connection.execute(statement)
    if has_fts5(connection):
        for statement in _V2:
            connection.execute(statement)


# Version 3: the review log's per-card index also holds each grade and the state it was
# given in, so statistics per deck (retention) and the reviews done today per deck read the
# index alone: 0.2 s instead of 1.3 s over a million reviews (docs/performance.md).
_V3 = (
    "DROP INDEX ix_reviews_card",
    "CREATE INDEX ix_reviews_card ON reviews (card_id, reviewed_at, before_state, rating)",
)


def _to_v3(connection: sqlite3.Connection) -> None:
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


def _to_v4(connection: sqlite3.Connection) -> None:
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
_V5 = (
    "ALTER TABLE reviews ADD COLUMN study_day INTEGER",
    f"UPDATE reviews SET study_day = {LOCAL_STUDY_DAY.format(at='reviewed_at')}",
    "CREATE INDEX ix_reviews_day ON reviews (study_day)",
    f"""CREATE TRIGGER review_study_day AFTER INSERT ON reviews WHEN new.study_day IS NULL
    BEGIN
        UPDATE reviews SET study_day = {LOCAL_STUDY_DAY.format(at="new.reviewed_at")}
        WHERE id = new.id;
    END""",
)


def _to_v5(connection: sqlite3.Connection) -> None:
    for statement in _V5:
        connection.execute(statement)


# Version 6: each card keeps the key the browser's Question column sorts by: the text it
# shows, Markdown marks dropped, case and accents folded (core/browse.front_sort_key), so
# `**Bold**` sorts under B and 'Élan' beside 'elan'. Writers fill it with the front; this
# step fills it for the cards already there. ix_cards_front now orders by it.
_V6 = (
    "ALTER TABLE cards ADD COLUMN front_key TEXT NOT NULL DEFAULT ''",
    "UPDATE cards SET front_key = keeper_front_key(front)",
    "DROP INDEX ix_cards_front",
    "CREATE INDEX ix_cards_front ON cards (front_key, state, suspended, due)",
)


def _to_v6(connection: sqlite3.Connection) -> None:
    # The key is Python's (Unicode folding SQLite lacks), lent to this connection only;
    # imported here, so opening an up-to-date file loads nothing more (first paint).
    from trainer.core.browse import front_sort_key

    connection.create_function("keeper_front_key", 1, front_sort_key, deterministic=True)
    for statement in _V6:
        connection.execute(statement)


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _to_v1,
    _to_v2,
    _to_v3,
    _to_v4,
    _to_v5,
    _to_v6,
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection) -> list[int]:
    """Bring the file to SCHEMA_VERSION, one transaction per step. Returns the steps run."""
    ran = []
    for version in range(schema_version(connection), SCHEMA_VERSION):
        with connection:  # commits the step and its version number together
            connection.execute("BEGIN IMMEDIATE")
            MIGRATIONS[version](connection)
            connection.execute(f"PRAGMA user_version = {version + 1}")
        ran.append(version + 1)
    return ran
