"""User text on screen: shown, never followed.

Card, story and deck text may hold HTML or Markdown that names files and URLs
(`<img src="/dev/zero">`, `![x](file:///...)`, CSS `url(...)`, `<link rel=stylesheet>`).
Qt's rich text reads such local files itself whenever nothing else answers for them, and
`Qt.AutoText` (the default of labels, tooltips and message boxes) turns text that merely
looks like HTML into rich text. So every document built from user text is a
`SafeTextDocument`, whose resources all come from `keeper_resource`; and labels, tooltips
and message boxes show user text as plain text (`plain`, `plain_tooltip`, trainer/ui/messages.py).
"""

from __future__ import annotations

from functools import cache
from html import escape

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel

PLAIN_TEXT = 0  # Qt.TextFormat.PlainText, as a number: see lean_qt.py
IMAGE_RESOURCE = 2  # QTextDocument.ResourceType.ImageResource
TOOLTIP_CHARS = 1000  # a tooltip of a whole long card would cover the screen
_PLACEHOLDER_SIZE = 16
# The name a refused picture is given: a Qt resource path, so that looking for its
# `@2x` variant on a high-DPI screen reads Qt's own resources, never the disk.
REFUSED_PICTURE = ":/keeper/refused-picture"


def keeper_resource(kind: int, url: QUrl) -> object | None:
    """What Keeper itself provides for `url` in card text: nothing yet, so every picture,
    stylesheet and link is refused. A store of Keeper's own media answers here, and only
    here, for the files it holds; everything else stays refused."""
    return None


def gated_resource(kind: int, url: QUrl) -> object:
    """Keeper's own resource for `url`, or a harmless stand-in. Never None: Qt takes None
    as "not found" and then opens the file itself."""
    own = keeper_resource(kind, url)
    if own is not None:
        return own
    return _placeholder_image() if kind == IMAGE_RESOURCE else ""


class SafeTextDocument(QTextDocument):
    """A text document that loads nothing from disk or network: only `gated_resource`."""

    def set_markdown(self, text: str) -> None:
        """Show `text`; pictures Keeper does not provide lose their names (on a high-DPI
        screen Qt looks for `name@2x.png` on disk before it asks loadResource)."""
        self.setMarkdown(text)
        refused = []
        block = self.begin()
        while block.isValid():
            pieces = block.begin()
            while not pieces.atEnd():
                fragment = pieces.fragment()
                pieces += 1
                style = fragment.charFormat()
                if not style.isImageFormat():
                    continue
                url = QUrl(style.toImageFormat().name())
                if keeper_resource(IMAGE_RESOURCE, url) is None:
                    refused.append((fragment.position(), fragment.length(), style))
            block = block.next()
        cursor = QTextCursor(self)
        for position, length, style in refused:
            picture = style.toImageFormat()
            picture.setName(REFUSED_PICTURE)
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(picture)

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 - Qt override
        return gated_resource(kind, url if isinstance(url, QUrl) else QUrl(url))


def plain(label: QLabel) -> QLabel:
    """`label`, showing its text as typed even when it looks like HTML."""
    label.setProperty("textFormat", PLAIN_TEXT)
    return label


def plain_tooltip(text: str) -> str | None:
    """A tooltip showing `text` as typed (a tooltip decides by itself whether text is
    HTML): escaped into rich text that holds nothing but that text. None when empty."""
    if not text.strip():
        return None
    if len(text) > TOOLTIP_CHARS:
        text = text[:TOOLTIP_CHARS] + "…"
    return f'<p style="white-space:pre-wrap">{escape(text, quote=False)}</p>'


@cache
def _placeholder_image() -> QImage:
    """A small framed square where a picture was refused (a null image would make Qt try
    the file again)."""
    image = QImage(_PLACEHOLDER_SIZE, _PLACEHOLDER_SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setPen(QColor(128, 128, 128))
    painter.drawRect(0, 0, _PLACEHOLDER_SIZE - 1, _PLACEHOLDER_SIZE - 1)
    painter.end()
    return image
