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
    _V1[4],  # ix_cards_deck_queue
    _V2_INDEXES[0],  # ix_cards_front
    *_V4[2:],  # the per-deck count triggers
    _V3[1],  # ix_reviews_card
    _V1[7],  # ix_reviews_time
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


def _to_v6(connection: sqlite3.Connection) -> None:
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
        for statement in _V2[1:4]:  # the search index's triggers
            connection.execute(statement)
    last = connection.execute(_V6_STORIES_LAST_ID).fetchone()
    if last is not None:
        seq = "SELECT seq FROM sqlite_sequence WHERE name = 'stories'"
        highest = max(int(last[0] or 0), *(row[0] for row in connection.execute(seq)))
        connection.execute("DELETE FROM sqlite_sequence WHERE name = 'stories'")
        connection.execute("INSERT INTO sqlite_sequence VALUES ('stories', ?)", (highest,))
        connection.execute("""DELETE FROM settings WHERE "key" = 'stories_last_id'""")


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


def _to_v7(connection: sqlite3.Connection) -> None:
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


def _to_v8(connection: sqlite3.Connection) -> None:
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


def _to_v9(connection: sqlite3.Connection) -> None:
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


def _to_v10(connection: sqlite3.Connection) -> None:
    for statement in _V10:
        connection.execute(statement)


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _to_v1,
    _to_v2,
    _to_v3,
    _to_v4,
    _to_v5,
    _to_v6,
    _to_v7,
    _to_v8,
    _to_v9,
    _to_v10,
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


# (step, steps): step 1..steps is about to run, or is running (called again every
# PROGRESS_EVERY SQLite instructions, so a window can repaint during a long step); 0 while
# the file is checked and backed up first. Only an existing file's upgrade reports it.
MigrationProgress = Callable[[int, int], None]
PROGRESS_EVERY = 2_000_000  # SQLite virtual machine instructions: a few milliseconds


def migrate(connection: sqlite3.Connection, progress: MigrationProgress | None = None) -> list[int]:
    """Bring the file to SCHEMA_VERSION, one transaction per step. Returns the steps run.

    A step interrupted (a crash, a kill) is rolled back by SQLite when the file is next
    opened, and runs again from the version committed before it.

    Foreign keys are off meanwhile: a table rebuilt by dropping it must not cascade the
    drop to the rows that point at it (the rebuild keeps every id, so they still match)."""
    ran = []
    first = schema_version(connection)
    enforced = connection.execute("PRAGMA foreign_keys").fetchone()[0]
    connection.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction
    try:
        for version in range(first, SCHEMA_VERSION):
            if progress is not None:
                _report(connection, progress, version - first + 1, SCHEMA_VERSION - first)
            with connection:  # commits the step and its version number together
                connection.execute("BEGIN IMMEDIATE")
                MIGRATIONS[version](connection)
                connection.execute(f"PRAGMA user_version = {version + 1}")
            ran.append(version + 1)
    finally:
        connection.set_progress_handler(None, 0)
        connection.execute(f"PRAGMA foreign_keys = {int(enforced)}")
    return ran


def _report(
    connection: sqlite3.Connection, progress: MigrationProgress, step: int, steps: int
) -> None:
    """Say the step now, and again while SQLite works through it."""

    def during() -> int:
        progress(step, steps)
        return 0  # go on

    progress(step, steps)
    connection.set_progress_handler(during, PROGRESS_EVERY)
