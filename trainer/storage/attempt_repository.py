"""Spoken rehearsal attempts (`collection.attempts`): figures for the trend, the timed words
to rebuild each report, and the recording when the user keeps audio. Inputs and outputs are
core values.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from trainer.core.delivery import SpokenWord, Transcript
from trainer.core.spoken_report import SpokenAttempt, SpokenReport, spoken_report
from trainer.storage.models import SpokenAttemptRow


class AttemptRepository:
    def __init__(self, session: Session, now: datetime) -> None:
        self._session = session
        self._now = now

    def add(self, story_id: int | None, report: SpokenReport, audio: bytes | None) -> int:
        return _add(self._session, self._now, story_id, report, audio)

    def of_story(self, story_id: int) -> list[SpokenAttempt]:
        """A story's attempts, oldest first, without their audio."""
        columns = [c for c in SpokenAttemptRow.__table__.columns if c.name != "audio"]
        has_audio = SpokenAttemptRow.audio.is_not(None).label("has_audio")
        query = (
            select(*columns, has_audio)
            .where(SpokenAttemptRow.story_id == story_id)
            .order_by(SpokenAttemptRow.recorded_at, SpokenAttemptRow.id)
        )
        return [_attempt(row) for row in self._session.execute(query)]

    def audio(self, attempt_id: int) -> bytes | None:
        query = select(SpokenAttemptRow.audio).where(SpokenAttemptRow.id == attempt_id)
        return self._session.execute(query).scalar()

    def remove(self, attempt_id: int) -> None:
        self._session.execute(delete(SpokenAttemptRow).where(SpokenAttemptRow.id == attempt_id))


def _add(
    session: Session,
    now: datetime,
    story_id: int | None,
    report: SpokenReport,
    audio: bytes | None,
) -> int:
    figures = report.delivery
    row = SpokenAttemptRow(
        story_id=story_id,
        recorded_at=now,
        duration_seconds=figures.duration_seconds,
        target_seconds=figures.target_seconds,
        word_count=figures.word_count,
        words_per_minute=figures.words_per_minute,
        filler_count=len(figures.fillers),
        fillers_per_minute=figures.fillers_per_minute,
        longest_pause_seconds=figures.longest_pause_seconds,
        i_count=figures.i_count,
        we_count=figures.we_count,
        finding_rules=" ".join(finding.rule for finding in report.findings),
        words=json.dumps([[w.text, w.start, w.end] for w in report.transcript.words]),
        audio=audio,
    )
    session.add(row)
    session.flush()
    return row.id


def _attempt(row) -> SpokenAttempt:  # a Row of the selected columns
    words = tuple(SpokenWord(str(t), float(s), float(e)) for t, s, e in json.loads(row.words))
    transcript = Transcript(words, duration_seconds=row.duration_seconds)
    return SpokenAttempt(
        id=row.id,
        story_id=row.story_id,
        recorded_at=row.recorded_at,
        report=spoken_report(transcript, row.target_seconds),
        has_audio=bool(row.has_audio),
    )
