"""Reading a SQLite file someone else wrote, with bounded work.

A database file is a program as much as data: a view can count forever, a virtual table
runs its module's code, a computed column or a long default value makes megabytes from
nothing on every row. So only real tables with stored columns are read; the file is
opened read-only and immutable (no journal, no lock, no trigger can fire); no value may
exceed `MAX_VALUE`; and a progress handler stops any query that runs past its step budget
or that the user cancelled.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from trainer.exchange.errors import Cancel, ExchangeError, ImportCancelled

MiB = 1024 * 1024
MAX_VALUE = 16 * MiB  # one field, one JSON blob: far above any card's text
MAX_DEFAULT = 256  # characters of a column's default value; Anki's are a few
_STEPS_PER_CHECK = 10_000  # SQLite instructions between two looks at the cancel flag


class _Watch:
    """The progress handler: stops SQLite when the user cancels or the budget is spent."""

    def __init__(self, cancel: Cancel | None, steps: int) -> None:
        self._cancel = cancel
        self._checks_left = max(1, steps // _STEPS_PER_CHECK)
        self.cancelled = self.exhausted = False

    def __call__(self) -> int:
        self._checks_left -= 1
        if self._cancel is not None and self._cancel():
            self.cancelled = True
        elif self._checks_left < 0:
            self.exhausted = True
        return int(self.cancelled or self.exhausted)


@contextmanager
def open_foreign(
    path: Path, database: Path, what: str, cancel: Cancel | None, steps: int
) -> Iterator[sqlite3.Connection]:
    """`database` (extracted from the file `path`) opened for bounded reading; every SQLite
    failure inside the block becomes one `ExchangeError` about `what`."""
    # as_uri() percent-encodes the path: a '#', '?' or '%' in a temp folder stays a path.
    uri = f"{database.resolve().as_uri()}?mode=ro&immutable=1"
    watch = _Watch(cancel, steps)
    try:
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE)
            connection.set_progress_handler(watch, _STEPS_PER_CHECK)
            yield connection
    except sqlite3.DatabaseError as error:
        if watch.cancelled:
            raise ImportCancelled("import cancelled; nothing was changed") from None
        if watch.exhausted:
            raise ExchangeError(
                path, f"{what} asks for more work than a file of its size needs"
            ) from None
        if "too big" in str(error):
            raise ExchangeError(
                path, f"{what} holds a value over {MAX_VALUE // MiB} MiB, not card text"
            ) from None
        raise ExchangeError(path, f"{what} is damaged ({error})") from None


def check_tables(
    path: Path, connection: sqlite3.Connection, what: str, names: Iterable[str]
) -> set[str]:
    """The real tables in the database; refuses any of `names` that is something else
    (a view, a virtual table) or that has a computed column or a long default value."""
    kinds = {
        name: "a virtual table" if (sql or "").upper().startswith("CREATE VIRTUAL") else kind
        for kind, name, sql in connection.execute("SELECT type, name, sql FROM sqlite_master")
    }
    for name in names:
        kind = kinds.get(name)
        if kind is None:
            continue  # the query that needs it says so
        if kind != "table":
            raise ExchangeError(path, f"{what}: {name} is {_article(kind)}, not a table")
        for _cid, column, _type, _notnull, default, _pk, hidden in connection.execute(
            "SELECT * FROM pragma_table_xinfo(?)", (name,)
        ):
            if hidden == 2:  # a VIRTUAL generated column, computed on every read
                raise ExchangeError(path, f"{what}: {name}.{column} is computed, not stored")
            if default is not None and len(default) > MAX_DEFAULT:
                raise ExchangeError(
                    path, f"{what}: {name}.{column} has a default value of {len(default):,} "
                    "characters, repeated on every row"
                )  # fmt: skip
    return {name for name, kind in kinds.items() if kind == "table"}


def _article(kind: str) -> str:
    return kind if kind.startswith("a ") else f"a {kind}"
