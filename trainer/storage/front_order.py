"""Every card in front order, read once and kept until something is committed.

The browser lists cards by front unless told otherwise. Sorting what a search found in SQL
feeds every front found to SQLite's sorter (about 0.7 µs a card: 17 ms for a quarter of
100,000 cards); walking `ix_cards_front` gives every card's place at once (about 25 ms,
what showing every card costs anyway), after which a search sorts the ids it found by their
place (a few ms). The order is the index's: the front as shown with case and accents
folded (`front_key`, migration 6), then state, suspension, due and id, so equal fronts keep
one order whichever way a search is sorted.

Any commit, by this process or another, changes `PRAGMA data_version` on the connection
that read the order (SQLite's own test for "did anyone else write"), so a kept order is
never used after a change: it is read again first, or the caller sorts in SQL.
"""

from __future__ import annotations

import sqlite3
import threading
from array import array
from collections.abc import Callable, Sequence
from typing import Any

_IN_FRONT_ORDER = "SELECT id FROM cards ORDER BY front_key, state, suspended, due, id"
_ABSENT = -1


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
    return list(map(int, joined.split(","))) if joined else []


class FrontOrder:
    def __init__(self, connect: Callable[[], sqlite3.Connection]) -> None:
        self._connect = connect
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._version: int | None = None  # data_version when the order was read
        self._ids: list[int] = []
        self._places: array[int] | None = None  # id -> place, made when first needed

    def ids(self, descending: bool = False) -> list[int]:
        """Every card's id in front order, read again if anything was committed since."""
        with self._lock:
            self._read_if_changed()
            return self._ids[::-1] if descending else list(self._ids)

    def sort(self, ids: Sequence[int], descending: bool, *, read: bool) -> list[int] | None:
        """`ids` in front order; None when the kept order cannot say: something was
        committed since and `read` is false (with `read`, the order is read again), or a
        card it does not hold (added in the caller's own open transaction)."""
        with self._lock:
            if read:
                self._read_if_changed()
            elif self._version is None or self._version != self._data_version():
                return None
            places = self._places_by_id()
            try:
                ordered = sorted(ids, key=places.__getitem__, reverse=descending)
            except IndexError:  # an id past the highest the order knows: added since
                return None
            if ordered and min(places[ordered[0]], places[ordered[-1]]) == _ABSENT:
                return None  # absent ones sort to one end: a card the order does not hold
            return ordered

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
            self._connection, self._version, self._ids, self._places = None, None, [], None

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
        self._version, self._places = version, None

    def _places_by_id(self) -> array[int]:
        if self._places is None:
            places = array("q", [_ABSENT]) * (max(self._ids, default=0) + 1)
            for place, card_id in enumerate(self._ids):
                places[card_id] = place
            self._places = places
        return self._places
