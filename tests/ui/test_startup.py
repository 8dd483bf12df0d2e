"""Start-up: only the home room is built, the rest on first visit; the integrity check runs
once the window has painted, and a damaged file is reported in a dialog before anything is
written. No timings here: bench/run.py measures them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.content.shipped import installed_builtin_cards
from tests.damage import add_filler, clobber
from trainer.app import open_services, start_app
from trainer.services.services import Services
from trainer.ui import messages
from trainer.ui.main_window import MainWindow


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    qtbot.keyClick(target, key, modifier or Qt.KeyboardModifier.NoModifier)


def test_rooms_are_built_on_first_visit_and_work_by_key_press(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert window.rooms.count() == 1, "only the home room at first"

    ctrl = Qt.KeyboardModifier.ControlModifier
    press(qtbot, Qt.Key.Key_3, ctrl)
    assert window.showing(window.browser)
    assert window.browser.model.rowCount() == installed_builtin_cards()  # listed
    press(qtbot, Qt.Key.Key_4, ctrl)
    assert window.showing(window.statistics)
    press(qtbot, Qt.Key.Key_2, ctrl)
    assert window.showing(window.stories)
    press(qtbot, Qt.Key.Key_1, ctrl)
    assert window.rooms.currentWidget() is window.home
    press(qtbot, Qt.Key.Key_Return)
    assert window.showing(window.study)
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_3)
    assert services.stats.collection_stats().reviews == 1
    assert window.rooms.count() == 5  # home, browser, statistics, stories, study: once each
    press(qtbot, Qt.Key.Key_3, ctrl)
    assert window.rooms.count() == 5


def test_the_pass_fail_setting_reaches_a_study_room_built_later(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    services.settings.save(services.settings.load()._replace(two_button_answers=True))
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    assert window.rooms.count() == 1, "the study room is not built yet"
    window.start_study(None)
    window.study.reveal()
    assert [r for r, b in window.study.grade_buttons.items() if not b.isHidden()] == [1, 3]


def damaged_data_dir(tmp_path: Path) -> tuple[Path, bytes]:
    data_dir = tmp_path / "d"
    open_services(data_dir).close()
    database = data_dir / "collection.sqlite3"
    add_filler(database)
    return data_dir, clobber(database, "filler")


def test_a_damaged_file_opens_then_a_dialog_says_so_and_nothing_is_written(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, damaged = damaged_data_dir(tmp_path)
    shown: list[str] = []
    monkeypatch.setattr(
        messages, "critical", staticmethod(lambda _parent, _title, text: shown.append(text))
    )
    opened = start_app(data_dir)
    assert not isinstance(opened, int), "a file whose header is sound opens at once"
    try:
        qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
        assert "is damaged" in shown[0] and "keeper backup restore latest" in shown[0]
        qtbot.waitUntil(lambda: not opened.window.isVisible())
        settings = opened.services.settings
        with pytest.raises(Exception, match="damaged"):  # any write is refused
            settings.save(settings.load()._replace(theme="dark"))
    finally:
        opened.close()
    assert (data_dir / "collection.sqlite3").read_bytes() == damaged
    backups = data_dir / "backups"
    assert not backups.exists() or not any(backups.iterdir()), "a damaged file is not backed up"


def test_a_sound_file_is_checked_once_the_window_has_painted(qtbot: QtBot, tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    open_services(data_dir).close()
    opened = start_app(tmp_path / "d")
    assert not isinstance(opened, int)
    try:
        qtbot.waitUntil(lambda: opened.services.database.integrity.passed, timeout=20_000)
    finally:
        opened.window.close()
        opened.close()


FIRST_PAINT = """
import json, sys
QT_CLASSES_NOT_AT_START = {qt_classes!r}
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from trainer.app import start_app
from trainer.ui.application import create_application

app = create_application()
opened = start_app(Path(sys.argv[1]))

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False

def report():
    import PySide6.QtCore

    print(json.dumps(sorted(sys.modules)), flush=True)
    print(json.dumps("Qt" in vars(PySide6.QtCore)), flush=True)  # PySide builds it on first use
    import PySide6.QtGui

    print(json.dumps([name for name in QT_CLASSES_NOT_AT_START if name in vars(PySide6.QtGui)]))
    opened.window.close()

watch = Watch()
opened.window.installEventFilter(watch)
app.exec()
opened.close()
"""
# PySide classes built, with their enums, on first use: ones the first screen can do without.
QT_CLASSES_NOT_AT_START = (
    "QIcon",  # 3 enums, one of 151 members: `QPushButton(text, parent)` weighs the icon overload
)
NOT_AT_START = (
    "sqlalchemy",
    "PySide6.QtCharts",
    "trainer.exchange",
    "genanki",
    "zstandard",
    "fsrs_rs_python",
    "trainer.ui.browser_view",
    "trainer.ui.statistics",
    "trainer.ui.stories",
    "trainer.ui.study_view",
    "trainer.core.statistics",  # the statistics room's report; the home screen needs "today"
    "trainer.core.cards",  # the home screen reads decks and counts, never a card
    "dataclasses",  # ~0.45 ms for each class defined: the first screen's records are NamedTuples
    "trainer.services.interview_planning",  # the countdown needs a date, not the planner
    "trainer.core.interview_plan",
    "trainer.core.plan_placement",
    "fsrs",
    "hashlib",  # OpenSSL's 3 ms: media file names are hashed when a file is added, not at start
    # SQLAlchemy 2.1's `util.compat` imports asyncio, whose `base_events` imports ssl (~10 ms
    # with OpenSSL): neither may come on the path by another road.
    "asyncio",
    "ssl",
    "importlib.metadata",  # also SQLAlchemy's (~12 ms, with the email package)
)


def test_the_first_window_paints_without_loading_what_it_does_not_show(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    open_services(data_dir).close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            FIRST_PAINT.format(qt_classes=QT_CLASSES_NOT_AT_START),
            str(data_dir),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    modules = json.loads(result.stdout.splitlines()[0])
    loaded = [m for m in modules if any(m == n or m.startswith(f"{n}.") for n in NOT_AT_START)]
    assert loaded == []
    qt_namespace_built = json.loads(result.stdout.splitlines()[1])
    assert not qt_namespace_built, "the first screen touched `Qt`: see trainer/ui/lean_qt.py"
    assert json.loads(result.stdout.splitlines()[2]) == [], "built before the first paint"


LAUNCH = """
import gc, sys
from pathlib import Path
import trainer.app
from trainer.ui import application

seen = {}
opening = application.OpenWindow.__init__

def open_window(self, services, data_dir):
    seen["collecting while starting"] = gc.isenabled()
    opening(self, services, data_dir)
    self.window.first_painted.connect(painted)  # after the window's own start-up work
    self.after_paint.finished.connect(self.window.close)

def painted():
    seen["collecting once painted"] = gc.isenabled()

application.OpenWindow.__init__ = open_window
status = trainer.app.launch_app(Path(sys.argv[1]))
print(seen, gc.isenabled(), flush=True)
sys.exit(status)
"""


def test_the_collector_waits_for_the_first_paint(tmp_path: Path) -> None:
    """`keeper` starts with Python's garbage collector off (its walks were 15-20 ms of
    start-up), keeps its automatic runs off while the rooms load after the paint (a full
    run walked everything alive: 64 ms at 100,000 cards) and turns it back on once all
    that is loaded and frozen out of its walks (`after_paint.finished`)."""
    data_dir = tmp_path / "d"
    open_services(data_dir).close()
    result = subprocess.run(
        [sys.executable, "-c", LAUNCH, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    expected = {"collecting while starting": False, "collecting once painted": False}
    assert result.stdout.splitlines()[-1] == f"{expected} True"


def test_keeper_decks_does_not_load_sqlalchemy(tmp_path: Path) -> None:
    data_dir = str(tmp_path / "d")
    script = (
        "import sys; from trainer.cli.main import main; main(['--data-dir', sys.argv[1], "
        "'decks']); print('sqlalchemy' in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", script, data_dir], check=True, capture_output=True)
    again = subprocess.run(
        [sys.executable, "-c", script, data_dir], check=True, capture_output=True, text=True
    )
    assert again.stdout.splitlines()[-1] == "False"


def test_study_now_with_an_interview_date_plans_off_the_gui_thread_then_studies(
    qtbot: QtBot, services: Services, data_dir: Path, clock: object
) -> None:
    from datetime import timedelta

    from trainer.core.study_days import study_date

    today = study_date(services.clock(), services.plan.zone)
    services.plan.set_interview_date(today + timedelta(days=10))
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.showing(window.study))
    session = window.study.session
    assert session is not None and session.current is not None
