"""Spoken attempts are kept with their figures and words, their audio only when the user
says so; the audio is in backups and never in a shared export; keeping one undoes."""

from __future__ import annotations

import sqlite3
import zipfile
from contextlib import closing
from datetime import timedelta
from pathlib import Path

from trainer.core.clock import FixedClock
from trainer.core.delivery import SpokenWord, Transcript
from trainer.core.stories import Story
from trainer.services.services import Services

RECORDING = b"RIFF-not-really-a-wav-but-kept-as-given-" * 50


def _transcript(text: str, gap_after: int = -1) -> Transcript:
    words, clock = [], 0.0
    for index, word in enumerate(text.split()):
        words.append(SpokenWord(word, clock, clock + 0.4))
        clock += 0.4 + (2.0 if index == gap_after else 0.0)
    return Transcript(tuple(words), duration_seconds=clock + 0.5)


def _story(services: Services) -> Story:
    return services.stories.create(Story(None, "Pricing test", "", "", "", "", "", "", ""))


def _recording(tmp_path: Path) -> Path:
    path = tmp_path / "attempt.wav"
    path.write_bytes(RECORDING)
    return path


def test_attempts_come_back_oldest_first_with_their_report_and_no_audio_by_default(
    services: Services, clock: FixedClock, tmp_path: Path
) -> None:
    story = _story(services)
    weak = services.voice.report(_transcript("Um, we kind of waited, you know.", 2), 60)
    services.voice.keep(story.id, weak, _recording(tmp_path))
    clock.advance(timedelta(days=1))
    strong = services.voice.report(_transcript("I cut the price and conversion rose 4%."), 60)
    services.voice.keep(story.id, strong, _recording(tmp_path))

    attempts = services.voice.attempts(story.id)
    assert [a.report.text for a in attempts] == [weak.text, strong.text]
    first = attempts[0].report
    assert [f.text for f in first.delivery.fillers] == ["um", "you know"]
    assert first.delivery.longest_pause_seconds == weak.delivery.longest_pause_seconds
    assert [f.rule for f in first.findings] == [f.rule for f in weak.findings] != []
    assert attempts[1].recorded_at - attempts[0].recorded_at == timedelta(days=1)
    assert not any(attempt.has_audio for attempt in attempts)
    assert services.voice.recording(attempts[0].id) is None


def test_audio_kept_when_asked_is_in_backups_and_not_in_shared_exports(
    services: Services, tmp_path: Path
) -> None:
    services.settings.save(services.settings.load()._replace(keep_audio=True))
    story = _story(services)
    report = services.voice.report(_transcript("I decided to launch on Monday."), 60)
    attempt_id = services.voice.keep(story.id, report, _recording(tmp_path))
    assert services.voice.recording(attempt_id) == RECORDING
    assert services.voice.attempts(story.id)[0].has_audio

    backup = services.backups.create()
    with closing(sqlite3.connect(backup.path)) as copy:
        assert copy.execute("SELECT audio FROM spoken_attempts").fetchone()[0] == RECORDING

    export = tmp_path / "shared.keeper"
    services.exchange.export_file(export, with_history=True, with_stories=True)
    with zipfile.ZipFile(export) as package:
        content = b"".join(package.read(name) for name in package.namelist())
    assert b"Pricing test" in content  # the story is shared, readable here
    assert RECORDING[:20] not in content
    assert b"launch on Monday" not in content


def test_keeping_an_attempt_is_one_undo_step(services: Services, tmp_path: Path) -> None:
    story = _story(services)
    services.voice.keep(story.id, services.voice.report(_transcript("I did it."), None))
    assert services.undo.next_label == "Keep spoken attempt"
    services.undo.undo()
    assert services.voice.attempts(story.id) == []
