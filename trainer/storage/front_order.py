"""Every card in front order, read once and kept until something is committed.

The browser opens on every card sorted by front: one walk of `ix_cards_front` (about
25 ms at 100,000 cards), kept for the next time it shows them all. The order is the
index's: the front as shown with case and accents folded (`front_key`, migration 6), then
state, suspension, due and id, the order every search sorted by front lists in SQL.

Any commit, by this process or another, changes `PRAGMA data_version` on the connection
that read the order (SQLite's own test for "did anyone else write"), so a kept order is
never used after a change: it is read again first.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Sequence
from typing import Any

_IN_FRONT_ORDER = "SELECT id FROM cards ORDER BY front_key, state, suspended, due, id"


def ids_in_order(
    connection: sqlite3.Connection, sql: str, parameters: Sequence[Any] = ()
) -> list[int]:
    """The ids `sql` selects (one column named id), in its order, as one string from SQLite.

    Fetching row by row lets go of the GIL and takes it back at every row: a search on a
    thread finding 25,000 cards made the GUI thread wait for the GIL as often (250 ms
    stalls). One aggregate row is one step, with the GIL let go throughout. An aggregate
    over a subquery with ORDER BY reads it in that order (SQLite keeps a subquery's
    ORDER BY under any aggregate but count, min and max; the tests compare the orders)."""
    (joined,) = connection.execute(f"SELECT group_concat(id) FROM ({sql})", parameters).fetchone()
    return json.loads(f"[{joined}]") if joined else []  # 100,000: 11 ms, int() each 28


class FrontOrder:
    def __init__(self, connect: Callable[[], sqlite3.Connection]) -> None:
        self._connect = connect
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._version: int | None = None  # data_version when the order was read
        self._ids: list[int] = []

    def ids(self, descending: bool = False) -> list[int]:
        """Every card's id in front order, read again if anything was committed since."""
        with self._lock:
            self._read_if_changed()
            return self._ids[::-1] if descending else list(self._ids)

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
            self._connection, self._version, self._ids = None, None, []

    def _data_version(self) -> int:
        if self._connection is None:
            self._connection = self._connect()
        return int(self._connection.execute("PRAGMA data_version").fetchone()[0])

    def _read_if_changed(self) -> None:
        version = self._data_version()
        if version == self._version:
            return
        assert self._connection is not None
        self._connection.execute("BEGIN")
        try:
            # Read in the transaction, before the snapshot starts: never newer than the ids.
            version = int(self._connection.execute("PRAGMA data_version").fetchone()[0])
            self._ids = ids_in_order(self._connection, _IN_FRONT_ORDER)  # GIL let go
        finally:
            self._connection.execute("ROLLBACK")
        self._version = version
