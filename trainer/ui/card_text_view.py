"""Shows card text: Markdown rendered by Qt, never loading anything from outside."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget


class CardTextView(QTextBrowser):
    """A read-only Markdown view. Images and links from card text are never fetched."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("cardText")

    def show_markdown(self, text: str) -> None:
        self.document().setMarkdown(text)

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 - Qt override
        # Imported cards may name remote images or files; Keeper shows text only.
        return None
