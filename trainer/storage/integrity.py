"""Whether the collection file is sound: SQLite's `PRAGMA quick_check`, run once per open.

On a 100,000-card, million-review file the check reads every page (about half a second),
so it need not hold up what only reads. It may run when the file is opened, or later on a
thread of its own; either way nothing is committed to the file before it has passed
(`Database.transaction` waits for it before a commit that writes). See
docs/performance.md, "The integrity check".
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from trainer.storage.sqlite_files import is_read_only_error, open_read_only

SQLITE_MAGIC = b"SQLite format 3\x00"
RESTORE_HINT = (
    "The file was left untouched. To go back to your last backup, run "
    "`keeper backup restore latest` (`keeper backup list` shows them all)"
)


class DatabaseError(Exception):
    """The collection cannot be opened; the message says why and what to do."""


class DamagedDatabase(DatabaseError):
    pass


def one_line(report: str) -> str:
    """SQLite's integrity report on one line (it puts the database and each page on its own)."""
    return " ".join(report.split())


def damaged(path: Path, detail: str) -> DamagedDatabase:
    return DamagedDatabase(f"{path} is damaged ({one_line(detail)}). {RESTORE_HINT}")


def check_header(path: Path) -> None:
    """Refuse at once a file that is not an SQLite database at all (16 bytes read)."""
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise DamagedDatabase(
                f"{path} is not a Keeper collection (not an SQLite database). {RESTORE_HINT}"
            )


def quick_check(path: Path) -> None:
    """Raise DamagedDatabase unless SQLite finds every page of `path` sound."""
    try:
        with closing(open_read_only(path)) as connection:
            result = connection.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.OperationalError as error:  # I/O, not content: full disk, no permission
        if is_read_only_error(error):
            raise DatabaseError(
                f"{path} is read-only (its folder or file cannot be written): nothing was saved"
            ) from None
        raise DatabaseError(
            f"cannot read {path} ({error}); check that the disk has free space and that "
            "the folder can be written"
        ) from None
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # a garbled byte in its report
        raise damaged(path, str(error)) from None
    if result != "ok":
        raise damaged(path, f"integrity check: {result}")


class IntegrityCheck:
    """The quick check of one opened file: run at most once, here or on a thread."""

    def __init__(self, path: Path, *, passed: bool = False) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._running = False
        self._error: DatabaseError | None = None
        if passed:
            self._done.set()

    @property
    def passed(self) -> bool:
        return self._done.is_set() and self._error is None

    @property
    def failure(self) -> DatabaseError | None:
        """Why the file failed the check; None while it runs or once it passed."""
        return self._error if self._done.is_set() else None

    def start(self, on_done: Callable[[DatabaseError | None], None] | None = None) -> None:
        """Run the check on a thread of its own; `on_done` is then called on that thread."""

        def work() -> None:
            outcome = self.wait()
            if on_done is not None:
                on_done(outcome)

        threading.Thread(target=work, name="keeper-integrity-check", daemon=True).start()

    def wait(self) -> DatabaseError | None:
        """The outcome, once known: runs the check here unless another thread already is."""
        with self._lock:
            run_here = not self._done.is_set() and not self._running
            self._running = self._running or run_here
        if run_here:
            try:
                quick_check(self.path)
            except DatabaseError as error:
                self._error = error
            finally:
                self._done.set()
        self._done.wait()
        return self._error

    def require_passed(self) -> None:
        """Return once the file passed the check; raise why it did not otherwise."""
        error = self.wait()
        if error is not None:
            raise error
