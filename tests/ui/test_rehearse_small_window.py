"""The rehearse screen at the smallest window (640 x 480) with a spoken report and the notes
shown: each part keeps lines enough to read (the page scrolls), the grades stay in view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_rehearse_view import STORY
from tests.ui.test_window_sizes import smallest_window
from trainer.core.delivery import SpokenWord, Transcript
from trainer.services.services import Services

READABLE_LINES = 4
ANSWER = (
    "Um, so, we kind of decided to check with my manager first. Uh, the team wanted more "
    "data before we launched. You know, in the end we improved engagement a lot."
)


def _lines(view: QAbstractScrollArea) -> float:
    return view.viewport().height() / view.fontMetrics().lineSpacing()


@pytest.mark.parametrize("size", [(640, 480), (980, 680)])
def test_the_report_and_notes_keep_lines_to_read(
    qtbot: QtBot, services: Services, data_dir: Path, size: tuple[int, int]
) -> None:
    services.stories.create(STORY)
    window = smallest_window(qtbot, services, data_dir)
    window.resize(*size)
    window.go_stories()
    window.stories.start_rehearsal()
    page = window.stories.rehearse
    words = [SpokenWord(w, 0.4 * i, 0.4 * i + 0.3) for i, w in enumerate(ANSWER.split())]
    report = services.voice.report(Transcript(tuple(words), 0.4 * len(words) + 0.5), 120)
    page.voice.report_view.show_report(report)
    page.voice.report_view.show()
    qtbot.keyClick(page, Qt.Key.Key_Space)
    QApplication.processEvents()

    for view in (page.voice.report_view, page.notes, page.findings):
        assert view.isVisible() and _lines(view) >= READABLE_LINES, (
            view.objectName(),
            _lines(view),
        )
    question = page.question
    assert question.height() >= 2 * question.fontMetrics().lineSpacing()
    notes_top = page.notes.mapTo(page.page.viewport(), page.notes.rect().topLeft()).y()
    assert 0 <= notes_top < page.page.viewport().height()  # Space scrolled the notes into view
    for button in page.grade_buttons.values():
        corner = button.mapTo(window, button.rect().bottomRight())
        assert window.rect().contains(corner), button.text()
