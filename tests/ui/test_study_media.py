"""The study screen with pictures and sounds: the picture shows, the question's sounds
play when it is shown (autoplay), R plays them again, the answer's when it is revealed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.media_files import mp3, png
from tests.ui.keys import open_window, press
from trainer.core.cards import NewCard
from trainer.core.media import image_reference, sound_reference
from trainer.services.services import Services
from trainer.ui.main_window import MainWindow
from trainer.ui.safe_text import STORE_PICTURE


def study_a_card_with_media(
    qtbot: QtBot, services: Services, data_dir: Path
) -> tuple[MainWindow, str, str, str]:
    picture = services.media.add(png(40, 30, 120), "map.png")
    question, answer = (
        services.media.add(mp3(b"q"), "q.mp3"),
        services.media.add(mp3(b"a"), "a.mp3"),
    )
    services.card_edits.add_cards(
        "Media",
        [NewCard(front=f"Where? {image_reference(picture)} {sound_reference(question)}",
                 back=f"Here {sound_reference(answer)}")],
    )  # fmt: skip
    window = open_window(qtbot, services, data_dir)
    deck = next(deck for deck in services.decks.decks() if deck.name == "Media")
    window.start_study(deck.id)
    return window, picture, question, answer


def test_the_picture_shows_and_sounds_play_on_show_and_on_r(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window, picture, question, answer = study_a_card_with_media(qtbot, services, data_dir)
    study = window.study
    assert STORE_PICTURE + picture in study.front.toHtml()
    assert "▶ sound" in study.front.toPlainText()
    assert study.sounds.played == [question]

    press(qtbot, Qt.Key.Key_R)
    assert study.sounds.played == [question, question]

    press(qtbot, Qt.Key.Key_Space)
    assert study.sounds.played == [question, question, answer]


def test_with_autoplay_off_sounds_wait_for_r(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    services.settings.save(services.settings.load()._replace(autoplay_sounds=False))
    window, _picture, question, _answer = study_a_card_with_media(qtbot, services, data_dir)
    assert window.study.sounds.played == []
    press(qtbot, Qt.Key.Key_R)
    assert window.study.sounds.played == [question]


def test_a_question_with_a_picture_shows_whole_beside_a_short_answer(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    """The answered question box kept 40% of the room however short the answer: a picture
    question showed only its top, behind a scroll bar, above an empty answer box."""
    picture = services.media.add(png(1200, 900, 90), "diagram.png")
    services.card_edits.add_cards(
        "Pictures", [NewCard(front=f"Where is it?\n\n{image_reference(picture)}", back="Here.")]
    )
    window = open_window(qtbot, services, data_dir)
    window.resize(980, 680)
    deck = next(deck for deck in services.decks.decks() if deck.name == "Pictures")
    window.start_study(deck.id)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.study.back.isVisible())
    front = window.study.front
    qtbot.waitUntil(lambda: front.verticalScrollBar().maximum() == 0, timeout=3000)
