"""Record a spoken answer, transcribe it off the GUI thread, show and keep the report.

R starts and stops recording; a level meter moves while it records. Transcription runs on
a worker thread with a progress bar and a Cancel button. Without the voice extra, or
without a microphone, one line says so and rehearsal goes on without audio. The rehearse
screen answers a story with it, the study screen a spoken card (with its rubric).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QIODevice, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from trainer.core.delivery import Transcript
from trainer.core.stories import Story
from trainer.services.transcription import (
    TranscriptionCancelled,
    TranscriptionFailed,
    TranscriptionJob,
)
from trainer.services.voice_model import INSTALL_HINT, VoiceUnavailable, voice_installed
from trainer.services.voice_service import VoiceService
from trainer.ui.safe_text import plain
from trainer.ui.stories.answer_recorder import AnswerRecorder
from trainer.ui.stories.spoken_report_view import SpokenReportView
from trainer.ui.stories.story_editor import format_seconds

READY = "Press R to record your answer; R again to stop and see the report."


@dataclass(frozen=True)
class Answering:
    """What the recorded answer answers: its story (or none), target and rubric."""

    story_id: int | None
    target_seconds: int | None
    rubric: tuple[str, ...] = ()

    @classmethod
    def story(cls, story: Story) -> Answering:
        return cls(story.id, story.target_seconds or None)


class _Transcriber(QObject):
    """Runs one job on its own thread; talks back only through signals."""

    progressed = Signal(float)
    done = Signal(object)  # a Transcript, an error line (str), or None when cancelled

    def __init__(self, job: TranscriptionJob) -> None:
        super().__init__()
        self.job = job
        job.progress = self.progressed.emit

    @Slot()
    def run(self) -> None:
        result: Transcript | str | None
        try:
            result = self.job.run()
        except TranscriptionCancelled:
            result = None
        except (TranscriptionFailed, VoiceUnavailable) as error:
            result = str(error)
        except Exception as error:  # noqa: BLE001 - shown to the user, never a crash
            result = f"Unexpected {type(error).__name__}: {error}"
        self.done.emit(result)


class VoicePanel(QWidget):
    attempt_kept = Signal(int)  # the kept attempt's id
    reported = Signal(object)  # the kept attempt's SpokenReport

    def __init__(self, voice: VoiceService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("voicePanel")
        self._voice = voice
        self._answering: Answering | None = None
        self._folder = Path(tempfile.mkdtemp(prefix="keeper-voice-"))
        self._thread: QThread | None = None
        self._worker: _Transcriber | None = None
        self.recorder = AnswerRecorder(self)

        self.status = plain(QLabel(READY))
        self.status.setObjectName("subtle")
        self.status.setWordWrap(True)
        self.meter = QProgressBar()
        self.meter.setObjectName("levelMeter")
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(6)
        self.transcribing = QProgressBar()
        self.transcribing.setRange(0, 100)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel_button.clicked.connect(self.cancel)
        self.report_view = SpokenReportView()
        # shown only with a report: five lines of it, the rest scrolls
        self.report_view.setMinimumHeight(5 * self.report_view.fontMetrics().lineSpacing() + 12)
        work_row = QHBoxLayout()
        work_row.addWidget(self.transcribing, stretch=1)
        work_row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.meter)
        layout.addLayout(work_row)
        layout.addWidget(self.report_view, stretch=1)
        self.recorder.level.connect(self._show_level)
        self.recorder.failed.connect(self.status.setText)
        folder = self._folder
        self.destroyed.connect(lambda: shutil.rmtree(folder, ignore_errors=True))
        self._show_busy(False)
        self.meter.hide()
        self.report_view.hide()

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def reset(self, story: Story) -> None:
        self.answer(Answering.story(story))

    def answer(self, answering: Answering) -> None:
        """Ready to record an answer to `answering`; what was going on stops, unkept."""
        self.shutdown()
        self._answering = answering
        self.report_view.show_report(None)
        self.report_view.hide()
        self.status.setText(READY if voice_installed() else INSTALL_HINT)

    def toggle(self) -> None:
        """R: start recording, or stop and transcribe."""
        if self.recorder.recording:
            self.finish()
        elif not self.busy:
            self._start(lambda wav: self.recorder.start_microphone(wav))

    def record_from(self, stream: QIODevice, sample_rate: int) -> None:
        """Record from an audio device other than the microphone (a file, generated audio)."""
        self._start(lambda wav: self.recorder.start_from(stream, wav, sample_rate))

    def finish(self) -> None:
        recording = self.recorder.stop()
        self.meter.hide()
        if recording is not None:
            self._transcribe(recording)

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.job.cancel()
            self.status.setText("Cancelling...")

    def shutdown(self) -> None:
        """Stop recording and any transcription, keeping nothing (leaving the screen)."""
        self.recorder.stop()
        self.meter.hide()
        if self._thread is not None and self._worker is not None:
            self._worker.job.cancel()
            self._worker.done.disconnect(self._done)
            self._thread.quit()
            self._thread.wait()
            self._thread = self._worker = None
            self._show_busy(False)

    def _start(self, begin) -> None:  # begin(wav) -> bool
        if not voice_installed():
            self.status.setText(INSTALL_HINT)
            return
        if self._answering is None or not begin(self._folder / "answer.wav"):
            return
        self.report_view.hide()
        self.meter.show()
        self.status.setText("Recording: press R to stop.")

    def _show_level(self, level: float) -> None:
        self.meter.setValue(round(level * 100))
        if self.recorder.recording:
            seconds = format_seconds(self.recorder.recorded_seconds)
            self.status.setText(f"Recording {seconds}: press R to stop.")

    def _transcribe(self, recording: Path) -> None:
        self._worker = _Transcriber(self._voice.transcription(recording))
        self._thread = QThread()
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(lambda share: self.transcribing.setValue(int(share * 100)))
        self._worker.done.connect(self._done)
        self.transcribing.setValue(0)
        self._show_busy(True)
        self.status.setText("Transcribing on this computer (nothing is uploaded)...")
        self._thread.start()

    @Slot(object)
    def _done(self, result: Transcript | str | None) -> None:
        job = self._worker.job if self._worker else None
        recording = job.audio if job else None
        if job is not None and job.cancelled:  # Cancel was pressed as the result came back
            result = None
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        self._thread = self._worker = None
        self._show_busy(False)
        answering = self._answering
        if result is None:
            self.status.setText("Transcription cancelled: nothing kept.")
        elif isinstance(result, str):
            self.status.setText(result)
        elif answering is not None:
            report = self._voice.report(result, answering.target_seconds, answering.rubric)
            attempt_id = self._voice.keep(answering.story_id, report, recording)
            self.report_view.show_report(report)
            self.report_view.show()
            self.status.setText("Kept with your other attempts. R records another.")
            self.attempt_kept.emit(attempt_id)
            self.reported.emit(report)
        if recording is not None:
            recording.unlink(missing_ok=True)

    def _show_busy(self, busy: bool) -> None:
        self.transcribing.setVisible(busy)
        self.cancel_button.setVisible(busy)
