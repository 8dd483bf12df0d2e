"""How values are stored, without SQLAlchemy: times, tags and learning steps.

Aware UTC datetimes are integer microseconds since the epoch (they sort and compare fast
in the due indexes); tags are ' a b c ' so `tag:x` is one LIKE '% x %'; learning steps are
seconds, space separated. `types.py` builds the SQLAlchemy column types on these, and the
plain-sqlite read path (`reads.py`) uses them directly.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from trainer.core.clock import from_micros, to_micros  # core defines the format

__all__ = [
    "decode_tags",
    "encode_tags",
    "from_micros",
    "steps_from_text",
    "steps_to_text",
    "stored_micros",
    "to_micros",
]


def stored_micros(moment: datetime | None) -> int | None:
    """A time as the collection stores it (None stays None); a naive one is refused, since
    its instant is unknown."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("naive datetime refused: store aware UTC times only")
    return to_micros(moment)


def encode_tags(tags: tuple[str, ...] | list[str]) -> str:
    unique = dict.fromkeys(t.strip() for t in tags if t.strip())
    return f" {' '.join(unique)} " if unique else ""


def decode_tags(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def steps_to_text(steps: tuple[timedelta, ...]) -> str:
    return " ".join(str(int(step.total_seconds())) for step in steps)


def steps_from_text(text: str) -> tuple[timedelta, ...]:
    return tuple(timedelta(seconds=int(part)) for part in text.split())
