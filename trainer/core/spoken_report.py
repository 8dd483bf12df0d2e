"""The report after one spoken answer: delivery figures, the coach on the transcript, the
rubric's points heard, and the transcript marked for reading."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from trainer.core.cards import Rating
from trainer.core.coach import Finding, coach
from trainer.core.delivery import Delivery, Transcript, delivery
from trainer.core.spoken_rubric import PointHeard, points_heard, suggested_grade


@dataclass(frozen=True)
class SpokenReport:
    transcript: Transcript
    delivery: Delivery
    findings: tuple[Finding, ...]  # offsets into transcript.text
    points: tuple[PointHeard, ...] = ()
    suggested_grade: Rating | None = None  # only for an answer with a rubric

    @property
    def text(self) -> str:
        return self.transcript.text


@dataclass(frozen=True)
class SpokenAttempt:
    """One kept attempt: its report is rebuilt from the stored timed words and target."""

    id: int
    story_id: int | None
    recorded_at: datetime
    report: SpokenReport
    has_audio: bool = False


def spoken_report(
    transcript: Transcript, target_seconds: int | None = None, rubric: tuple[str, ...] = ()
) -> SpokenReport:
    findings = tuple(coach(transcript.text))
    points = points_heard(transcript.text, rubric) if rubric else ()
    return SpokenReport(
        transcript=transcript,
        delivery=delivery(transcript, target_seconds),
        findings=findings,
        points=points,
        suggested_grade=suggested_grade(points, len(findings)) if rubric else None,
    )


class Mark(Enum):
    WORD = "word"
    FILLER = "filler"
    PAUSE = "pause"


@dataclass(frozen=True)
class MarkedPiece:
    text: str  # the words, or for a pause its length, e.g. "2.4 s"
    mark: Mark


def marked_transcript(report: SpokenReport) -> tuple[MarkedPiece, ...]:
    """The transcript in pieces: runs of plain words, each filler, and each long pause
    (delivery.LONG_PAUSE_SECONDS or more) where it fell."""
    words = report.transcript.words
    filler_at = {filler.word_index: filler for filler in report.delivery.fillers}
    pause_after = {pause.after_word: pause for pause in report.delivery.long_pauses}
    pieces: list[MarkedPiece] = []
    plain: list[str] = []
    index = 0

    def flush() -> None:
        if plain:
            pieces.append(MarkedPiece(" ".join(plain), Mark.WORD))
            plain.clear()

    while index < len(words):
        filler = filler_at.get(index)
        count = filler.word_count if filler else 1
        text = " ".join(word.text for word in words[index : index + count])
        if filler:
            flush()
            pieces.append(MarkedPiece(text, Mark.FILLER))
        else:
            plain.append(text)
        last = index + count - 1
        if last in pause_after:
            flush()
            pieces.append(MarkedPiece(f"{pause_after[last].seconds:.1f} s", Mark.PAUSE))
        index += count
    flush()
    return tuple(pieces)
