"""Underlines the coach's findings in one text field, as a spell checker would."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QApplication, QWidget

# Amber, a warning and not an error: deep on a light field, bright on a dark one, so the
# thin wavy line keeps a contrast of 4.5 or more against its own tint in either look.
_FINDING = {"light": ("#9c4800", 44), "dark": ("#ffb547", 56)}  # colour, tint alpha


def finding_format() -> QTextCharFormat:
    """The finding's look for the current palette (dark when its base is dark)."""
    dark = QApplication.palette().base().color().lightness() < 128
    colour, alpha = _FINDING["dark" if dark else "light"]
    text_format = QTextCharFormat()
    text_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    text_format.setUnderlineColor(QColor(colour))
    background = QColor(colour)
    background.setAlpha(alpha)
    text_format.setBackground(background)
    return text_format


def utf16_offset(text: str, index: int) -> int:
    """A Python string index as a Qt text position (Qt counts UTF-16 code units)."""
    return len(text[:index].encode("utf-16-le")) // 2


class CoachHighlighter(QSyntaxHighlighter):
    """Formats the spans it is given; the editor runs the coach and hands the spans over."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._spans: list[tuple[int, int]] = []  # Qt positions, end exclusive
        self._format = finding_format()
        owner = document.parent()  # the field showing it: told when a live theme switch
        while owner is not None and not isinstance(owner, QWidget):  # changes its colours
            owner = owner.parent()
        if owner is not None:
            owner.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.PaletteChange:
            fresh = finding_format()
            if fresh.underlineColor() != self._format.underlineColor():
                self._format = fresh
                self.rehighlight()
        return False

    @property
    def spans(self) -> list[tuple[int, int]]:
        return list(self._spans)

    def set_spans(self, text: str, spans: Iterable[tuple[int, int]]) -> None:
        """Highlight `text[start:end]` for each span (Python offsets into the field's text)."""
        converted = sorted(
            (utf16_offset(text, start), utf16_offset(text, end))
            for start, end in spans
            if end > start
        )
        if converted != self._spans:
            self._spans = converted
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        block_start = self.currentBlock().position()
        block_end = block_start + self.currentBlock().length() - 1  # without the separator
        for start, end in self._spans:
            if start < block_end and end > block_start:
                first = max(start, block_start) - block_start
                self.setFormat(first, min(end, block_end) - block_start - first, self._format)
