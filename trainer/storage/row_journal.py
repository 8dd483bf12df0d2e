"""What one operation wrote to the user's tables, kept so undo puts them back exactly.

For an operation too big or too varied for a hand-made undo (an import, cards built from a
guide), `recording(collection)` notes, for each table a user owns:
- rows inserted: those with a rowid above the largest one before the operation. A recorded
  operation never chooses a rowid: SQLite hands out ids above every id in use
  (AUTOINCREMENT tables: above every id ever used), so a new row lands below the mark only
  in the place of an old row the operation deleted, and that row's copy is written back
  over it. Nothing runs per inserted row (a trigger noting each one cost about 90 ms of a
  10,000-card import);
- rows updated or deleted: copied as they were before their first change, by temporary
  triggers that fire only for rows older than the operation.
`revert` deletes the inserted rows and writes the copies back. Derived tables (the search
index, the deck counts) follow through their own triggers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

if TYPE_CHECKING:
    from trainer.storage.collection import Collection

# Parents before children: rows are put back in this order and deleted in the reverse.
TABLES = ("settings", "decks", "stories", "cards", "reviews")


@dataclass
class Journal:
    """The rows one operation wrote; opaque above storage except for the ids it touched."""

    first_new: dict[str, int] = field(default_factory=dict)  # table -> first rowid inserted
    last_new: dict[str, int] = field(default_factory=dict)  # table -> last rowid inserted
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    old_rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)  # rowid first

    def ids(self, table: str) -> set[int]:
        """The rowids of `table` the operation inserted, updated or deleted."""
        new = range(self.first_new.get(table, 0), self.last_new.get(table, -1) + 1)
        return {*new, *(row[0] for row in self.old_rows[table])}

    def wrote(self, table: str) -> bool:
        return bool(
            self.last_new.get(table, -1) >= self.first_new.get(table, 0) or self.old_rows.get(table)
        )


@contextmanager
def recording(collection: Collection) -> Iterator[Journal]:
    """`with recording(collection) as journal:` the journal is filled when the block ends;
    the block runs inside the caller's transaction."""
    session = collection.session
    journal = Journal()
    before: dict[str, int] = {}
    for table in TABLES:
        names = tuple(row[1] for row in session.execute(text(f"PRAGMA main.table_info({table})")))
        journal.columns[table] = names
        before[table] = session.execute(text(f"SELECT max(rowid) FROM main.{table}")).scalar() or 0
        _start(session, table, names, before[table])
    try:
        yield journal
        session.flush()
        for table in TABLES:
            first, last = session.execute(
                text(f"SELECT min(rowid), max(rowid) FROM main.{table} WHERE rowid > :mark"),
                {"mark": before[table]},
            ).one()
            if first is not None:  # the ids handed out, not the mark: a deleted id is skipped
                journal.first_new[table], journal.last_new[table] = first, last
            journal.old_rows[table] = [
                tuple(row) for row in session.execute(text(f"SELECT * FROM temp.journal_{table}"))
            ]
    finally:
        for table in TABLES:
            for kind in ("update", "delete"):
                session.execute(text(f"DROP TRIGGER IF EXISTS temp.journal_{table}_{kind}"))
            session.execute(text(f"DROP TABLE IF EXISTS temp.journal_{table}"))


def revert(collection: Collection, journal: Journal) -> None:
    """Put the tables back as they were before the recorded operation."""
    session = collection.session
    for table in reversed(TABLES):
        first, last = journal.first_new.get(table, 0), journal.last_new.get(table, -1)
        if last >= first:
            session.execute(
                text(f"DELETE FROM main.{table} WHERE rowid BETWEEN :first AND :last"),
                {"first": first, "last": last},
            )
    for table in TABLES:
        names = journal.columns[table]
        params = ", ".join(f":c{i}" for i in range(len(names)))
        assign = ", ".join(f'"{name}" = :c{i}' for i, name in enumerate(names))
        quoted = ", ".join(f'"{name}"' for name in names)
        for row in journal.old_rows.get(table, ()):
            values = {"rowid_": row[0]} | {f"c{i}": value for i, value in enumerate(row[1:])}
            exists = session.execute(
                text(f"SELECT 1 FROM main.{table} WHERE rowid = :rowid_"), values
            ).first()
            if exists:
                session.execute(
                    text(f"UPDATE main.{table} SET {assign} WHERE rowid = :rowid_"), values
                )
            else:
                session.execute(
                    text(f"INSERT INTO main.{table} (rowid, {quoted}) VALUES (:rowid_, {params})"),
                    values,
                )


def _start(session: Any, table: str, names: tuple[str, ...], newest: int) -> None:
    """The copy table and the triggers that fill it, for rows older than the operation."""
    session.execute(
        text(
            f"CREATE TEMP TABLE journal_{table} AS "
            f"SELECT rowid AS journal_rowid, * FROM main.{table} WHERE 0"
        )
    )
    session.execute(
        text(f"CREATE UNIQUE INDEX temp.journal_{table}_key ON journal_{table} (journal_rowid)")
    )
    old = ", ".join(["old.rowid", *(f'old."{name}"' for name in names)])
    for kind in ("update", "delete"):
        session.execute(
            text(
                f"CREATE TEMP TRIGGER journal_{table}_{kind} BEFORE {kind.upper()} "
                f"ON main.{table} WHEN old.rowid <= {int(newest)} BEGIN "
                f"INSERT OR IGNORE INTO journal_{table} VALUES ({old}); END"
            )
        )
