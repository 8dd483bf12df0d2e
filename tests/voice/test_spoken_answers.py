"""Spoken answers made by espeak-ng, transcribed offline: accuracy, delivery figures against
the audio's known length and words, and the coach on the weak and the strong answer."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest

from tests.voice.spoken_set import STRONG_ANSWER, WEAK_ANSWER, word_error_rate, words
from trainer.core.delivery import Transcript
from trainer.core.spoken_report import spoken_report
from trainer.services.transcription import TranscriptionCancelled, TranscriptionJob

pytestmark = pytest.mark.voice


def _seconds(wav: Path) -> float:
    with wave.open(str(wav)) as audio:
        return audio.getnframes() / audio.getframerate()


@pytest.mark.parametrize(("name", "answer"), [("weak", WEAK_ANSWER), ("strong", STRONG_ANSWER)])
def test_the_transcript_is_close_to_what_was_said(
    transcripts: dict[str, Transcript], name: str, answer: str
) -> None:
    # tiny.en on espeak's voice: 0-8% here (docs/voice.md); 15% leaves room for other CPUs
    assert word_error_rate(answer, transcripts[name].text) <= 0.15


def test_delivery_figures_match_the_audio_length_and_word_count(
    transcripts: dict[str, Transcript], weak_wav: Path
) -> None:
    report = spoken_report(transcripts["weak"], target_seconds=10)
    figures = report.delivery
    length = _seconds(weak_wav)
    assert figures.duration_seconds == pytest.approx(length, abs=0.1)
    assert figures.over_target_seconds == pytest.approx(length - 10, abs=0.1)
    # the answer has 36 words, 4 of them fillers ("um", "uh", "you know")
    spoken_words = len(words(WEAK_ANSWER)) - 4
    assert abs(figures.word_count - spoken_words) <= 2
    # espeak speaks with almost no silence at either end: pace over the whole file is close
    assert figures.words_per_minute == pytest.approx(spoken_words / length * 60, rel=0.15)
    assert [filler.text for filler in figures.fillers] == ["um", "uh", "you know"]
    starts = [filler.start for filler in figures.fillers]
    assert starts == sorted(starts) and starts[0] < 0.5 and starts[-1] < length
    assert figures.longest_pause_seconds < 1.5  # espeak pauses briefly between sentences
    assert (figures.i_count, figures.we_count) == (1, 4)


def test_the_coach_flags_the_weak_spoken_answer_and_not_the_strong_one(
    transcripts: dict[str, Transcript],
) -> None:
    weak = {finding.rule for finding in spoken_report(transcripts["weak"]).findings}
    assert {"team-credit", "seeking-permission", "hedging", "waiting-for-data"} <= weak
    assert spoken_report(transcripts["strong"]).findings == ()


def test_cancel_stops_the_job_at_its_next_step(weak_wav: Path) -> None:
    job = TranscriptionJob(weak_wav)
    job.cancel()
    with pytest.raises(TranscriptionCancelled):
        job.run()


def test_progress_reaches_the_end_in_order(weak_wav: Path) -> None:
    seen: list[float] = []
    TranscriptionJob(weak_wav, progress=seen.append).run()
    assert seen == sorted(seen) and seen[-1] == 1.0
