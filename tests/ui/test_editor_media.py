"""Pictures pasted into the card editor and sounds attached to it are kept in the media
store and named in the card text; a file the store refuses shows one line, adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.media_files import mp3
from trainer.core.media import sound_reference
from trainer.services.services import Services
from trainer.ui import media_source
from trainer.ui.card_editor import CardEditor


@pytest.fixture
def editor(qtbot: QtBot, services: Services) -> Iterator[CardEditor]:
    media_source.use(services.media.read)
    media_source.use_keeper(services.media.add)
    shown = CardEditor()
    qtbot.addWidget(shown)
    shown.start_new(services.decks.decks(), None)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    media_source.use(None)
    media_source.use_keeper(None)


def test_a_pasted_picture_is_kept_and_named_in_the_front(
    qtbot: QtBot, editor: CardEditor, services: Services
) -> None:
    image = QImage(24, 16, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    QApplication.clipboard().setImage(image)
    editor.front.setFocus()
    qtbot.keyClick(editor.front, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    text = editor.front.toPlainText()
    assert text.startswith("![picture](") and text.endswith(".png)")
    name = text[len("![picture](") : -1]
    stored = QImage.fromData(services.media.read(name) or b"")
    assert (stored.width(), stored.height()) == (24, 16)
    assert "picture" in editor.preview.toHtml() and name in editor.preview.toHtml()


def test_an_attached_sound_is_named_in_the_back(
    editor: CardEditor, services: Services, tmp_path: Path
) -> None:
    sound = tmp_path / "hello.mp3"
    sound.write_bytes(mp3(b"hello"))
    editor.attach_file(sound, editor.back)
    (name,) = services.media.store.names()
    assert editor.back.toPlainText() == sound_reference(name)


def test_a_refused_file_shows_one_line_and_adds_nothing(
    editor: CardEditor, services: Services, tmp_path: Path
) -> None:
    drawing = tmp_path / "drawing.svg"
    drawing.write_text('<svg><image href="file:///etc/passwd"/></svg>')
    editor.attach_file(drawing, editor.back)
    assert editor.back.toPlainText() == ""
    assert editor.error.text() == "Not added: SVG pictures are not kept (they can load other files)"
    assert services.media.store.names() == set()
