"""Records a spoken answer to a WAV file, with a level for the meter.

The microphone comes through QtMultimedia's QAudioSource as a QIODevice of 16-bit PCM;
`start_from` takes any such device, so the same code records from a file or generated audio.
No microphone, or permission refused: `failed` says so in one line and nothing starts.
"""

from __future__ import annotations

import wave
from array import array
from pathlib import Path

from PySide6.QtCore import QIODevice, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

SAMPLE_RATE = 16_000  # what Whisper uses; the decoder resamples anything else
POLL_MS = 50
NO_MICROPHONE = "No microphone found: rehearse without recording, or connect one and press R."
PERMISSION_DENIED = (
    "Keeper may not use the microphone (permission denied): allow it in the system's "
    "privacy settings, or rehearse without recording."
)


class AnswerRecorder(QObject):
    level = Signal(float)  # the loudest sample of the latest chunk, 0.0-1.0
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._device: QIODevice | None = None
        self._source: QObject | None = None  # the QAudioSource while the microphone records
        self._wav: wave.Wave_write | None = None
        self._path: Path | None = None
        self._frames = 0
        self._rate = SAMPLE_RATE
        self._channels = 1
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._pull)

    @property
    def recording(self) -> bool:
        return self._wav is not None

    @property
    def recorded_seconds(self) -> float:
        return self._frames / self._rate

    def start_microphone(self, wav: Path) -> bool:
        """Record from the default microphone into `wav`; False (and `failed`) if none."""
        try:
            from PySide6.QtMultimedia import QAudio, QAudioFormat, QAudioSource, QMediaDevices
        except ImportError:  # a Qt without QtMultimedia
            self.failed.emit(NO_MICROPHONE)
            return False
        if not _microphone_allowed():
            self.failed.emit(PERMISSION_DENIED)
            return False
        device = QMediaDevices.defaultAudioInput()
        if device.isNull():
            self.failed.emit(NO_MICROPHONE)
            return False
        wanted = QAudioFormat()
        wanted.setSampleRate(SAMPLE_RATE)
        wanted.setChannelCount(1)
        wanted.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if not device.isFormatSupported(wanted):
            wanted = device.preferredFormat()
            wanted.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        source = QAudioSource(device, wanted, self)
        stream = source.start()
        if stream is None or source.error() != QAudio.Error.NoError:  # type: ignore[comparison-overlap]  # stubs: QtAudio vs QAudio
            source.deleteLater()
            self.failed.emit(f"The microphone {device.description()} cannot be opened.")
            return False
        self._source = source
        return self.start_from(stream, wav, wanted.sampleRate(), wanted.channelCount())

    def start_from(
        self, stream: QIODevice, wav: Path, sample_rate: int = SAMPLE_RATE, channels: int = 1
    ) -> bool:
        """Record 16-bit PCM read from `stream` into `wav`."""
        self.stop()
        try:
            writer = wave.open(str(wav), "wb")  # noqa: SIM115 - open until stop()
        except OSError as error:
            self.failed.emit(f"Cannot write the recording to {wav}: {error.strerror or error}")
            return False
        writer.setnchannels(channels)
        writer.setsampwidth(2)
        writer.setframerate(sample_rate)
        self._wav, self._path, self._device = writer, wav, stream
        self._frames, self._rate, self._channels = 0, sample_rate, channels
        stream.readyRead.connect(self._pull)
        self._poll.start()  # a device that never signals readyRead is read all the same
        return True

    def stop(self) -> Path | None:
        """Stop and close the file; returns it, or None when nothing was recording."""
        if self._wav is None:
            return None
        self._pull()
        self._poll.stop()
        if self._source is not None:
            self._source.stop()  # type: ignore[attr-defined]  # a QAudioSource
            self._source.deleteLater()
            self._source = None
        if self._device is not None:
            self._device.readyRead.disconnect(self._pull)
        self._wav.close()
        self._wav, self._device = None, None
        self.level.emit(0.0)
        return self._path

    def _pull(self) -> None:
        if self._wav is None or self._device is None:
            return
        data = bytes(self._device.readAll().data())
        data = data[: len(data) - len(data) % (2 * self._channels)]
        if not data:
            return
        self._wav.writeframes(data)
        self._frames += len(data) // (2 * self._channels)
        samples = array("h", data)
        self.level.emit(max(max(samples), -min(samples)) / 32768)


def _microphone_allowed() -> bool:
    """False only when the system says no (macOS, Windows); Linux has no such gate."""
    try:
        from PySide6.QtCore import QMicrophonePermission, Qt
    except ImportError:  # Qt before 6.5 has no permission API
        return True
    app = QApplication.instance()
    if app is None:
        return True
    status = app.checkPermission(QMicrophonePermission())
    return status != Qt.PermissionStatus.Denied
