"""Kill-safety: a story typed, then the process killed with SIGKILL, is there on reopening."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.app import open_services

REPO = Path(__file__).resolve().parents[2]
TITLE = "Killed mid-thought"
OUTCOME = "Sign-ups fell 22% in two weeks."
POST_MORTEM = "I read abuse as the cause and skimmed the price data."

# Opens the Stories room offscreen, types a story with real key events, waits two seconds
# after the last keystroke, says READY and then runs the event loop until it is killed.
SCRIPT = f"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from trainer.app import open_services
from trainer.ui.application import create_application
from trainer.ui.stories.stories_view import StoriesView

app = create_application(["keeper"])
services = open_services(Path(sys.argv[1]))
view = StoriesView(services)
view.resize(1100, 700)
view.show()
view.activateWindow()
view.enter()
started = time.monotonic()
while not view.isActiveWindow() and time.monotonic() - started < 10:
    app.processEvents()
ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
QTest.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_N, ctrl_shift)
assert view.editor.story_id is not None, "Ctrl+Shift+N made no story"
QTest.keyClicks(view.editor.title, {TITLE!r})
QTest.keyClicks(view.editor.fields["outcome"], {OUTCOME!r})
QTest.keyClicks(view.editor.fields["post_mortem"], {POST_MORTEM!r})
deadline = time.monotonic() + 2.0
while time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
print("READY", flush=True)
app.exec()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_story_survives_sigkill_two_seconds_after_typing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(data_dir)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.strip() == "READY", process.stderr.read() if process.stderr else line
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    services = open_services(data_dir)
    try:
        stories = services.stories.list()
        assert [(s.title, s.outcome, s.post_mortem) for s in stories] == [
            (TITLE, OUTCOME, POST_MORTEM)
        ]
        story_id = stories[0].id
        assert story_id is not None
        cards = services.stories.cards(story_id)
        assert cards.decision is not None and OUTCOME in cards.decision.back
        assert cards.lesson is not None and POST_MORTEM in cards.lesson.back
    finally:
        services.close()
