"""The spoken test set: answers written for Keeper, spoken by espeak-ng, and the measure
of a transcript against them (word error rate, filler recall). Used by tests/voice and by
bench/voice.py, whose figures are in docs/voice.md."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

WEAK_ANSWER = (
    "Um, so, we kind of decided to check with my manager first. Uh, the team wanted more "
    "data before we launched, you know. I think maybe we should have waited. In the end "
    "we improved engagement a lot."
)
STRONG_ANSWER = (
    "Sign-ups stalled at the pricing page. I decided to cut the first month's price and "
    "launched the test to ten percent of new members. I set a kill metric on churn. Paid "
    "conversion rose four percent in six weeks, and I rolled it out to every market."
)
# More answers for the word error rate and filler recall in docs/voice.md (bench/voice.py).
MORE_ANSWERS = (
    "Uh, the launch slipped two weeks because, um, the vendor was late. I moved the "
    "campaign to the next slate and tested the trailer creative instead.",
    "Um, I owned the retention roadmap. Uh, churn was rising in the second month, so I "
    "added a reminder email, and, um, churn fell by one point.",
    "I mean, the data was noisy. Uh, I made the call with what we had and, um, set a "
    "review after thirty days.",
    "So, uh, I think the price was the friction. Um, I would test a cheaper annual plan "
    "first and, uh, measure paid conversion.",
)
SPOKEN_SET = (WEAK_ANSWER, STRONG_ANSWER, *MORE_ANSWERS)
FILLER_SOUNDS = {"um", "uh"}
_WORD = re.compile(r"[a-z0-9']+")
# espeak-ng reads "ten percent" as written; Whisper may write "10%": one spelling for both.
_SAME_WORDS = {"10": "ten", "4": "four", "6": "six", "30": "thirty", "2": "two", "1": "one"}


def speak(text: str, wav: Path, words_per_minute: int = 160) -> Path:
    """`text` spoken by espeak-ng (US English) into a WAV file."""
    subprocess.run(
        ["espeak-ng", "-v", "en-us", "-s", str(words_per_minute), "-w", str(wav), text],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return wav


def words(text: str) -> list[str]:
    found = _WORD.findall(text.lower().replace("%", " percent").replace("-", " "))
    return [_SAME_WORDS.get(word, word) for word in found]


def edit_distance(reference: list[str], heard: list[str]) -> int:
    """Word-level Levenshtein distance: substitutions + deletions + insertions."""
    previous = list(range(len(heard) + 1))
    for row, wanted in enumerate(reference, start=1):
        current = [row]
        for column, got in enumerate(heard, start=1):
            current.append(
                min(previous[column] + 1, current[-1] + 1, previous[column - 1] + (wanted != got))
            )
        previous = current
    return previous[-1]


def word_error_rate(reference: str, heard: str) -> float:
    expected = words(reference)
    return edit_distance(expected, words(heard)) / len(expected)


def filler_counts(reference: str, heard: str) -> tuple[int, int]:
    """(fillers in the reference, of those how many the transcript kept), counted per kind."""
    said = words(reference)
    got = words(heard)
    total = kept = 0
    for sound in FILLER_SOUNDS:
        total += said.count(sound)
        kept += min(said.count(sound), got.count(sound))
    return total, kept
