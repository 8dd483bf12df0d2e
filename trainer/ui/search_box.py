"""The browser's search field: it searches once typing pauses, and at once on Enter."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

HINT = 'Search: words, "a phrase", deck:name, tag:name, is:due, -word, a or b'
HELP = (
    "<b>Search</b> (see docs/search.md)<br>"
    "<code>design review</code> both words (word starts, any case or accent)<br>"
    '<code>"system design"</code> the exact phrase<br>'
    "<code>deck:python*</code> decks by name, * is a wildcard<br>"
    "<code>tag:faq</code> a tag<br>"
    "<code>is:new is:learning is:review is:due is:suspended</code><br>"
    "<code>-word</code> without; <code>a or b</code> either; <code>( )</code> group"
)
PAUSE_MS = 200


class SearchBox(QLineEdit):
    paused = Signal()  # typing stopped for PAUSE_MS
    submitted = Signal()  # Enter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setPlaceholderText(HINT)
        self.setToolTip(HELP)
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._timer.timeout.connect(self.paused)
        self.textEdited.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self._submit)

    def set_quietly(self, text: str) -> None:
        """Show `text` without searching for it."""
        self._timer.stop()
        self.setText(text)

    def cancel_pending(self) -> None:
        self._timer.stop()

    def _submit(self) -> None:
        self._timer.stop()
        self.submitted.emit()
