"""Export from the window: the typed extension decides the format; the filter only fills in
a name typed without one."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from trainer.exchange.formats import Format, import_format
from trainer.services.services import Services
from trainer.ui import messages
from trainer.ui.main_window import MainWindow

KEEPER_FILTER = "Keeper deck file (*.keeper)"


def export_by_keys(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    services: Services,
    data_dir: Path,
    typed: Path,
    chosen_filter: str,
) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(typed), chosen_filter))
    )
    reports: list[str] = []
    monkeypatch.setattr(messages, "information", lambda _p, _t, text: reports.append(text))
    monkeypatch.setattr(messages, "warning", lambda _p, _t, text: reports.append("!" + text))
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)

    def accept_options() -> None:  # Enter on the options dialog, once it is up
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, accept_options)
            return
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)

    QTimer.singleShot(20, accept_options)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(reports), timeout=20000)
    assert not reports[0].startswith("!"), reports[0]


@pytest.mark.parametrize(
    ("name", "kind"), [("x.apkg", Format.APKG), ("x.csv", Format.CSV), ("x.KEEPER", Format.KEEPER)]
)
def test_the_typed_extension_wins_over_the_filter(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    services: Services,
    data_dir: Path,
    tmp_path: Path,
    name: str,
    kind: Format,
) -> None:
    typed = tmp_path / name
    export_by_keys(qtbot, monkeypatch, services, data_dir, typed, KEEPER_FILTER)
    assert typed.is_file()
    if kind is Format.APKG:
        with zipfile.ZipFile(typed) as package:
            assert {"collection.anki2", "collection.anki21"} & set(package.namelist())
    elif kind is Format.CSV:
        assert not zipfile.is_zipfile(typed)
    assert import_format(typed) is kind
    services.exchange.import_file(typed)  # Keeper reads back what it wrote


def test_a_name_without_extension_takes_the_filters(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    services: Services,
    data_dir: Path,
    tmp_path: Path,
) -> None:
    export_by_keys(
        qtbot, monkeypatch, services, data_dir, tmp_path / "mine", "Anki package (*.apkg)"
    )
    assert (tmp_path / "mine.apkg").is_file()
