"""Printing helpers shared by the commands: JSON for scripts, aligned tables for people."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from typing import Any


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


# Control characters (a deck from a stranger named with `\x1b[2J` cleared the screen) and
# the bidi embeddings and overrides that reorder a line: printed as escapes, never raw.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """The text with each character that could drive the terminal written as its escape."""
    return _UNSAFE.sub(lambda m: repr(m.group())[1:-1], text)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    cells = [[str(h) for h in headers]] + [[terminal_safe(str(c)) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for row in cells:
        line = "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        print(line.rstrip())
