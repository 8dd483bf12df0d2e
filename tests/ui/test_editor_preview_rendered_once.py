"""The browser's editor renders its preview once for each card shown, and once for each
change typed: showing a card rendered the same Markdown twice (once for the text, again
for the card's type), and a new blank card twice, on the GUI thread at each move."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.keys import open_window, press
from trainer.core.card_content import card_content
from trainer.services.services import Services


def test_moving_through_cards_and_typing_renders_the_preview_once_each(
    qtbot: QtBot, services: Services, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = services.decks.create("Python")
    for n in range(3):
        services.card_edits.add(deck.id, card_content(f"**front {n}**", f"back {n}"))
    window = open_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    browser = window.browser
    qtbot.waitUntil(lambda: browser.table.hasFocus())
    preview = browser.editor.preview
    rendered: list[str] = []
    show = preview.show_markdown
    monkeypatch.setattr(preview, "show_markdown", lambda text: (rendered.append(text), show(text)))

    press(qtbot, Qt.Key.Key_Down)
    shown = browser.editor.card
    assert shown is not None
    assert rendered == [f"{shown.front}\n\n---\n\n{shown.back}"]

    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # a new, blank card
    assert browser.editor.is_new
    assert rendered[1:] == [""]
    qtbot.keyClicks(browser.editor.front, "**new**")
    typed = ["*", "**", "**n", "**ne", "**new", "**new*", "**new**"]
    assert rendered[2:] == [f"{text}\n\n---\n\n" for text in typed]
