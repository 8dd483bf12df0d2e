"""Cloze text: numbered gaps written `{{c1::answer}}` or `{{c1::answer::hint}}`, as Anki
writes them. A cloze card asks one gap number; every gap with that number is hidden, the
others show their answer.

Parsed by a single left-to-right scan with `str.find`, not a regular expression: a text of
200,000 characters made of unclosed `{{c1::` must cost one pass, not one pass per opener.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

_OPEN = "{{c"
_CLOSE = "}}"
MAX_GAP = 999  # Anki numbers gaps up to c499 in practice; anything wider is not a gap


class Gap(NamedTuple):
    start: int  # where `{{c` begins in the text
    end: int  # just after the closing `}}`
    number: int
    answer: str
    hint: str


def gaps(text: str) -> Iterator[Gap]:
    """The gaps of `text` in order. Malformed openers are plain text."""
    position = 0
    while (start := text.find(_OPEN, position)) != -1:
        digits_end = start + len(_OPEN)
        while digits_end < len(text) and text[digits_end] in "0123456789":
            digits_end += 1
        digits = text[start + len(_OPEN) : digits_end]
        if not digits or not text.startswith("::", digits_end) or int(digits) > MAX_GAP:
            position = start + 1
            continue
        close = text.find(_CLOSE, digits_end + 2)
        if close == -1:
            return  # nothing later can close either
        body = text[digits_end + 2 : close]
        answer, _, hint = body.partition("::")
        number = int(digits)
        if number >= 1:
            yield Gap(start, close + len(_CLOSE), number, answer, hint)
        position = close + len(_CLOSE)


def gap_numbers(text: str) -> tuple[int, ...]:
    """The distinct gap numbers, ascending: one card each."""
    return tuple(sorted({gap.number for gap in gaps(text)}))


def question(text: str, number: int) -> str:
    """The text with gap `number` hidden as `[...]` (or `[hint]`) and the others filled."""
    return _filled(text, number, lambda gap: f"[{gap.hint or '...'}]")


def answer(text: str, number: int) -> str:
    """The text with every gap filled, gap `number` in bold so the eye finds it."""
    return _filled(text, number, _bold)


def plain(text: str) -> str:
    """The text with every gap filled: what search and one-line summaries show."""
    return _filled(text, 0, lambda gap: gap.answer)


def _bold(gap: Gap) -> str:
    return f"**{gap.answer.strip()}**" if gap.answer.strip() else ""


def _filled(text: str, number: int, asked: Callable[[Gap], str]) -> str:
    parts: list[str] = []
    position = 0
    for gap in gaps(text):
        parts.append(text[position : gap.start])
        parts.append(asked(gap) if gap.number == number else gap.answer)
        position = gap.end
    parts.append(text[position:])
    return "".join(parts)
