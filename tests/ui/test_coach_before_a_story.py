"""The coach column of an empty Stories room says what it will do, not that all is well."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.keys import open_window, press
from trainer.services.services import Services
from trainer.ui.stories.findings_panel import HTML_ROLE

CTRL = Qt.KeyboardModifier.ControlModifier


def coach_says(window: object) -> str:
    findings = window.stories.findings  # type: ignore[attr-defined]
    return " ".join(str(findings.item(row).data(HTML_ROLE)) for row in range(findings.count()))


def test_with_no_story_the_coach_says_what_it_will_do(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = open_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_2, CTRL)
    assert "nothing to flag" not in coach_says(window)
    assert "as you write" in coach_says(window)
    press(qtbot, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "as you write" not in coach_says(window))
