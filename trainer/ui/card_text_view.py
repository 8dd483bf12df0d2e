"""Shows card text: Markdown rendered by Qt, never loading anything from outside but the
pictures of Keeper's own media store (ui/safe_text.py), scaled to fit the width."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from trainer.core.media import text_to_show
from trainer.ui.safe_text import SafeTextDocument, gated_resource

SOUND_MARKER = "▶ sound"  # where a card plays a sound (the study screen plays it; R again)


PICTURE_SHARE_OF_WINDOW = 0.2


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
        self._markdown = ""

    def show_markdown(self, text: str) -> None:
        self._markdown = text
        document = self.document()
        assert isinstance(document, SafeTextDocument), "card text needs the safe document"
        document.fit_width, document.fit_height = self._fit_width(), self._fit_height()
        document.set_markdown(text_to_show(text, SOUND_MARKER))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        document = self.document()
        fit = (self._fit_width(), self._fit_height())
        if not isinstance(document, SafeTextDocument):
            return
        if (document.fit_width, document.fit_height) != fit:
            if "](" in self._markdown:  # pictures are fitted again; text reflows by itself
                self.show_markdown(self._markdown)
            else:
                document.fit_width, document.fit_height = fit

    def _fit_width(self) -> int:
        """The widest a picture is shown: the view's width less room for a scroll bar, which
        comes and goes with the picture's height (measuring the viewport, fitting to it
        showed a scroll bar, which narrowed it, which fitted again: for ever)."""
        margins = 2 * int(self.document().documentMargin()) + 4
        scroll_bar = self.verticalScrollBar().sizeHint().width()
        return max(32, self.contentsRect().width() - scroll_bar - margins)

    def _fit_height(self) -> int:
        """The tallest a picture is shown: a share of the window, so that on the study screen
        the whole picture shows beside the answer (the question box keeps 40% once answered)."""
        return max(48, int(self.window().height() * PICTURE_SHARE_OF_WINDOW))

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 - Qt override
        # QTextBrowser asks here when it is sent somewhere (setSource); the same gate.
        return gated_resource(kind, QUrl(url))
