"""Opening a collection written by an older Keeper upgrades it at start, in a window that
says so (a million reviews take half a minute: the start must not look frozen)."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot

from trainer.app import OpenApp, start_app
from trainer.storage.migrations import SCHEMA_VERSION

OLD_SCHEMA = Path(__file__).parents[1] / "storage" / "fixtures" / "schema_v5.sqlite3"
STEPS = SCHEMA_VERSION - 5


def close_when_settled(qtbot: QtBot, opened: OpenApp) -> None:
    """As a person would: the window's start-up work done, then closed for good (a window
    closed mid start-up kept loading into the next test's, and took its key presses)."""
    qtbot.waitUntil(lambda: opened.opened.after_paint.settled, timeout=30_000)
    opened.window.close()
    opened.close()
    opened.window.deleteLater()
    QApplication.processEvents()


class ShownProgress(QObject):
    """Every progress window shown, with the text it showed each time it was painted."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if isinstance(watched, QProgressDialog) and event.type() in (
            QEvent.Type.Show,
            QEvent.Type.Paint,
        ):
            self.texts.append(watched.labelText())
        return False


def test_an_old_collection_is_upgraded_at_start_in_a_window_that_counts_the_steps(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(OLD_SCHEMA, data_dir / "collection.sqlite3")
    seen = ShownProgress()
    QApplication.instance().installEventFilter(seen)
    try:
        opened = start_app(data_dir)
    finally:
        QApplication.instance().removeEventFilter(seen)
    assert not isinstance(opened, int)
    try:
        assert seen.texts, "no upgrade window was shown"
        assert any(f"step 1 of {STEPS}" in text for text in seen.texts), seen.texts
        assert all(text.startswith("Upgrading your collection") for text in seen.texts)
        assert not any(
            isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
        ), "the upgrade window stays open after the upgrade"
        assert "My own deck" in {row.name for row in opened.services.study.overview()}
    finally:
        close_when_settled(qtbot, opened)


def test_a_current_collection_starts_without_the_upgrade_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(OLD_SCHEMA, data_dir / "collection.sqlite3")
    first = start_app(data_dir)
    assert not isinstance(first, int)
    close_when_settled(qtbot, first)
    seen = ShownProgress()
    QApplication.instance().installEventFilter(seen)
    try:
        opened = start_app(data_dir)
    finally:
        QApplication.instance().removeEventFilter(seen)
    assert not isinstance(opened, int)
    close_when_settled(qtbot, opened)
    assert seen.texts == []
