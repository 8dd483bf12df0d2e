"""Keeper never opens a network connection: the main paths run with networking denied."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import START
from trainer.app import open_services
from trainer.core.clock import FixedClock
from trainer.core.coach import coach
from trainer.core.guide_reader import propose_cards
from trainer.ui.card_text_view import CardTextView
from trainer.ui.main_window import MainWindow

REMOTE = "https://tracker.example.com/pixel.png"


class NetworkDenied(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def deny(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise NetworkDenied(f"network use attempted: {args!r}")

    for family_socket in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, family_socket, deny)
    monkeypatch.setattr(socket, "create_connection", deny)
    monkeypatch.setattr(socket, "getaddrinfo", deny)
    return attempts


def test_studying_backups_and_the_coach_run_without_the_network(
    qtbot: QtBot, tmp_path: Path, no_network: list[object]
) -> None:
    data_dir = tmp_path / "d"
    services = open_services(data_dir, FixedClock(START), fuzzing=False)
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    for _ in range(3):
        qtbot.keyClick(window.study, Qt.Key.Key_Space)
        qtbot.keyClick(window.study, Qt.Key.Key_3)
    qtbot.keyClick(window.study, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.stats.collection_stats().reviews == 2
    services.backups.create("manual")
    coach("I think maybe we should ask my manager first.")
    propose_cards("## FAQ\n\n### Why Netflix?\n\nBecause of the culture.\n")
    services.close()
    assert no_network == []


def test_card_text_never_loads_remote_images_or_links(qtbot: QtBot) -> None:
    view = CardTextView()
    qtbot.addWidget(view)
    view.show_markdown(f"Look: ![pixel]({REMOTE}) and <img src='{REMOTE}'>")
    view.show()
    qtbot.wait(50)
    image = int(QTextDocument.ResourceType.ImageResource)
    for answer in (
        view.document().resource(image, QUrl(REMOTE)),
        view.loadResource(image, QUrl(REMOTE)),
    ):
        assert isinstance(answer, QImage) and answer.width() == 16  # the stand-in, not the pixel
    assert not view.openExternalLinks() and not view.openLinks()
