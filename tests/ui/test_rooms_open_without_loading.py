"""Once Keeper has settled after its first paint, opening a room loads no code: the rooms'
modules and PySide's classes (each class builds all its Python enums on first use) were
loaded in the idle moments after the paint. At 100,000 cards the first Study now, browser,
statistics and stories froze the window for 0.1-0.4 s loading them at the click."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from trainer.app import open_services

VISIT_EVERY_ROOM = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from trainer.app import start_app
from trainer.ui.application import create_application

app = create_application()
opened = start_app(Path(sys.argv[1]))
window, after = opened.window, opened.opened.after_paint
if not after.settled:
    loop = QEventLoop()
    after.finished.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()


def loaded():
    qt = [module for name, module in list(sys.modules.items()) if name.startswith("PySide6.Qt")]
    return set(sys.modules) | {f"{m.__name__}.{name}" for m in qt for name in vars(m)}


def settings():
    QTimer.singleShot(100, lambda: QApplication.activeModalWidget().reject())
    window.manage.open_settings()


visits = {
    "study": lambda: window.start_study(None),
    "home": window.go_home,
    "browser": window.go_browser,
    "statistics": window.go_statistics,
    "statistics pages": lambda: [window.statistics.tabs.setCurrentIndex(i) for i in (1, 2, 0)],
    "stories": window.go_stories,
    "settings": settings,
}
seen = {"settled": after.settled}
for room, visit in visits.items():
    before = loaded()
    visit()
    QApplication.processEvents()
    seen[room] = sorted(loaded() - before)
print(json.dumps(seen), flush=True)
window.close()
opened.close()
"""


def test_rooms_visited_once_keeper_has_settled_load_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    open_services(data_dir).close()
    result = subprocess.run(
        [sys.executable, "-c", VISIT_EVERY_ROOM, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen.pop("settled"), "the after-start work finished"
    assert seen == {room: [] for room in seen}
