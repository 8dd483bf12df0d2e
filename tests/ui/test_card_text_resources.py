"""Card text never makes Keeper open a file (issue 16, item 10).

A card naming local files as HTML, Markdown and CSS is shown, laid out and painted; the
kernel (inotify) reports whether any bait file was opened. Before the fix the view
answered None for every resource and Qt then read the file itself: `/dev/zero` aborted
Keeper with std::bad_alloc and a FIFO hung it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QPainter, QTextDocument
from pytestqt.qtbot import QtBot

from tests.ui.hostile_text import QRC_PICTURE, Bait
from trainer.ui.card_text_view import CardTextView
from trainer.ui.safe_text import SafeTextDocument

IMAGE = int(QTextDocument.ResourceType.ImageResource)


def show(qtbot: QtBot, view: CardTextView, text: str) -> None:
    qtbot.addWidget(view)
    view.resize(500, 700)
    view.show_markdown(text)
    view.show()
    qtbot.waitExposed(view)
    view.viewport().repaint()


def test_a_card_naming_local_files_opens_none_of_them(qtbot: QtBot, bait: Bait) -> None:
    view = CardTextView()
    show(qtbot, view, bait.text)
    assert "cell" in view.toPlainText()  # the text itself is shown
    assert bait.watch.opened() == []


def test_every_picture_the_card_names_is_a_stand_in(qtbot: QtBot, bait: Bait) -> None:
    view = CardTextView()
    show(qtbot, view, bait.text)
    names = [f"{bait.folder}/html-img.png", "relative.png", QRC_PICTURE]
    stand_ins = [view.document().resource(IMAGE, QUrl(name)) for name in names]
    assert all(isinstance(image, QImage) and image.width() == 16 for image in stand_ins)
    assert bait.watch.opened() == []


def test_a_plain_safe_document_opens_nothing_either(bait: Bait) -> None:
    document = SafeTextDocument()
    document.setHtml(bait.line)
    document.setTextWidth(400)
    image = QImage(400, 800, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    document.drawContents(painter)
    painter.end()
    assert bait.watch.opened() == []


CRASHER = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication
    from trainer.ui.card_text_view import CardTextView

    app = QApplication([])
    view = CardTextView()
    view.resize(400, 300)
    view.show_markdown(sys.argv[1])
    view.show()
    app.processEvents()
    view.viewport().repaint()
    print("shown", flush=True)
    """
)


def test_a_card_naming_dev_zero_and_a_fifo_neither_crashes_nor_hangs(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)  # opening it to read would wait for a writer that never comes
    front = f'<img src="/dev/zero"> ![pipe]({fifo}) <img src="{fifo}">'
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", CRASHER, front],
        capture_output=True,
        text=True,
        timeout=60,  # a hang, not a timing: it takes about a second
        env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "shown" in result.stdout


def picture_names(document: QTextDocument) -> list[str]:
    names = []
    block = document.begin()
    while block.isValid():
        for piece in block:
            style = piece.fragment().charFormat()
            if style.isImageFormat():
                names.append(style.toImageFormat().name())
        block = block.next()
    return names


def test_the_shown_card_keeps_no_picture_path(qtbot: QtBot, bait: Bait) -> None:
    # On a high-DPI screen Qt looks for `name@2x.png` beside each picture's name before it
    # asks the document: with no path left, it has nothing on disk to look for.
    view = CardTextView()
    show(qtbot, view, bait.text)
    names = picture_names(view.document())
    assert len(names) == 2  # the Markdown pictures (Qt's Markdown drops inline <img>)
    assert all(str(bait.folder) not in name for name in names)
