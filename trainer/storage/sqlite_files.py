"""Opening SQLite files by path, whatever characters the path holds.

SQLite takes "read-only" only in a `file:` URI, and SQLAlchemy takes a URL: in both a `#`,
`?` or `%` in a folder name is syntax, so a path pasted in unescaped opens another file (a
backup of an empty database, a stray file beside the folder). Every open goes through here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import URL


def file_uri(path: Path) -> str:
    """The `file:` URI of `path`, every character that is URI syntax percent-escaped."""
    return path.absolute().as_uri()


def open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can only read the existing file at `path` (it is never created)."""
    return sqlite3.connect(f"{file_uri(path)}?mode=ro", uri=True)


def engine_url(path: Path) -> URL:
    """SQLAlchemy's URL for the file at `path`, built from parts rather than parsed."""
    from sqlalchemy import URL

    return URL.create("sqlite", database=str(path.absolute()))
