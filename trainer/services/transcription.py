"""Offline transcription of one recorded answer, as a job a caller can watch and cancel.

faster-whisper (CTranslate2) with its silero voice-activity filter, on the CPU, word
timestamps on. Whisper leaves out "um" and "uh" unless its prompt has them, so the job
starts it with a prompt full of fillers (docs/voice.md measures the difference). Nothing is
fetched: the model is a local folder and the VAD model ships inside faster-whisper.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from trainer.core.delivery import SpokenWord, Transcript
from trainer.services.voice_model import VoiceUnavailable, model_folder, not_loadable

# Recordings longer than this are refused before decoding: an answer is minutes, not hours.
MAX_SECONDS = 15 * 60
FILLER_PROMPT = "Umm, let me think, uh, like, hmm... Okay, so, um, here's what I, like, did."
# A segment Whisper itself thinks is probably not speech, and is unsure of, is left out:
# what it "hears" in noise is made up.
_NO_SPEECH_PROBABILITY = 0.6
_LOW_LOG_PROBABILITY = -1.0


class TranscriptionFailed(Exception):
    """The recording cannot be transcribed; the message is one line naming the file."""


class TranscriptionCancelled(Exception):
    pass


@dataclass
class TranscriptionJob:
    """One recording to transcribe. `run()` blocks (call it off the GUI thread); `cancel()`
    from any thread stops it at the next segment; `progress(share)` gets 0.0-1.0."""

    audio: Path
    model: str = ""  # a CTranslate2 Whisper folder; empty: the bundled tiny.en
    progress: Callable[[float], None] | None = None
    filler_prompt: bool = True
    _cancel: threading.Event = field(default_factory=threading.Event, repr=False)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> Transcript:
        folder = model_folder(self.model)
        duration = probe_seconds(self.audio)
        whisper = _load(folder)
        self._check_cancel()
        try:
            segments, info = whisper.transcribe(
                str(self.audio),
                language="en",
                vad_filter=True,
                word_timestamps=True,
                initial_prompt=FILLER_PROMPT if self.filler_prompt else None,
                condition_on_previous_text=False,
            )
            words: list[SpokenWord] = []
            for segment in segments:
                self._check_cancel()
                if _made_up(segment):
                    continue
                words.extend(
                    SpokenWord(word.word.strip(), float(word.start), float(word.end))
                    for word in segment.words or ()
                    if word.word.strip()
                )
                if self.progress and info.duration:
                    self.progress(min(1.0, segment.end / info.duration))
        except (TranscriptionCancelled, VoiceUnavailable):
            raise
        except Exception as error:  # the decoder's and CTranslate2's errors have no common base
            raise TranscriptionFailed(
                f"{self.audio}: cannot transcribe: {_one_line(error)}"
            ) from error
        self._check_cancel()  # a cancel after the last segment still keeps nothing
        if not words:
            raise TranscriptionFailed(f"{self.audio}: no speech found in the recording")
        if self.progress:
            self.progress(1.0)
        return Transcript(tuple(words), duration_seconds=float(info.duration or duration))

    def _check_cancel(self) -> None:
        if self._cancel.is_set():
            raise TranscriptionCancelled()


def probe_seconds(audio: Path) -> float:
    """The recording's length from its header, refusing what is not audio or is too long,
    before anything is decoded."""
    try:
        import av
    except ImportError as error:
        raise not_loadable(error) from error
    try:
        with av.open(str(audio)) as container:
            streams = container.streams.audio
            if not streams:
                raise TranscriptionFailed(f"{audio}: no audio in the file")
            if container.duration is not None:
                seconds = container.duration / av.time_base
            elif streams[0].duration is not None and streams[0].time_base is not None:
                seconds = float(streams[0].duration * streams[0].time_base)
            else:
                seconds = 0.0
    except FileNotFoundError as error:
        raise TranscriptionFailed(f"{audio}: no such file") from error
    except (PermissionError, IsADirectoryError) as error:
        raise TranscriptionFailed(f"{audio}: cannot read it ({error.strerror})") from error
    except (av.error.FFmpegError, OSError, UnicodeDecodeError) as error:
        raise TranscriptionFailed(f"{audio}: not an audio file Keeper can read") from error
    if seconds > MAX_SECONDS:
        raise TranscriptionFailed(
            f"{audio}: {_clock(seconds)} long; Keeper transcribes answers up to "
            f"{MAX_SECONDS // 60} minutes"
        )
    if seconds <= 0:
        raise TranscriptionFailed(f"{audio}: the recording is empty")
    return seconds


_models: dict[str, object] = {}
_models_lock = threading.Lock()


def _load(folder: Path):  # -> faster_whisper.WhisperModel (imported lazily: an extra)
    with _models_lock:
        key = str(folder)
        if key not in _models:
            try:
                from faster_whisper import WhisperModel
            except ImportError as error:
                raise not_loadable(error) from error
            try:
                _models[key] = WhisperModel(
                    key,
                    device="cpu",
                    compute_type="int8",
                    cpu_threads=min(4, os.cpu_count() or 1),
                    local_files_only=True,
                )
            except Exception as error:  # CTranslate2 raises RuntimeError or ValueError
                raise VoiceUnavailable(
                    f"model folder {folder} cannot be loaded: {_one_line(error)}"
                ) from error
        return _models[key]


def _made_up(segment) -> bool:
    return (
        segment.no_speech_prob > _NO_SPEECH_PROBABILITY
        and segment.avg_logprob < _LOW_LOG_PROBABILITY
    )


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600}:{whole // 60 % 60:02d}:{whole % 60:02d}"


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]
