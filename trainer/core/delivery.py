"""How a spoken answer was delivered: pace, fillers, pauses, "I" against "we", time.

Plain Python over a timed transcript (words with start and end seconds), whatever made it.
docs/voice.md says how the figures are defined and measured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A gap between two words at least this long is marked in the report as a long pause.
LONG_PAUSE_SECONDS = 1.5
# Sounds that are fillers wherever they stand.
_FILLER_SOUNDS = frozenset({"um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "hmm", "mm"})
# Two-word fillers, unless the next word makes them part of the sentence ("you know what").
_FILLER_PAIRS = {("you", "know"), ("i", "mean")}
_PAIR_CONTINUES = frozenset(
    {"what", "how", "that", "where", "who", "why", "when", "if", "the", "a", "it", "this"}
)
# "like" after these words is a verb or a comparison, not a filler ("looks like", "I'd like").
_LIKE_IS_MEANT_AFTER = frozenset(
    {
        "i", "you", "we", "they", "he", "she", "would", "i'd", "we'd", "you'd", "look",
        "looks", "looked", "feel", "feels", "felt", "seem", "seems", "seemed", "sound",
        "sounds", "something", "anything", "nothing", "things", "more", "much", "just",
        "really", "didn't", "don't", "doesn't", "not", "is", "was", "are", "be", "exactly",
    }
)  # fmt: skip
_I_WORDS = frozenset({"i", "i'm", "i've", "i'd", "i'll"})
_WE_WORDS = frozenset({"we", "we're", "we've", "we'd", "we'll"})
_WORD_CORE = re.compile(r"[^\w']+")


@dataclass(frozen=True)
class SpokenWord:
    """One word as transcribed, with its punctuation, and when it was said (seconds)."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Transcript:
    """The words of one recording, in order, and the recording's length in seconds."""

    words: tuple[SpokenWord, ...]
    duration_seconds: float

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


@dataclass(frozen=True)
class Filler:
    text: str
    start: float
    word_index: int  # the filler's first word in the transcript
    word_count: int = 1


@dataclass(frozen=True)
class Pause:
    after_word: int  # the index of the word before the silence
    start: float
    seconds: float


@dataclass(frozen=True)
class Delivery:
    """The figures of one spoken answer (docs/voice.md defines each)."""

    duration_seconds: float
    word_count: int  # words other than fillers
    words_per_minute: float  # word_count over the time from the first word to the last
    fillers: tuple[Filler, ...]
    fillers_per_minute: float
    longest_pause_seconds: float
    long_pauses: tuple[Pause, ...]
    i_count: int
    we_count: int
    target_seconds: int | None = None

    @property
    def over_target_seconds(self) -> float | None:
        """Seconds past the target (negative: time to spare); None without a target."""
        if not self.target_seconds:
            return None
        return self.duration_seconds - self.target_seconds


def bare(word: str) -> str:
    """A word lower-cased without its punctuation: 'Um,' -> 'um', "I'm." -> "i'm"."""
    return _WORD_CORE.sub("", word.replace("\u2019", "'")).lower().strip("'")


def find_fillers(words: tuple[SpokenWord, ...]) -> tuple[Filler, ...]:
    """The fillers in order: um/uh and kin always; 'you know', 'I mean' and 'like' only
    where they stand outside the sentence (at its edge, set off by commas)."""
    found: list[Filler] = []
    plain = [bare(word.text) for word in words]
    index = 0
    while index < len(words):
        word = plain[index]
        following = plain[index + 1] if index + 1 < len(words) else ""
        if word in _FILLER_SOUNDS:
            found.append(Filler(word, words[index].start, index))
        elif (word, following) in _FILLER_PAIRS and _pair_is_filler(words, plain, index):
            found.append(Filler(f"{word} {following}", words[index].start, index, 2))
            index += 1
        elif word == "like" and _like_is_filler(words, plain, index):
            found.append(Filler(word, words[index].start, index))
        index += 1
    return tuple(found)


def delivery(transcript: Transcript, target_seconds: int | None = None) -> Delivery:
    words = transcript.words
    fillers = find_fillers(words)
    filler_words = sum(filler.word_count for filler in fillers)
    pauses = _pauses(words)
    spoken_minutes = (words[-1].end - words[0].start) / 60 if words else 0.0
    minutes = transcript.duration_seconds / 60
    plain = [bare(word.text) for word in words]
    return Delivery(
        duration_seconds=transcript.duration_seconds,
        word_count=len(words) - filler_words,
        words_per_minute=(len(words) - filler_words) / spoken_minutes if spoken_minutes else 0.0,
        fillers=fillers,
        fillers_per_minute=len(fillers) / minutes if minutes else 0.0,
        longest_pause_seconds=max((pause.seconds for pause in pauses), default=0.0),
        long_pauses=tuple(pause for pause in pauses if pause.seconds >= LONG_PAUSE_SECONDS),
        i_count=sum(word in _I_WORDS for word in plain),
        we_count=sum(word in _WE_WORDS for word in plain),
        target_seconds=target_seconds,
    )


def _pauses(words: tuple[SpokenWord, ...]) -> list[Pause]:
    return [
        Pause(index, words[index].end, max(0.0, words[index + 1].start - words[index].end))
        for index in range(len(words) - 1)
    ]


def _set_off_before(words: tuple[SpokenWord, ...], index: int) -> bool:
    """Nothing before the word, or the word before it ends a clause."""
    return index == 0 or words[index - 1].text.rstrip()[-1:] in ",.?!;:-"


def _set_off_after(words: tuple[SpokenWord, ...], index: int) -> bool:
    return index == len(words) - 1 or words[index].text.rstrip()[-1:] in ",.?!;:-"


def _pair_is_filler(words: tuple[SpokenWord, ...], plain: list[str], index: int) -> bool:
    after = plain[index + 2] if index + 2 < len(words) else ""
    if _set_off_after(words, index + 1):
        return True
    return _set_off_before(words, index) and after not in _PAIR_CONTINUES


def _like_is_filler(words: tuple[SpokenWord, ...], plain: list[str], index: int) -> bool:
    if _set_off_before(words, index):
        return True
    return plain[index - 1] not in _LIKE_IS_MEANT_AFTER and _set_off_after(words, index)
