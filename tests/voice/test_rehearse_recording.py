"""Spoken rehearsal in the window: record (from a file's audio, through Qt), R stops, the
transcription runs off the GUI thread, the report shows, the attempt joins the trend."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtMultimedia import QMediaDevices
from pytestqt.qtbot import QtBot

from tests.ui.test_rehearse_view import STORY, rehearse
from trainer.services.services import Services
from trainer.ui.stories.answer_recorder import NO_MICROPHONE
from trainer.ui.stories.stories_view import StoriesView
from trainer.ui.stories.voice_panel import VoicePanel

pytestmark = pytest.mark.voice
WAIT_MS = 120_000  # a guard against a hang, not a timing


def _play(panel: VoicePanel, wav: Path, qtbot: QtBot) -> QBuffer:
    """Feed the WAV's samples to the panel's recorder as if spoken into a microphone."""
    with wave.open(str(wav)) as audio:
        rate, frames = audio.getframerate(), audio.readframes(audio.getnframes())
    source = QBuffer()
    source.setData(QByteArray(frames))
    source.open(QIODevice.OpenModeFlag.ReadOnly)
    panel.record_from(source, rate)
    assert panel.recorder.recording and panel.meter.isVisible()
    qtbot.waitUntil(lambda: panel.recorder.recorded_seconds * rate >= len(frames) / 2 - 1)
    return source


def test_a_recorded_answer_gets_its_report_and_joins_the_trend(
    qtbot: QtBot, services: Services, weak_wav: Path
) -> None:
    view: StoriesView = rehearse(qtbot, services)
    page = view.rehearse
    source = _play(page.voice, weak_wav, qtbot)
    assert "Recording" in page.voice.status.text()
    qtbot.keyClick(page, Qt.Key.Key_R)  # stop: transcription starts on its own thread
    assert not page.voice.recorder.recording
    qtbot.waitUntil(lambda: page.voice.report_view.isVisible(), timeout=WAIT_MS)
    source.close()

    report = page.voice.report_view.report
    assert report is not None and report.text.startswith("Um, so, we")
    html = page.voice.report_view.toHtml()
    assert "Um," in html and "background-color" in html  # the filler is marked
    shown = page.voice.report_view.toPlainText()
    assert "words per minute" in shown and "Credit handed to the team" in shown
    assert report.delivery.target_seconds == STORY.target_seconds

    qtbot.keyClick(page, Qt.Key.Key_Space)  # the rest of the rehearsal goes on
    qtbot.keyClick(page, Qt.Key.Key_3)
    assert page.last_review is not None
    qtbot.keyClick(page, Qt.Key.Key_Escape)
    rows = view.trend.cell_texts()
    assert len(rows) == 1 and view.trend.isVisible()
    pace, findings = int(rows[0][2]), int(rows[0][6])
    assert pace == round(report.delivery.words_per_minute) and findings == len(report.findings)


def test_cancel_keeps_nothing(qtbot: QtBot, services: Services, weak_wav: Path) -> None:
    view = rehearse(qtbot, services)
    page = view.rehearse
    _play(page.voice, weak_wav, qtbot)
    qtbot.keyClick(page, Qt.Key.Key_R)
    assert page.voice.cancel_button.isVisible()
    qtbot.mouseClick(page.voice.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.voice.busy, timeout=WAIT_MS)
    assert page.voice.status.text() == "Transcription cancelled: nothing kept."
    assert not page.voice.report_view.isVisible()
    assert services.voice.attempts(services.stories.list()[0].id) == []


def test_no_microphone_is_one_line_and_rehearsal_goes_on(qtbot: QtBot, services: Services) -> None:
    view = rehearse(qtbot, services)
    page = view.rehearse
    qtbot.keyClick(page, Qt.Key.Key_R)
    if QMediaDevices.audioInputs():  # a machine with a microphone records from it
        assert page.voice.recorder.recording
        qtbot.keyClick(page, Qt.Key.Key_Escape)
        return
    assert page.voice.status.text() == NO_MICROPHONE and not page.voice.recorder.recording
    qtbot.keyClick(page, Qt.Key.Key_Space)
    qtbot.keyClick(page, Qt.Key.Key_3)
    assert page.last_review is not None
