"""The full-text index built after an import: the pending cards, and their catch-up.

An import lists its new cards in `card_text_pending` (migration 11) instead of indexing
them in its own transaction: indexing a text-heavy package's 29 MB of card text took
longer than Anki's whole import. Search scans the listed cards meanwhile
(storage/card_query.py), so it finds the same cards before and after the catch-up. The
catch-up indexes the listed cards a few at a time, each chunk its own short transaction on
its own connection, so the window's writes wait at most one chunk, and a kill between or
inside chunks leaves every card either indexed or listed, never both nor neither.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

PENDING = "card_text_pending"  # search asks `card_query.has_pending`
CHUNK_SECONDS = 0.04  # a chunk's work: a write from the window waits at most about this
FIRST_CHUNK = 50  # cards; later chunks are sized from the last one's time
MOST_CARDS = 2_000
BUSY_PAUSE_S = 0.5  # after waiting the busy timeout out for another's write


def pending_count(connection: sqlite3.Connection) -> int:
    if not _has_table(connection):
        return 0
    return int(connection.execute(f"SELECT count(*) FROM {PENDING}").fetchone()[0])


def index_chunk(connection: sqlite3.Connection, cards: int) -> int:
    """Index up to `cards` listed cards in one transaction; how many it indexed.

    `connection` is in autocommit mode (isolation_level None). BEGIN IMMEDIATE takes the
    write lock before reading the list, so two catch-ups never index the same card."""
    if not _has_table(connection):
        return 0
    connection.execute("BEGIN IMMEDIATE")
    try:
        ids = [
            row[0]
            for row in connection.execute(
                f"SELECT card_id FROM {PENDING} ORDER BY card_id LIMIT ?", (cards,)
            )
        ]
        if ids:
            index_listed(connection, ids)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return len(ids)


def index_listed(connection: sqlite3.Connection, ids: list[int]) -> None:
    """Take the listed cards `ids` (a chunk's worth) off the list and index their text as
    it is now, in id order (FTS5 writes a segment each time an id does not rise)."""
    marks = ", ".join("?" * len(ids))
    connection.execute(f"DELETE FROM {PENDING} WHERE card_id IN ({marks})", ids)
    connection.execute(
        "INSERT INTO card_text (rowid, front, back, tags) "
        f"SELECT id, front, back, tags FROM cards WHERE id IN ({marks}) ORDER BY id",
        ids,
    )


def catch_up(
    connect: Callable[[], sqlite3.Connection],
    stop: Callable[[], bool] = lambda: False,
    pause: Callable[[float], None] = time.sleep,
) -> int:
    """Index every listed card, chunk by chunk, until none is left or `stop()`; returns how
    many it indexed. Between chunks it pauses as long as the chunk took, so a write waiting
    for the lock gets it (SQLite's busy handler retries at growing intervals)."""
    connection = connect()
    done = 0
    size = FIRST_CHUNK
    try:
        while not stop():
            started = time.perf_counter()
            try:
                indexed = index_chunk(connection, size)
            except sqlite3.OperationalError as error:  # a long write (an import) holds the lock
                if "locked" not in str(error) and "busy" not in str(error):
                    raise
                pause(BUSY_PAUSE_S)
                continue
            if not indexed:
                break
            done += indexed
            took = time.perf_counter() - started
            size = max(1, min(MOST_CARDS, int(indexed * CHUNK_SECONDS / max(took, 1e-4))))
            pause(min(took, CHUNK_SECONDS))
    finally:
        connection.close()
    return done


def _has_table(connection: sqlite3.Connection) -> bool:
    query = f"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{PENDING}'"
    return connection.execute(query).fetchone() is not None
