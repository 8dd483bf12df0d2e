"""The answer recorder through Qt: generated audio read from a QIODevice, written to WAV,
with the level meter following the sound."""

from __future__ import annotations

import math
import wave
from array import array
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtMultimedia import QMediaDevices
from pytestqt.qtbot import QtBot

from trainer.ui.stories.answer_recorder import NO_MICROPHONE, SAMPLE_RATE, AnswerRecorder


def _tone(seconds: float, amplitude: float) -> bytes:
    """A 440 Hz tone as 16-bit mono PCM at the recorder's rate."""
    samples = array(
        "h",
        (
            round(amplitude * 32767 * math.sin(2 * math.pi * 440 * n / SAMPLE_RATE))
            for n in range(int(seconds * SAMPLE_RATE))
        ),
    )
    return samples.tobytes()


def test_generated_audio_is_recorded_to_wav_and_moves_the_meter(
    qtbot: QtBot, tmp_path: Path
) -> None:
    pcm = _tone(1.5, amplitude=0.5)
    source = QBuffer()
    source.setData(QByteArray(pcm))
    source.open(QIODevice.OpenModeFlag.ReadOnly)
    recorder = AnswerRecorder()
    levels: list[float] = []
    recorder.level.connect(levels.append)

    assert recorder.start_from(source, tmp_path / "answer.wav")
    assert recorder.recording
    qtbot.waitUntil(lambda: recorder.recorded_seconds >= 1.5, timeout=5000)
    assert recorder.stop() == tmp_path / "answer.wav"
    assert not recorder.recording

    with wave.open(str(tmp_path / "answer.wav")) as recorded:
        assert (recorded.getframerate(), recorded.getnchannels()) == (SAMPLE_RATE, 1)
        assert recorded.readframes(recorded.getnframes()) == pcm
    assert 0.45 < max(levels) <= 0.5  # the tone peaks at half of full scale
    assert levels[-1] == 0.0  # the meter falls back when recording stops


def test_the_microphone_records_or_one_line_says_there_is_none(
    qtbot: QtBot, tmp_path: Path
) -> None:
    recorder = AnswerRecorder()
    messages: list[str] = []
    recorder.failed.connect(messages.append)
    started = recorder.start_microphone(tmp_path / "answer.wav")
    if QMediaDevices.audioInputs():  # a machine with a microphone records from it
        assert started and recorder.recording
        recorder.stop()
    else:  # CI and headless machines have none
        assert not started and messages == [NO_MICROPHONE]
        assert not (tmp_path / "answer.wav").exists()
