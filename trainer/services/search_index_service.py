"""The search index's catch-up after an import, on a thread of its own.

An import leaves its cards out of the full-text index (storage/search_index.py); search
finds them meanwhile by scanning them. The app asks for the catch-up once an import has
landed and at start-up once the window has painted. The command line catches it up when
a command opens the collection and may write it (`cli/context.py`; a reading command once
it has let go of the data folder), so a `keeper import` still ends as soon as its cards
are stored and the next command indexes them, once.
"""

from __future__ import annotations

import threading
import time
from contextlib import suppress

from trainer.storage.database import Database
from trainer.storage.search_index import catch_up, pending_count

ALONE_AT_MOST_S = 10.0  # the command line's catch-up: what is left waits for the next one


class SearchIndexService:
    def __init__(self, database: Database) -> None:
        self._database = database
        self._lock = threading.Lock()
        self._wanted = False
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def pending(self) -> int:
        """How many cards the index does not hold yet."""
        connection = self._database.connect()
        try:
            return pending_count(connection)
        finally:
            connection.close()

    def catch_up(self) -> int:
        """Index every pending card here and now, chunk by chunk; how many were indexed."""
        self._database.integrity.require_passed()  # nothing is written to a damaged file
        return catch_up(self._database.connect, stop=self._stopping.is_set)

    def catch_up_if_left(self, *, alone: bool) -> None:
        """Index what imports left, here and now, when the file may be written: the command
        line's catch-up (it has no window to do it after start). `alone`: its caller holds
        the data folder, so no write waits between chunks: none are paused for (half the
        time); otherwise (a reading command, which let go of the folder first) it pauses as
        the window's catch-up does, so a writer started meanwhile gets its turns. It stops
        after `ALONE_AT_MOST_S`. A failure (a damaged file, a full disk) leaves the cards
        listed: search still finds them, and the next command tries again."""
        if self._database.read_only or not self.pending():
            return
        deadline = time.monotonic() + ALONE_AT_MOST_S
        with suppress(Exception):  # search still works; the next command tries again
            self._database.integrity.require_passed()
            catch_up(
                self._database.connect,
                stop=lambda: time.monotonic() > deadline,
                pause=(lambda _seconds: None) if alone else time.sleep,
            )

    def catch_up_later(self) -> None:
        """Start the catch-up on its thread, or have the running one look again when done."""
        if self._database.read_only:
            return
        with self._lock:
            self._wanted = True
            if self._thread is not None or self._stopping.is_set():
                return
            self._thread = threading.Thread(
                target=self._run, name="keeper-search-index", daemon=True
            )
            self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Return once no catch-up runs (tests; closing)."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def stop(self) -> None:
        """Stop after the current chunk and wait for it (closing the collection)."""
        self._stopping.set()
        self.wait()

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._wanted or self._stopping.is_set():
                    self._thread = None
                    return
                self._wanted = False
            try:
                self.catch_up()
            except Exception:  # noqa: BLE001 - the next start tries again; search still works
                with self._lock:
                    self._thread = None
                return
