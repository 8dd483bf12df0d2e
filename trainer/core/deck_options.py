"""Checking a deck's options and reading learning steps as people write them ("1m 10m 1h")."""

from __future__ import annotations

import re
from datetime import timedelta

from trainer.core.model import DeckOptions
from trainer.core.storable_text import text_problem

RETENTION_MIN = 0.70
RETENTION_MAX = 0.97
MAX_PER_DAY = 9999
MAX_NAME = 100

RETENTION_HELP = (
    "Desired retention is the chance FSRS aims for that you still remember a card when it "
    "comes back. 0.90 means about 9 in 10 answers right on review day. Higher keeps more "
    "in memory but brings cards back sooner, so there are more reviews each day; lower "
    "means fewer reviews and more forgetting. 0.85 to 0.92 suits most people."
)

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_STEP = re.compile(r"(\d+(?:\.\d+)?)([smhd]?)")


class OptionsError(ValueError):
    """An option is out of range; the message names it and says what is allowed."""


def parse_steps(text: str) -> tuple[timedelta, ...]:
    """'1m 10m 1h' -> steps; a bare number is minutes. Raises OptionsError naming a bad step."""
    steps = []
    for part in text.replace(",", " ").split():
        match = _STEP.fullmatch(part.lower())
        if match is None:
            raise OptionsError(f"{part!r} is not a step; write steps like 1m 10m 1h 1d")
        seconds = float(match[1]) * _UNITS[match[2] or "m"]
        if seconds < 1:
            raise OptionsError(f"{part!r} is too short; a step is at least 1s")
        steps.append(timedelta(seconds=round(seconds)))
    return tuple(steps)


def format_steps(steps: tuple[timedelta, ...]) -> str:
    """Steps written back in the largest unit that divides them: '1m 10m 1h'."""
    parts = []
    for step in steps:
        seconds = int(step.total_seconds())
        for unit in ("d", "h", "m", "s"):
            if seconds % _UNITS[unit] == 0:
                parts.append(f"{seconds // _UNITS[unit]}{unit}")
                break
    return " ".join(parts)


def check_options(options: DeckOptions) -> DeckOptions:
    """`options` unchanged if valid; raises OptionsError naming the first bad one."""
    if not RETENTION_MIN <= options.desired_retention <= RETENTION_MAX:
        raise OptionsError(
            f"desired retention must be between {RETENTION_MIN:.2f} and {RETENTION_MAX:.2f}"
        )
    for label, value in (("new cards", options.new_per_day), ("reviews", options.reviews_per_day)):
        if not 0 <= value <= MAX_PER_DAY:
            raise OptionsError(f"{label} per day must be between 0 and {MAX_PER_DAY}")
    return options


def check_deck_name(name: str, taken: list[str]) -> str:
    """The name stripped, if it is usable and not taken (ignoring case); else OptionsError."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise OptionsError("a deck needs a name")
    if len(cleaned) > MAX_NAME:
        raise OptionsError(f"a deck name has at most {MAX_NAME} characters")
    if problem := text_problem(cleaned):
        raise OptionsError(f"the deck name {problem}")
    if cleaned.casefold() in {other.casefold() for other in taken}:
        raise OptionsError(f"there is already a deck called {cleaned!r}")
    return cleaned
