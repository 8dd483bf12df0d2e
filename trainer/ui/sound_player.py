"""Plays a card's sounds (`[sound:NAME]`), one after another, from the media store only.

QtMultimedia is loaded when a card first has a sound. The study screen plays a side's
sounds when it is shown (the autoplay setting) and again on R, as Anki does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QObject, QUrl

from trainer.core.media import sound_names
from trainer.ui import media_source

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer


class SoundPlayer(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.autoplay: Callable[[], bool] = lambda: True
        self.current: list[str] = []  # the sounds of the side shown now, for R
        self.played: list[str] = []  # every sound started, in order (what tests read)
        self._queue: list[str] = []
        self._player: QMediaPlayer | None = None
        self._output: QAudioOutput | None = None
        self._buffer: QBuffer | None = None

    def side_shown(self, text: str) -> None:
        """A side of a card is shown: its sounds, played now if autoplay is on."""
        names = sound_names(text)
        if names == self.current and not names:
            return
        self.stop()
        self.current = names
        if names and self.autoplay():
            self.replay()

    def replay(self) -> None:
        """R: the shown side's sounds again, from the first."""
        self.stop()
        self._queue = list(self.current)
        self._next()

    def stop(self) -> None:
        self._queue = []
        if self._player is not None:
            self._player.stop()

    def _next(self) -> None:
        while self._queue:
            name = self._queue.pop(0)
            data = media_source.read(name)
            if data is None:
                continue  # missing from the store: Check media lists it
            self.played.append(name)
            self._play(data)
            return

    def _play(self, data: bytes) -> None:
        player = self._media_player()
        player.stop()
        player.setSource(QUrl())  # let go of the last sound first: a new device while
        # the media backend still reads the old one hung (Qt 6, ffmpeg)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        player.setSourceDevice(self._buffer)
        player.play()

    def _media_player(self) -> QMediaPlayer:
        if self._player is None:
            from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer

            self._player = QMediaPlayer(self)
            self._output = QAudioOutput(self)
            self._player.setAudioOutput(self._output)
            self._player.mediaStatusChanged.connect(self._status_changed)
        return self._player

    def _status_changed(self, status: object) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if status in (QMediaPlayer.MediaStatus.EndOfMedia, QMediaPlayer.MediaStatus.InvalidMedia):
            self._next()
