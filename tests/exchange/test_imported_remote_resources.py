"""Card text from imports cannot load remote resources (issue 9, hostile input).

A card whose front names a remote image both as HTML (`<img src="http://...">`) and as
Markdown (`![x](https://...)`) is imported through every importer. The HTML readers (Anki
packages, CSV marked `#html:true`) drop the image element; the text readers keep the text
as text. Whatever is stored, the card view's document is asked for the images, answers
with a stand-in picture, and no socket is opened (the socket module is patched to fail
loudly). Local files: tests/ui/test_card_text_resources.py.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytestqt.qtbot import QtBot

from tests.exchange.anki_helpers import add_note, anki_collection_at, export_package
from tests.exchange.test_bad_input import GOOD_CARDS, keeper
from trainer.services.services import Services
from trainer.ui.card_text_view import CardTextView
from trainer.ui.safe_text import REFUSED_PICTURE, SafeTextDocument

HTML_IMAGE = '<img src="http://example.com/pixel.png">'
MARKDOWN_IMAGE = "![x](https://example.com/y.png)"
FRONT = f"{HTML_IMAGE} {MARKDOWN_IMAGE} Eiffel"
REMOTE_URLS = ("http://example.com/pixel.png", "https://example.com/y.png")


class NetworkDenied(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def deny(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise NetworkDenied(f"network use attempted: {args!r}")

    for method in ("connect", "connect_ex", "sendto", "sendall", "send"):
        monkeypatch.setattr(socket.socket, method, deny)
    for function in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, function, deny)
    return attempts


class RecordingDocument(SafeTextDocument):
    """The view's real document, recording what it was asked to load and what it answered."""

    def __init__(self, parent: CardTextView) -> None:
        super().__init__(parent)
        self.asked: list[tuple[str, object]] = []

    def loadResource(self, kind: int, url: QUrl) -> object:  # noqa: N802 - Qt override
        answer = super().loadResource(kind, url)
        self.asked.append((url.toString(), answer))
        return answer


def is_stand_in(answer: object) -> bool:
    return isinstance(answer, QImage) and answer.width() == 16


def anki_package(tmp_path: Path) -> Path:
    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as collection:
        add_note(collection, "Basic", "Remote", {"Front": FRONT, "Back": "Paris"})
        return export_package(collection, tmp_path / "remote.apkg", legacy=False, scheduling=False)


def csv_file(tmp_path: Path, html: bool) -> Path:
    path = tmp_path / f"remote-{html}.csv"
    header = "#html:true\n" if html else ""
    path.write_text(header + f'"{FRONT.replace(chr(34), chr(34) * 2)}",Paris\n', encoding="utf-8")
    return path


def keeper_file(tmp_path: Path) -> Path:
    cards = [{**GOOD_CARDS[0], "front": FRONT, "back": "Paris"}]
    return keeper(tmp_path / "remote.keeper", cards_json=cards)


# importer: (builds the file, whether it reads HTML)
FILES: dict[str, tuple[Callable[[Path], Path], bool]] = {
    "anki package": (anki_package, True),
    "csv as html": (lambda tmp_path: csv_file(tmp_path, html=True), True),
    "csv as text": (lambda tmp_path: csv_file(tmp_path, html=False), False),
    "keeper file": (keeper_file, False),
}


@pytest.mark.parametrize("importer", FILES)
def test_imported_card_text_never_loads_a_remote_resource(
    qtbot: QtBot, tmp_path: Path, services: Services, no_network: list[object], importer: str
) -> None:
    build, reads_html = FILES[importer]
    report = services.exchange.import_file(build(tmp_path))
    assert report.added == 1
    if importer == "anki package":
        assert "1 images or sounds in card text were left out" in report.warnings
    with services.uow() as collection:
        (card,) = [card for card in collection.cards.all() if card.back == "Paris"]

    if reads_html:  # the image element is gone: only text and Markdown are stored
        assert card.front == f"{MARKDOWN_IMAGE} Eiffel"
        assert "<img" not in card.front and "pixel.png" not in card.front
    else:  # text readers store the text as it was: it stays text, never fetched
        assert card.front == FRONT

    view = CardTextView()
    document = RecordingDocument(view)
    view.setDocument(document)
    qtbot.addWidget(view)
    view.show_markdown(card.front)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    view.viewport().repaint()
    qtbot.wait(20)

    assert document.asked, "the document asked for no image at all: the test would prove nothing"
    # The Markdown picture was renamed when shown (see test_card_text_resources.py).
    assert {url for url, _answer in document.asked} <= {*REMOTE_URLS, f"qrc{REFUSED_PICTURE}"}
    assert all(is_stand_in(answer) for _url, answer in document.asked)
    image = int(QTextDocument.ResourceType.ImageResource)
    for url in REMOTE_URLS:
        assert is_stand_in(view.loadResource(image, QUrl(url)))
        assert is_stand_in(document.resource(image, QUrl(url)))
    assert no_network == []
