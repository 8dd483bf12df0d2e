"""Whether a text can be stored at all: the one check every editor and file shares."""

from __future__ import annotations

import re

LONE_SURROGATE = re.compile("[\\ud800-\\udfff]")  # decoded text holds none but lone ones


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored, or None: a lone surrogate (what Python makes of bytes that
    are not UTF-8) is not text, and no file or database can hold one."""
    found = LONE_SURROGATE.search(text)
    if found is None:
        return None
    return f"holds a character that is not text (U+{ord(found.group()):04X})"
