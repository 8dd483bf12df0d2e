"""Rehearsal without the voice extra: R says in one line how to get it; the rest works."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.test_rehearse_view import rehearse
from trainer.services.services import Services
from trainer.services.voice_model import INSTALL_HINT


def test_without_the_voice_extra_r_says_how_to_install_it_and_grading_still_works(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # as if never installed
    view = rehearse(qtbot, services)
    page = view.rehearse
    qtbot.keyClick(page, Qt.Key.Key_R)
    assert page.voice.status.text() == INSTALL_HINT
    assert not page.voice.recorder.recording and not page.voice.meter.isVisible()
    qtbot.keyClick(page, Qt.Key.Key_Space)
    qtbot.keyClick(page, Qt.Key.Key_3)
    assert page.last_review is not None
    assert services.stats.collection_stats().reviews == 1
