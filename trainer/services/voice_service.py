"""Spoken rehearsal: transcribe an attempt, report on it, keep it, show a story's trend.

Transcription is a job the caller runs off the GUI thread (`TranscriptionJob.run`); the
rest is quick. An attempt is kept with its figures and timed words; its recording only
when the user's `keep_audio` setting says so, inside the collection file, so backups hold
it and no exporter ever sees it.
"""

from __future__ import annotations

from pathlib import Path

from trainer.core.delivery import Transcript
from trainer.core.spoken_report import SpokenAttempt, SpokenReport, spoken_report
from trainer.services.settings_service import SettingsService
from trainer.services.transcription import TranscriptionJob
from trainer.services.undo import UndoHistory, UndoStep
from trainer.services.unit_of_work import UnitOfWork


class VoiceService:
    def __init__(self, uow: UnitOfWork, undo: UndoHistory, settings: SettingsService) -> None:
        self._uow = uow
        self._undo = undo
        self._settings = settings

    def transcription(self, audio: Path) -> TranscriptionJob:
        """A job for `audio` with the model the settings name (run it off the GUI thread)."""
        return TranscriptionJob(audio, model=self._settings.load().voice_model)

    def report(
        self, transcript: Transcript, target_seconds: int | None, rubric: tuple[str, ...] = ()
    ) -> SpokenReport:
        return spoken_report(transcript, target_seconds, rubric)

    def keep(self, story_id: int | None, report: SpokenReport, audio: Path | None = None) -> int:
        """Keep the attempt (and its recording if the settings say so); one undo step."""
        recording = audio.read_bytes() if audio and self._settings.load().keep_audio else None
        with self._uow() as collection:
            attempt_id = collection.attempts.add(story_id, report, recording)
        self._undo.push(UndoStep("Keep spoken attempt", lambda c: c.attempts.remove(attempt_id)))
        return attempt_id

    def attempts(self, story_id: int) -> list[SpokenAttempt]:
        """The story's attempts, oldest first: the trend of pace, fillers and findings."""
        with self._uow() as collection:
            return collection.attempts.of_story(story_id)

    def recording(self, attempt_id: int) -> bytes | None:
        with self._uow() as collection:
            return collection.attempts.audio(attempt_id)
