"""Opening SQLite files by path, whatever characters the path holds.

SQLite takes "read-only" only in a `file:` URI, and SQLAlchemy takes a URL: in both a `#`,
`?` or `%` in a folder name is syntax, so a path pasted in unescaped opens another file (a
backup of an empty database, a stray file beside the folder). Every open goes through here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import URL


def file_uri(path: Path) -> str:
    """The `file:` URI of `path`, every character that is URI syntax percent-escaped."""
    return path.absolute().as_uri()


def open_read_only(path: Path, *, immutable: bool = False, **options: Any) -> sqlite3.Connection:
    """A connection that can only read the existing file at `path` (it is never created).

    `immutable`: SQLite is told nothing will change the file, so it needs no shared-memory
    file beside it: the one way to read a WAL database in a folder that cannot be written.
    """
    query = "mode=ro&immutable=1" if immutable else "mode=ro"
    return sqlite3.connect(f"{file_uri(path)}?{query}", uri=True, **options)


def is_read_only_error(error: sqlite3.Error) -> bool:
    """Whether SQLite refused because the file or its folder cannot be written."""
    return getattr(error, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_READONLY


def engine_url(path: Path) -> URL:
    """SQLAlchemy's URL for the file at `path`, built from parts rather than parsed."""
    from sqlalchemy import URL

    return URL.create("sqlite", database=str(path.absolute()))
