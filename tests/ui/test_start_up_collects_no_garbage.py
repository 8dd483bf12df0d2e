"""Between the first paint and settling, Keeper loads its classes, modules and rooms fast
enough to set off the garbage collector's full runs, each walking everything alive on the
GUI thread (64 ms at 100,000 cards). Its automatic runs are paused until what start-up
made is frozen out of its walks, then resumed."""

from __future__ import annotations

import gc
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.test_upgrade_window import close_when_settled
from trainer.app import open_services, start_app


def test_no_automatic_collection_runs_until_start_up_has_settled(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data_dir = tmp_path / "d"
    open_services(data_dir).close()
    runs: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            runs.append(info["generation"])

    opened = start_app(data_dir)
    assert not isinstance(opened, int)
    gc.callbacks.append(seen)
    try:
        qtbot.waitUntil(lambda: opened.window.isVisible())
        qtbot.waitUntil(lambda: opened.opened.after_paint.settled, timeout=30_000)
        assert runs == []
        assert gc.isenabled(), "resumed once settled"
    finally:
        gc.callbacks.remove(seen)
        close_when_settled(qtbot, opened)
