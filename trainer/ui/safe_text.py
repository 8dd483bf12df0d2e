"""User text on screen: shown, never followed.

Card, story and deck text may hold HTML or Markdown that names files and URLs
(`<img src="/dev/zero">`, `![x](file:///...)`, CSS `url(...)`, `<link rel=stylesheet>`).
Qt's rich text reads such local files itself whenever nothing else answers for them, and
`Qt.AutoText` (the default of labels, tooltips and message boxes) turns text that merely
looks like HTML into rich text. So every document built from user text is a
`SafeTextDocument`, whose resources all come from `keeper_resource`; and labels, tooltips
and message boxes show user text as plain text (`plain`, `plain_tooltip`, trainer/ui/messages.py).

The one thing card text may show: a picture named by its media store name (core/media.py),
read through `media_source` (the store, nothing else), decoded with Qt's image reader under
an allocation limit (a small file can declare gigabytes of pixels), scaled to fit the width.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import cache
from html import escape

from PySide6.QtCore import QBuffer, QByteArray, QUrl
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel

from trainer.core.media import MAX_PIXELS, is_image, is_media_name
from trainer.ui import media_source

PLAIN_TEXT = 0  # Qt.TextFormat.PlainText, as a number: see lean_qt.py
IMAGE_RESOURCE = 2  # QTextDocument.ResourceType.ImageResource
TOOLTIP_CHARS = 1000  # a tooltip of a whole long card would cover the screen
_PLACEHOLDER_SIZE = 16
# The name a refused picture is given: a Qt resource path, so that looking for its
# `@2x` variant on a high-DPI screen reads Qt's own resources, never the disk.
REFUSED_PICTURE = ":/keeper/refused-picture"
STORE_PICTURE = ":/keeper/media/"  # and the store name: a store picture's name, for the same reason
# What Qt may allocate to decode one picture: the largest picture Keeper keeps, 4 bytes a pixel.
ALLOCATION_LIMIT_MB = MAX_PIXELS * 4 // (1024 * 1024) + 1
DECODED_KEPT = 32
_DECODED: OrderedDict[str, QImage] = OrderedDict()


def keeper_resource(kind: int, url: QUrl) -> object | None:
    """What Keeper itself provides for `url` in card text: a picture from the media store,
    named by its store name alone (no scheme, no folder, no query); every other picture,
    stylesheet and link is refused."""
    if kind != IMAGE_RESOURCE:
        return None
    # QUrl takes `:/keeper/...` for an invalid URL: its text is then only in its path; a
    # browser resolves it to `qrc:/keeper/...` when it paints.
    text = ":" + url.path() if url.scheme() == "qrc" else url.toString() or url.path()
    name = text.removeprefix(STORE_PICTURE)
    if not is_media_name(name) or not is_image(name):
        return None
    return _store_picture(name)


def _store_picture(name: str) -> QImage | None:
    """The picture, decoded under the allocation limit; None when missing or refused.
    The last few are kept decoded: a name is its content, so it never changes."""
    if name in _DECODED:
        _DECODED.move_to_end(name)
        return _DECODED[name]
    image = _decoded(media_source.read(name))
    if image is not None:
        _DECODED[name] = image
        while len(_DECODED) > DECODED_KEPT:
            _DECODED.popitem(last=False)
    return image


def _decoded(data: bytes | None) -> QImage | None:
    if data is None:
        return None
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    reader = QImageReader(buffer)
    image = reader.read()
    return None if image.isNull() else image


def gated_resource(kind: int, url: QUrl) -> object:
    """Keeper's own resource for `url`, or a harmless stand-in. Never None: Qt takes None
    as "not found" and then opens the file itself."""
    own = keeper_resource(kind, url)
    if own is not None:
        return own
    return _placeholder_image() if kind == IMAGE_RESOURCE else ""


class SafeTextDocument(QTextDocument):
    """A text document that loads nothing from disk or network: only `gated_resource`."""

    fit_width = 0  # pictures wider than this are shown scaled to it (0: as they are)
    fit_height = 0  # and taller than this, the same (0: any height)

    def set_markdown(self, text: str) -> None:
        """Show `text`; pictures Keeper does not provide lose their names (on a high-DPI
        screen Qt looks for `name@2x.png` on disk before it asks loadResource)."""
        self.setMarkdown(text)
        refused, kept = [], []
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
                own = keeper_resource(IMAGE_RESOURCE, url)
                if not isinstance(own, QImage):
                    refused.append((fragment.position(), fragment.length(), style, None))
                else:
                    kept.append((fragment.position(), fragment.length(), style, own))
            block = block.next()
        cursor = QTextCursor(self)
        for position, length, style, own in refused + kept:
            picture = style.toImageFormat()
            if own is None:
                picture.setName(REFUSED_PICTURE)
            else:
                picture.setName(STORE_PICTURE + picture.name().removeprefix(STORE_PICTURE))
                scale = min(
                    self.fit_width / own.width() if self.fit_width else 1.0,
                    self.fit_height / own.height() if self.fit_height else 1.0,
                )
                if scale < 1:  # scaled, same shape
                    picture.setWidth(own.width() * scale)
                    picture.setHeight(own.height() * scale)
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
