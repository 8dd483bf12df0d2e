"""What `keeper` prints shows control characters instead of sending them to the terminal.

Cards, deck names and file names can come from someone else's file, and an escape
sequence printed as is would act on the terminal: clear it, retitle it, or write the
clipboard (OSC 52). Every control character but newline and tab is printed as `\\u001b`:
readable, and inside a JSON string the same character again, so `--json` reads back as
stored.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

# Control characters, and the bidi embeddings and overrides that reorder a line.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    return _CONTROLS.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


class _Shown:
    """A text stream writing through `shown`; everything else is the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(shown(text))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


@contextmanager
def controls_shown() -> Iterator[None]:
    """Standard output and error write through `shown` while the block runs."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Shown(out), _Shown(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
