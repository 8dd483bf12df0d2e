"""Recording on a spoken card in the study screen: the answer (espeak-ng's, fed through Qt as
if from a microphone) is transcribed off the GUI thread, its report pre-ticks the rubric's
points it said and suggests the grade; grading while it transcribes cancels it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaDevices
from pytestqt.qtbot import QtBot

from tests.ui.keys import open_window, press
from tests.voice.test_rehearse_recording import WAIT_MS, _play
from trainer.core.cards import NewCard, Rating
from trainer.core.model import CardKind
from trainer.core.spoken_rubric import suggested_grade
from trainer.services.services import Services
from trainer.ui.main_window import MainWindow
from trainer.ui.stories.answer_recorder import NO_MICROPHONE

pytestmark = pytest.mark.voice
QUESTION = "Tell me about a price test you ran."
RUBRIC = (
    "- Where it stalled: the pricing page\n"
    "- You decided to cut the first month's price\n"
    "- The kill metric you set on churn\n"
    "- What you would do differently next time\n"
)


def _study(qtbot: QtBot, services: Services, data_dir: Path) -> MainWindow:
    deck = services.decks.named("Spoken answers")
    services.card_edits.add(deck.id, NewCard(front=QUESTION, back=RUBRIC, kind=CardKind.SPOKEN))
    window = open_window(qtbot, services, data_dir)
    window.start_study(deck.id)
    window.study.setFocus()
    return window


def test_a_recorded_answer_ticks_the_points_it_said_and_suggests_the_grade(
    qtbot: QtBot, services: Services, data_dir: Path, strong_wav: Path
) -> None:
    window = _study(qtbot, services, data_dir)
    panel = window.study.spoken
    voice = panel.voice
    assert voice is not None
    source = _play(voice, strong_wav, qtbot)
    press(qtbot, Qt.Key.Key_Space)  # the answer is over: recording stops, transcription runs
    assert not voice.recorder.recording
    qtbot.waitUntil(lambda: voice.report_view.isVisible(), timeout=WAIT_MS)
    source.close()

    report = voice.report_view.report
    assert report is not None and "pricing page" in report.text.lower()
    assert [point.said for point in panel.points] == [True, True, True, False]
    assert panel.suggested is suggested_grade(report.points, len(report.findings))
    assert panel.suggested is Rating.HARD  # three of four points
    shown = voice.report_view.toPlainText()
    assert "words per minute" in shown and "fillers" in shown
    assert "of 2:00" in shown  # the duration against the spoken card's target
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_X)  # the user says the fourth was said too
    assert panel.suggested in (Rating.GOOD, Rating.EASY)
    press(qtbot, Qt.Key.Key_Return)
    assert services.stats.collection_stats().reviews == 1
    assert services.undo.next_label is not None and services.undo.next_label.startswith("Grade")
    services.undo.undo_step()  # the grade, then the attempt: each its own step
    assert services.undo.next_label == "Keep spoken attempt"


def test_grading_while_the_answer_transcribes_cancels_it_and_keeps_nothing(
    qtbot: QtBot, services: Services, data_dir: Path, weak_wav: Path
) -> None:
    window = _study(qtbot, services, data_dir)
    voice = window.study.spoken.voice
    assert voice is not None
    _play(voice, weak_wav, qtbot)
    press(qtbot, Qt.Key.Key_R)  # stop: the transcription starts on its own thread
    assert voice.busy and voice.cancel_button.isVisible()
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_3)  # grade at once
    assert not voice.busy
    assert services.stats.collection_stats().reviews == 1
    qtbot.wait(200)  # a result still in flight would land now: none may
    assert voice.report_view.report is None
    assert services.undo.next_label is not None and services.undo.next_label.startswith("Grade")
    services.undo.undo_step()
    assert services.undo.next_label != "Keep spoken attempt"


def test_no_microphone_is_one_line_and_the_checklist_still_grades(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = _study(qtbot, services, data_dir)
    voice = window.study.spoken.voice
    assert voice is not None
    press(qtbot, Qt.Key.Key_R)
    if QMediaDevices.audioInputs():  # a machine with a microphone records from it
        assert voice.recorder.recording
        press(qtbot, Qt.Key.Key_Escape)
        return
    assert voice.status.text() == NO_MICROPHONE and not voice.recorder.recording
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_X)
    press(qtbot, Qt.Key.Key_Return)
    assert services.stats.collection_stats().reviews == 1


def test_leaving_while_recording_stops_the_microphone_and_keeps_nothing(
    qtbot: QtBot, services: Services, data_dir: Path, weak_wav: Path
) -> None:
    window = _study(qtbot, services, data_dir)
    voice = window.study.spoken.voice
    assert voice is not None
    _play(voice, weak_wav, qtbot)
    press(qtbot, Qt.Key.Key_Escape)  # back to the decks mid-answer
    assert window.rooms.currentWidget() is window.home
    assert not voice.recorder.recording and not voice.busy
    assert services.undo.next_label != "Keep spoken attempt"
