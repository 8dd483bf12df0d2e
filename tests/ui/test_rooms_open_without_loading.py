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


def drawn():
    while window.statistics.drawing:  # the room reads on a thread and draws in pieces
        QApplication.processEvents()


def settings():
    QTimer.singleShot(100, lambda: QApplication.activeModalWidget().reject())
    window.manage.open_settings()


visits = {
    "study": lambda: window.start_study(None),
    "home": window.go_home,
    "browser": window.go_browser,
    "statistics": lambda: (window.go_statistics(), drawn()),
    "statistics pages": lambda: [window.statistics.tabs.setCurrentIndex(i) for i in (1, 2, 0)],
    "stories": window.go_stories,
    "settings": settings,
}
import gc

seen = {"settled": after.settled, "frozen": gc.get_freeze_count(), "walked": len(gc.get_objects())}
for room, visit in visits.items():
    before = loaded()
    visit()
    QApplication.processEvents()
    seen[room] = sorted(loaded() - before)
print(json.dumps(seen), flush=True)
window.close()
opened.close()
"""


def visit_every_room(tmp_path: Path) -> dict[str, object]:
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
    seen: dict[str, object] = json.loads(result.stdout.splitlines()[-1])
    assert seen.pop("settled"), "the after-start work finished"
    return seen


def test_rooms_visited_once_keeper_has_settled_load_nothing(tmp_path: Path) -> None:
    seen = visit_every_room(tmp_path)
    del seen["frozen"], seen["walked"]
    assert seen == {room: [] for room in seen}


def test_what_start_up_loaded_is_left_out_of_the_garbage_collectors_walks(
    tmp_path: Path,
) -> None:
    """A full collection walks every tracked object, holding the GIL: with PySide's classes
    and enums loaded, 0.27 s a time at 100,000 cards, a freeze of whichever room was busy.
    Once settled, what start-up made is frozen (`gc.freeze`): collections walk the rest."""
    seen = visit_every_room(tmp_path)
    assert isinstance(seen["frozen"], int) and isinstance(seen["walked"], int)
    assert seen["frozen"] > 4 * seen["walked"]
