"""The coach highlighter: spans land on the right characters, across lines and emoji."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from trainer.ui.stories.coach_highlighter import CoachHighlighter, utf16_offset
from trainer.ui.theme import DARK, LIGHT, apply_theme


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


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG 2 contrast ratio of two opaque colours (1 to 21)."""

    def luminance(colour: QColor) -> float:
        channels = [colour.redF(), colour.greenF(), colour.blueF()]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def over(tint: QColor, base: QColor) -> QColor:
    """`tint` (with its alpha) painted over the opaque `base`."""
    alpha = tint.alphaF()
    pairs = zip(tint.getRgbF()[:3], base.getRgbF()[:3], strict=True)
    mixed = [alpha * t + (1 - alpha) * b for t, b in pairs]
    return QColor.fromRgbF(*mixed)


def underlined_format(edit: QPlainTextEdit) -> QTextCharFormat:
    block = edit.document().firstBlock()
    [found] = [QTextCharFormat(r.format) for r in block.layout().formats()]
    return found


def test_underlines_stand_out_in_both_looks_and_follow_a_live_switch(qtbot: QtBot) -> None:
    """The wavy line and its tint carry the finding: the line needs text-like contrast
    against what it is drawn on (the tinted field), and the words must stay readable."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, LIGHT)
    edit = QPlainTextEdit("We decided to wait")
    qtbot.addWidget(edit)
    highlighter = CoachHighlighter(edit.document())
    highlighter.set_spans(edit.toPlainText(), [(0, 10)])
    try:
        for look in (LIGHT, DARK, LIGHT):
            apply_theme(app, look)  # as Settings does, with the editor already open
            QApplication.processEvents()
            found = underlined_format(edit)
            palette = edit.palette()
            behind = over(found.background().color(), palette.base().color())
            line = found.underlineColor()
            assert contrast(line, behind) >= 4.5, (look, line.name(), behind.name())
            assert contrast(palette.text().color(), behind) >= 7, look
    finally:
        apply_theme(app, LIGHT)
