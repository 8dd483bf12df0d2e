"""Delivery figures from a timed transcript: pace, fillers, pauses, I against we, target."""

from __future__ import annotations

import pytest

from trainer.core.delivery import SpokenWord, Transcript, delivery, find_fillers
from trainer.core.spoken_report import Mark, marked_transcript, spoken_report


def _timed(text: str, *, seconds_per_word: float = 0.4, gaps: dict[int, float] | None = None):
    """Words one after another, each `seconds_per_word` long; `gaps` adds silence after
    the word at that index."""
    words, clock = [], 0.0
    for index, word in enumerate(text.split()):
        words.append(SpokenWord(word, clock, clock + seconds_per_word))
        clock += seconds_per_word + (gaps or {}).get(index, 0.0)
    return tuple(words)


def _filler_texts(text: str) -> list[str]:
    return [filler.text for filler in find_fillers(_timed(text))]


def test_pace_counts_words_but_not_fillers_over_the_time_spoken() -> None:
    words = _timed("Um, I launched the test and, uh, conversion rose four percent.")
    figures = delivery(Transcript(words, duration_seconds=10.0), target_seconds=8)
    # 11 words, 2 of them fillers, spoken over 11 * 0.4 = 4.4 s
    assert figures.word_count == 9
    assert figures.words_per_minute == pytest.approx(9 / 4.4 * 60)
    assert [(f.text, f.start) for f in figures.fillers] == [("um", 0.0), ("uh", 2.4)]
    assert figures.fillers_per_minute == pytest.approx(2 / (10 / 60))
    assert figures.over_target_seconds == pytest.approx(2.0)


def test_longest_pause_and_long_pauses_are_the_silences_between_words() -> None:
    words = _timed("I decided. Then I told the team.", gaps={1: 2.5, 3: 0.5})
    figures = delivery(Transcript(words, duration_seconds=8.0))
    assert figures.longest_pause_seconds == pytest.approx(2.5)
    assert [(pause.after_word, pause.seconds) for pause in figures.long_pauses] == [(1, 2.5)]
    assert figures.over_target_seconds is None


def test_i_and_we_are_counted_with_their_contractions() -> None:
    words = _timed("I think we should, and I'm sure we'll win; we've done it. Wellness")
    figures = delivery(Transcript(words, duration_seconds=5.0))
    assert (figures.i_count, figures.we_count) == (2, 3)


@pytest.mark.parametrize(
    ("text", "fillers"),
    [
        ("Like, the price was wrong.", ["like"]),
        ("The price was, like, wrong.", ["like"]),
        ("It looks like the price was wrong.", []),
        ("I'd like to show the data.", []),
        ("Markets like Brazil grew.", []),
        ("So, you know, I cut the price.", ["you know"]),
        ("You know what, I cut the price.", []),
        ("Do you know the price?", []),
        ("I mean, the price was wrong.", ["i mean"]),
        ("I mean the price, not the plan.", []),
        ("Erm, hmm, I cut it.", ["erm", "hmm"]),
    ],
)
def test_like_you_know_and_i_mean_are_fillers_only_outside_the_sentence(
    text: str, fillers: list[str]
) -> None:
    assert _filler_texts(text) == fillers


def test_no_words_gives_zero_figures_not_an_error() -> None:
    figures = delivery(Transcript((), duration_seconds=3.0), target_seconds=60)
    assert (figures.word_count, figures.words_per_minute, figures.longest_pause_seconds) == (
        0,
        0.0,
        0.0,
    )
    assert figures.over_target_seconds == pytest.approx(-57.0)


def test_the_marked_transcript_sets_off_fillers_and_long_pauses_where_they_fell() -> None:
    words = _timed("Um, I cut the price. You know, it worked.", gaps={4: 2.0})
    report = spoken_report(Transcript(words, duration_seconds=6.0))
    assert [(piece.text, piece.mark) for piece in marked_transcript(report)] == [
        ("Um,", Mark.FILLER),
        ("I cut the price.", Mark.WORD),
        ("2.0 s", Mark.PAUSE),
        ("You know,", Mark.FILLER),
        ("it worked.", Mark.WORD),
    ]
