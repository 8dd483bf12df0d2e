"""Column types SQLite lacks: aware UTC datetimes and tag lists."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Dialect, Integer, String
from sqlalchemy.types import TypeDecorator

from trainer.storage.codecs import decode_tags, encode_tags, from_micros, stored_micros, to_micros

__all__ = ["Tags", "UTCDateTime", "decode_tags", "encode_tags", "from_micros", "to_micros"]


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as integer microseconds since the epoch, UTC.

    SQLite has no datetime type and drops tzinfo; fsrs refuses anything but `timezone.utc`.
    Integers also sort and compare fast in the due-card indexes.
    """

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> int | None:
        return stored_micros(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else from_micros(int(value))


class Tags(TypeDecorator[tuple[str, ...]]):
    """A tuple of tags stored as ' a b c ' so `tag:x` is one LIKE '% x %' in SQL."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: tuple[str, ...] | None, dialect: Dialect) -> str:
        return encode_tags(value or ())

    def process_result_value(self, value: Any, dialect: Dialect) -> tuple[str, ...]:
        return decode_tags(value or "")
