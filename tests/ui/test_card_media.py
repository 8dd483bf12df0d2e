"""Card text shows the media store's pictures, and nothing else (issue 22 and the trust
rule of issue 16): no path, no `..`, no URL, no decompression bomb."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytestqt.qtbot import QtBot

from tests.media_files import png
from trainer.core.media import checked_media, media_name, sound_reference
from trainer.storage.media_store import MediaStore
from trainer.ui import media_source
from trainer.ui.card_text_view import SOUND_MARKER, CardTextView
from trainer.ui.safe_text import REFUSED_PICTURE, STORE_PICTURE

IMAGE = int(QTextDocument.ResourceType.ImageResource)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[MediaStore]:
    kept = MediaStore(tmp_path / "media")
    asked: list[str] = []

    def read(name: str) -> bytes | None:
        asked.append(name)
        return kept.read(name)

    media_source.use(read)
    kept.asked = asked  # type: ignore[attr-defined]
    yield kept
    media_source.use(None)


def picture_names(view: CardTextView) -> list[str]:
    names = []
    block = view.document().begin()
    while block.isValid():
        pieces = block.begin()
        while not pieces.atEnd():
            style = pieces.fragment().charFormat()
            pieces += 1
            if style.isImageFormat():
                names.append(style.toImageFormat().name())
        block = block.next()
    return names


def shown(qtbot: QtBot, text: str, width: int = 500) -> CardTextView:
    view = CardTextView()
    qtbot.addWidget(view)
    view.resize(width, 600)
    view.show()
    qtbot.waitExposed(view)
    view.show_markdown(text)
    view.viewport().repaint()
    return view


def test_a_store_picture_is_shown(qtbot: QtBot, store: MediaStore) -> None:
    picture = checked_media(png(30, 20, 200), "map.png")
    store.add(picture)
    view = shown(qtbot, f"Where is it?\n\n![a map]({picture.name})")
    assert picture_names(view) == [STORE_PICTURE + picture.name]
    image = view.document().resource(IMAGE, QUrl(STORE_PICTURE + picture.name))
    assert isinstance(image, QImage) and (image.width(), image.height()) == (30, 20)


def test_the_painted_view_shows_the_picture_itself(qtbot: QtBot, store: MediaStore) -> None:
    """Painting asks the browser for the picture by a resolved URL (qrc:/...): it must
    still get the picture, not the refused stand-in scaled up."""
    picture = checked_media(png(300, 100, 20), "dark.png")  # nearly black
    store.add(picture)
    view = shown(qtbot, f"![dark]({picture.name})")
    painted = view.grab().toImage()
    dark = sum(
        1
        for x in range(0, painted.width(), 4)
        for y in range(0, painted.height(), 4)
        if painted.pixelColor(x, y).lightness() < 40
    )
    assert dark * 16 >= 300 * 100 * 0.8  # about the whole picture's area


def test_a_wide_picture_is_scaled_to_fit_the_view(qtbot: QtBot, store: MediaStore) -> None:
    picture = checked_media(png(2000, 1000), "wide.png")
    store.add(picture)
    view = shown(qtbot, f"![]({picture.name})", width=400)
    block = view.document().begin()
    style = next(
        fragment.charFormat().toImageFormat()
        for fragment in (block.begin().fragment(),)
        if fragment.charFormat().isImageFormat()
    )
    assert 0 < style.width() <= view.viewport().width()
    assert style.height() == pytest.approx(style.width() / 2)


def test_a_tall_picture_fits_the_window_height_not_only_the_width(
    qtbot: QtBot, store: MediaStore
) -> None:
    """A portrait screenshot fitted to the width alone filled the study screen's question
    box many times over: only its top showed, behind a scroll bar."""
    picture = checked_media(png(800, 1600), "tall.png")
    store.add(picture)
    view = shown(qtbot, f"![tall]({picture.name})", width=900)
    style = next(
        fragment.charFormat().toImageFormat()
        for fragment in (view.document().begin().begin().fragment(),)
        if fragment.charFormat().isImageFormat()
    )
    assert 0 < style.height() <= view.window().height() * 0.4
    assert style.width() == pytest.approx(style.height() / 2)


@pytest.mark.parametrize(
    "target",
    [
        "/etc/passwd",
        "../x",
        "../media/{name}",
        "media/{name}",
        "file:///etc/passwd",
        "http://example.com/{name}",
        "https://example.com/x.png",
        "{name}?x=1",
        "qrc:/keeper/refused-picture",
    ],
)
def test_anything_but_a_store_name_gets_nothing(
    qtbot: QtBot, store: MediaStore, target: str
) -> None:
    picture = checked_media(png(30, 20), "map.png")
    store.add(picture)
    view = shown(qtbot, f"![x]({target.format(name=picture.name)})")
    assert picture_names(view) == [REFUSED_PICTURE]
    assert store.asked == []  # type: ignore[attr-defined]  # the store was not even asked


def test_a_decompression_bomb_in_the_store_is_refused(qtbot: QtBot, store: MediaStore) -> None:
    bomb = png(60_000, 60_000)  # 3.6 gigapixels in a few KB
    name = media_name(bomb, "png")
    store.folder.mkdir(parents=True)
    (store.folder / name).write_bytes(bomb)  # put there by hand: the store would refuse it
    view = shown(qtbot, f"![]({name})")
    assert picture_names(view) == [REFUSED_PICTURE]


def test_a_sound_shows_as_a_small_marker(qtbot: QtBot, store: MediaStore) -> None:
    name = media_name(b"sound", "mp3")
    view = shown(qtbot, f"Listen: {sound_reference(name)}")
    assert view.toPlainText() == f"Listen: {SOUND_MARKER}"
