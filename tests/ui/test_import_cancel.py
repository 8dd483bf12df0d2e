"""Cancel and Quit end an import that would otherwise never end (issue 16, item 6).

The file is an Anki package whose `cards` is a view counting forever, with the table check
switched off: SQLite then sorts rows forever, and only the cancel flag, asked by SQLite's
progress handler, can stop it. Before the fix Cancel closed the dialog while a core stayed
at 100%, and Quit hid the window while the process stayed, holding the data folder's lock.
"""

from __future__ import annotations

import faulthandler
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from tests.exchange import hostile_files
from tests.exchange.helpers import snapshot
from tests.ui.test_exchange_actions import Shown, choose_file, shown  # noqa: F401 - fixture
from trainer.exchange import anki_import
from trainer.services.services import Services
from trainer.ui.exchange_actions import import_with_dialog

HANG = 60  # seconds: far beyond the second Cancel needs; only a hang reaches it


def never_ending(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Path:
    tables = {"col", "notes", "cards"}
    monkeypatch.setattr(anki_import, "check_tables", lambda *args: tables, raising=False)
    monkeypatch.setattr(anki_import, "STEP_FLOOR", 10**15, raising=False)
    return hostile_files.cards_counting_forever(folder)


def test_cancel_stops_an_import_that_never_ends(
    qtbot: QtBot,
    services: Services,
    tmp_path: Path,
    shown: Shown,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    choose_file(monkeypatch, never_ending(monkeypatch, tmp_path))
    before = snapshot(services)
    working, ended = threading.Event(), threading.Event()
    real_import = services.exchange.import_file

    def spy(*args: object, **kwargs: object) -> object:
        working.set()
        try:
            return real_import(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            ended.set()

    monkeypatch.setattr(services.exchange, "import_file", spy)
    pressed: list[float] = []

    def press_cancel() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        if not working.is_set() or not dialogs or not dialogs[0].isVisible():
            QTimer.singleShot(50, press_cancel)
            return
        time.sleep(0.5)  # SQLite is deep in its endless sort by now
        pressed.append(time.monotonic())
        qtbot.mouseClick(dialogs[0].findChild(QPushButton), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, press_cancel)
    faulthandler.dump_traceback_later(HANG, exit=True)  # a hang ends the run, loudly
    try:
        assert import_with_dialog(None, services) is False
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert pressed and ended.is_set()
    assert shown == [("information", "Import cancelled", "Nothing was imported.")]
    assert snapshot(services) == before


# Quitting runs the real app in its own process: quitting ends every event loop for good.
_QUIT_DURING_IMPORT = """
import sys
from pathlib import Path
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog
from trainer.exchange import anki_import
from trainer.app import start_app
from trainer.ui import application, exchange_actions

anki_import.check_tables = lambda *args: {"col", "notes", "cards"}
anki_import.STEP_FLOOR = 10**15
data, package, how = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
QFileDialog.getOpenFileName = staticmethod(lambda *args, **kwargs: (package, ""))
exchange_actions.ask_import_deck = lambda *args: ""  # the file's own decks
QMessageBox.information = staticmethod(lambda *args: print("shown:", args[1], flush=True))
app = application.create_application()
opened = start_app(data)

def quit_while_importing():
    if not any(isinstance(w, QProgressDialog) and w.isVisible() for w in app.topLevelWidgets()):
        QTimer.singleShot(50, quit_while_importing)
        return
    print("quitting", flush=True)
    if how == "window":
        opened.window.quit_action.trigger()  # File > Quit: the window (and dialog) close
    else:
        QApplication.quit()  # the session ends: Qt closes every window itself

QTimer.singleShot(0, opened.window.import_action.trigger)
QTimer.singleShot(50, quit_while_importing)
try:
    status = app.exec()
finally:
    opened.close()
print("exited", status, flush=True)
"""


@pytest.mark.parametrize("how", ["window", "app"])
def test_quitting_during_an_import_ends_the_work_and_the_process(tmp_path: Path, how: str) -> None:
    package = hostile_files.cards_counting_forever(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", _QUIT_DURING_IMPORT, str(tmp_path / "data"), str(package), how],
        capture_output=True, text=True, timeout=HANG,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "quitting"
    assert done.stdout.splitlines()[-1] == "exited 0"
    from trainer.storage.data_lock import DataFolderLock

    lock = DataFolderLock(tmp_path / "data", "a test checking the lock is free")
    lock.acquire()  # let go of: the next `keeper` opens instead of pointing at a ghost
    lock.release()
