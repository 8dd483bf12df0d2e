"""Opening a room or a dialog loads what it uses, not the file formats: the import runs on
the GUI thread and froze Study now (with an interview date), the statistics room and the
import dialog for a quarter of a second while `trainer.exchange` loaded. They load with the
import or export itself, on its thread."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from trainer.app import open_services

DRIVE_ROOMS = """
import json, sys
from datetime import timedelta
from pathlib import Path
from trainer.core.study_days import study_date
from trainer.app import start_app
from trainer.ui.application import create_application

app = create_application()
opened = start_app(Path(sys.argv[1]))
window, services = opened.window, opened.services
today = study_date(services.clock(), services.plan.zone)
services.plan.set_interview_date(today + timedelta(days=20), None)
window.start_study(None)  # planned behind a progress dialog, off the GUI thread
shown = window.rooms.currentWidget() is window.study
window.go_statistics()  # read off the GUI thread, then drawn in pieces
while window.statistics.drawing:
    app.processEvents()
shown = shown and window.rooms.currentWidget() is window.statistics
loaded = sorted(m for m in sys.modules if m.startswith(("trainer.exchange", "genanki")))
print(json.dumps({"shown": shown, "loaded": loaded}), flush=True)
window.close()
opened.close()
"""


def test_study_now_and_statistics_do_not_load_the_file_formats(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    open_services(data_dir).close()
    result = subprocess.run(
        [sys.executable, "-c", DRIVE_ROOMS, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["shown"], "both rooms were shown"
    assert seen["loaded"] == []


OPEN_THE_IMPORT_DIALOG = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from trainer.app import start_app
from trainer.ui.application import create_application

app = create_application()
opened = start_app(Path(sys.argv[1]))
asked = []

def cancel():
    dialog = QApplication.activeModalWidget()
    if dialog is None:
        QTimer.singleShot(50, cancel)
        return
    asked.append(dialog.windowTitle())
    dialog.reject()

QTimer.singleShot(0, cancel)
opened.window.import_file()  # File > Import...: the file dialog, cancelled
loaded = sorted(m for m in sys.modules if m.startswith(("trainer.exchange.", "genanki")))
print(json.dumps({"asked": asked, "loaded": loaded}), flush=True)
opened.window.close()
opened.close()
"""


def test_the_import_dialog_opens_without_loading_the_file_formats(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    open_services(data_dir).close()
    result = subprocess.run(
        [sys.executable, "-c", OPEN_THE_IMPORT_DIALOG, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["asked"] == ["Import cards"]
    assert [m for m in seen["loaded"] if m != "trainer.exchange.errors"] == []
