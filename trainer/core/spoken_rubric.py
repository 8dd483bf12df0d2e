"""Which points of a spoken card's rubric an answer said, and the grade that suggests.

A point counts as said when most of its content words (stemmed, stop words left out) were
spoken, and every number in it was: "lifted conversion 4%" needs the 4. The suggested grade
is only a suggestion: the user confirms or changes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from trainer.core.cards import Rating

# How long a spoken card's answer should take: "answer aloud in under two minutes".
SPOKEN_TARGET_SECONDS = 120
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])(?:\s+(.*\S))?\s*$")

# The share of a point's content words that must be heard for the point to count as said.
SAID_SHARE = 0.6
_STOP_WORDS = frozenset(
    re.split(
        r"\s+",
        """a an the and or but of to in on at for by with from as is are was were be been it
    its this that these those i we you he she they my our your their me us them so then
    than there here what which who how why when where do did does done have has had not
    no into over under about up down out""",
    )
)
_TOKEN = re.compile(r"[a-z]+|\d+(?:[.,]\d+)?")
_NUMBER = re.compile(r"\d")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "twenty": "20", "fifty": "50",
    "hundred": "100",
}  # fmt: skip


@dataclass(frozen=True)
class PointHeard:
    point: str
    said: bool


def rubric_points(back: str) -> tuple[str, ...]:
    """The points of a spoken card's rubric: the items of its Markdown bullet list, or,
    for a back written without bullets, each non-blank line."""
    lines = [line for line in back.splitlines() if line.strip()]
    if any(_BULLET.match(line) for line in lines):
        return tuple(m.group(1) for line in lines if (m := _BULLET.match(line)) and m.group(1))
    return tuple(line.strip() for line in lines)


def points_heard(transcript: str, points: list[str] | tuple[str, ...]) -> tuple[PointHeard, ...]:
    """For each rubric point, in order, whether the transcript said it."""
    heard = set(_terms(transcript))
    return tuple(PointHeard(point, _said(point, heard)) for point in points if point.strip())


def suggested_grade(heard: tuple[PointHeard, ...], findings: int = 0) -> Rating:
    """Again below half the points, Hard below four in five, Easy with every point and no
    coach finding, Good otherwise."""
    if not heard:
        return Rating.GOOD if not findings else Rating.HARD
    share = sum(point.said for point in heard) / len(heard)
    if share < 0.5:
        return Rating.AGAIN
    if share < 0.8:
        return Rating.HARD
    return Rating.EASY if share == 1 and not findings else Rating.GOOD


def _said(point: str, heard: set[str]) -> bool:
    terms = set(_terms(point))
    if not terms:
        return False
    numbers = {term for term in terms if _NUMBER.search(term)}
    if not numbers <= heard:
        return False
    return len(terms & heard) / len(terms) >= SAID_SHARE


def _terms(text: str) -> list[str]:
    tokens = _TOKEN.findall(text.lower().replace(",", ""))
    return [_stem(_NUMBER_WORDS.get(token, token)) for token in tokens if token not in _STOP_WORDS]


def _stem(word: str) -> str:
    """A crude English stem, enough to match 'launched' with 'launch' and 'tests' with
    'testing'."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word
