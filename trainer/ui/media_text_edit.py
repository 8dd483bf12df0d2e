"""A Markdown field that takes pictures and sounds: a pasted or dropped image, or a dropped
picture or sound file, is kept in the media store and its reference typed at the cursor."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QMimeData, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPlainTextEdit

from trainer.core.media import MediaRefused, image_reference, is_image, sound_reference
from trainer.ui import media_source


class MediaTextEdit(QPlainTextEdit):
    refused = Signal(str)  # why a pasted or dropped file was not kept, in one line

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 - Qt override
        return (
            source.hasImage() or bool(_local_files(source)) or super().canInsertFromMimeData(source)
        )

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt override
        files = _local_files(source)
        if not files and not source.hasImage():
            super().insertFromMimeData(source)
            return
        references = []
        try:
            if files:
                for path in files:
                    references.append(attach(path.read_bytes(), path.name))
            else:
                references.append(attach(_png_bytes(QImage(source.imageData())), "pasted.png"))
        except (MediaRefused, OSError) as why:
            self.refused.emit(f"Not added: {why}")
        if references:
            self.insertPlainText(" ".join(references))


def attach(data: bytes, filename: str) -> str:
    """Keep the file and return the reference that shows or plays it."""
    name = media_source.keep(data, filename)
    return image_reference(name) if is_image(name) else sound_reference(name)


def _local_files(source: QMimeData) -> list[Path]:
    if not source.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in source.urls() if url.isLocalFile()]


def _png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QBuffer.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # PySide6 takes str here
    return bytes(QByteArray(buffer.data()).data())
