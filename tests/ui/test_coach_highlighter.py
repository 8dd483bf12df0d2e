"""The coach highlighter: spans land on the right characters, across lines and emoji."""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat, QTextDocument
from pytestqt.qtbot import QtBot

from trainer.ui.stories.coach_highlighter import CoachHighlighter, utf16_offset


def wavy(document: QTextDocument) -> list[str]:
    found = []
    block = document.firstBlock()
    while block.isValid():
        for r in block.layout().formats():
            if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
                units = block.text().encode("utf-16-le")  # Qt positions count UTF-16 units
                found.append(units[2 * r.start : 2 * (r.start + r.length)].decode("utf-16-le"))
        block = block.next()
    return found


def test_utf16_offsets_count_astral_characters_twice() -> None:
    assert utf16_offset("abc", 2) == 2
    assert utf16_offset("🚀 go", 2) == 3


def test_spans_are_highlighted_per_block_and_after_emoji(qtbot: QtBot) -> None:
    text = "🚀 I think maybe\nwe waited for all the data"
    document = QTextDocument(text)
    highlighter = CoachHighlighter(document)
    maybe = text.index("I think maybe")
    waited = text.index("waited")
    highlighter.set_spans(text, [(maybe, maybe + 13), (waited, len(text)), (0, 0)])
    assert wavy(document) == ["I think maybe", "waited for all the data"]
    highlighter.set_spans(text, [])
    assert wavy(document) == []


def test_a_span_across_a_line_break_is_split_between_blocks(qtbot: QtBot) -> None:
    text = "kind of\nmaybe"
    document = QTextDocument(text)
    CoachHighlighter(document).set_spans(text, [(5, 11)])
    assert wavy(document) == ["of", "may"]
