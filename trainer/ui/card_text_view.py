"""Shows card text: Markdown rendered by Qt, never loading anything from outside."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from trainer.ui.safe_text import SafeTextDocument, gated_resource


class CardTextView(QTextBrowser):
    """A read-only Markdown view. Pictures, stylesheets and links named in card text are
    never fetched: its document answers every resource itself (ui/safe_text.py)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocument(SafeTextDocument(self))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("cardText")

    def show_markdown(self, text: str) -> None:
        document = self.document()
        assert isinstance(document, SafeTextDocument), "card text needs the safe document"
        document.set_markdown(text)

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 - Qt override
        # QTextBrowser asks here when it is sent somewhere (setSource); the same gate.
        return gated_resource(kind, QUrl(url))
