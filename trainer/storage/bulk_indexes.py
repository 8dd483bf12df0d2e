"""A table's indexes made once after a big insert instead of kept up row by row, and a
per-row trigger set aside while a bulk insert does its work itself.

SQLite keeps every index of a table up to date with each inserted row: for an import that
brings as many rows as the table holds, that is most of the insert's cost (the review log's
four indexes: 23 µs a review, against 2 µs to build them from scratch at the end).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

# The indexes are built afresh when the rows added are at least a quarter of the table's
# rows (max(id) standing for their number): about where the two ways cost the same.
REBUILD_SHARE = 4
_TABLES = frozenset({"cards", "reviews"})


def begin_writing(connection: sqlite3.Connection) -> bool:
    """Open the connection's write transaction now, if none is open, and say whether one
    is: the driver begins a transaction before a write only, so a DROP (of an index or a
    trigger) issued first would commit at once. The write changes nothing."""
    if not connection.in_transaction:
        connection.execute("UPDATE cards SET id = id WHERE 0")
    return connection.in_transaction


@contextmanager
def indexes_filled_after(connection: sqlite3.Connection, table: str, adding: int) -> Iterator[None]:
    """Drop `table`'s own indexes for the block and make them again at its end, when
    `adding` rows are many for the table's size (else the block runs as it is). The block
    may only insert into `table`: it must not look anything up by those indexes.

    Inside the caller's transaction: a rollback (a failure, a cancel, a hard kill) brings the
    indexes back with the rows, and other connections never see them missing. A unique index
    given a value twice fails its making as it would have failed the insert; the indexes
    SQLite makes for a UNIQUE or PRIMARY KEY constraint stay (they cannot be dropped)."""
    assert table in _TABLES
    in_transaction = begin_writing(connection)
    (largest_id,) = connection.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
    # max(id) >= the rows: a cheap upper bound
    if not in_transaction or adding * REBUILD_SHARE < max(largest_id, 1):
        yield
        return
    indexes = connection.execute(
        "SELECT name, sql FROM sqlite_master"
        " WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        (table,),
    ).fetchall()
    for name, _sql in indexes:
        connection.execute(f'DROP INDEX "{name}"')
    yield
    for _name, sql in indexes:
        connection.execute(sql)


@contextmanager
def trigger_set_aside(connection: sqlite3.Connection, name: str, sql: str) -> Iterator[None]:
    """Drop the trigger `name` for the block and make it again from `sql` at its end; the
    block does the trigger's work itself. Left alone (the block runs with it) unless the
    file holds exactly `sql` and a write transaction is open.

    A per-row trigger costs even when its WHEN clause skips the row: an INSERT that may fire
    one runs under a statement journal, which copies each page the statement changes first
    (1.1 GB of temporary writes for a 37,000-note package's history). Inside the caller's
    transaction: a rollback or a hard kill brings the trigger back, and other connections
    never see it missing; an error caught inside the transaction still finds it made again."""
    if _trigger_sql(connection, name) != sql or not begin_writing(connection):
        yield
        return
    connection.execute(f'DROP TRIGGER "{name}"')
    try:
        yield
    finally:
        if _trigger_sql(connection, name) is None:  # else a rollback has brought it back
            connection.execute(sql)


def _trigger_sql(connection: sqlite3.Connection, name: str) -> str | None:
    found = connection.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
    ).fetchone()
    return None if found is None else str(found[0])
