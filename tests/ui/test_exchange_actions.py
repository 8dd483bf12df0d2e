"""File > Import... and Export...: dialogs monkeypatched, the real worker thread, reports."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QProgressDialog,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from trainer.services.exchange_service import ImportCancelled
from trainer.services.services import Services
from trainer.ui import exchange_actions, file_folders, messages
from trainer.ui.exchange_actions import (
    ExportChoice,
    export_with_dialog,
    import_with_dialog,
    run_in_background,
)

Shown = list[tuple[str, str, str]]


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> Shown:
    """Message boxes recorded as (kind, title, text) instead of shown."""
    seen: Shown = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(
            messages,
            kind,
            staticmethod(lambda _parent, title, text, k=kind: seen.append((k, title, text))),
        )
    return seen


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path | None, selected: str = "") -> None:
    answer = (str(path) if path else "", selected)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: answer))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: answer))


def test_import_runs_off_the_gui_thread_and_reports(
    qtbot: QtBot, services: Services, tmp_path: Path, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv_path = tmp_path / "vocab.csv"
    csv_path.write_text("front,back\nperro,dog\ngato,cat\n")
    choose_file(monkeypatch, csv_path)
    threads: list[threading.Thread] = []
    real_import = services.exchange.import_file

    def spy(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        return real_import(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services.exchange, "import_file", spy)
    assert import_with_dialog(None, services) is True
    assert threads and threads[0] is not threading.main_thread()
    assert shown == [
        (
            "information",
            "Import finished",
            "vocab.csv: 2 added, 0 updated, 0 skipped.\nDecks: vocab",
        )
    ]
    assert "vocab" in {row.name for row in services.study.overview()}


def test_a_bad_file_shows_the_reason_and_changes_nothing(
    qtbot: QtBot, services: Services, tmp_path: Path, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.keeper"
    bad.write_text("not a zip")
    choose_file(monkeypatch, bad)
    before = services.study.overview()
    assert import_with_dialog(None, services) is False
    ((kind, title, text),) = shown
    assert (kind, title) == ("warning", "Import failed")
    assert text == f"{bad}: not a Keeper deck file (a Keeper deck file is a zip archive)"
    assert services.study.overview() == before


def test_cancelling_the_dialog_does_nothing(
    qtbot: QtBot, services: Services, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_file(monkeypatch, None)
    assert import_with_dialog(None, services) is False
    assert shown == []


def test_the_progress_dialog_cancel_button_stops_the_worker(qtbot: QtBot) -> None:
    started = threading.Event()

    def job(progress, cancel):  # type: ignore[no-untyped-def]
        progress(1, 10)
        started.set()
        deadline = time.monotonic() + 10
        while not cancel():
            if time.monotonic() > deadline:
                return "never cancelled"
            time.sleep(0.01)
        raise ImportCancelled("cancelled")

    def press_cancel() -> None:
        if not started.is_set():
            QTimer.singleShot(20, press_cancel)
            return
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        assert dialogs, "no progress dialog"
        dialogs[0].findChild(QPushButton).click()  # the dialog's Cancel button

    QTimer.singleShot(20, press_cancel)
    outcome = run_in_background(None, "Working...", job)
    assert outcome.cancelled


def test_export_writes_the_chosen_format_and_reports(
    qtbot: QtBot, services: Services, tmp_path: Path, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        exchange_actions,
        "ask_export_options",
        lambda parent, decks: ExportChoice("Interview FAQ", False, False),
    )
    choose_file(monkeypatch, tmp_path / "faq", "Anki package (*.apkg)")
    export_with_dialog(None, services)
    assert (tmp_path / "faq.apkg").exists()
    ((kind, title, text),) = shown
    assert (kind, title) == ("information", "Export finished")
    assert re.fullmatch(r"\d+ cards from 1 deck written to faq\.apkg\.", text)


def test_the_file_menu_has_import_and_export(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    from trainer.ui.main_window import MainWindow

    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    assert window.import_action.shortcut().toString() == "Ctrl+Shift+I"
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    assert window.import_action in window.file_menu.actions()


def test_the_file_name_suggested_for_an_export_stays_in_the_folder_the_dialog_opens(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A deck name comes from whoever wrote the file it was imported from.
    deck = services.decks.create("../../.config/autostart/x")
    monkeypatch.setattr(
        exchange_actions,
        "ask_export_options",
        lambda parent, decks: ExportChoice(deck.name, False, False),
    )
    suggested: list[str] = []

    def save_as(_parent: object, _title: str, name: str, _filters: str) -> tuple[str, str]:
        suggested.append(name)
        return "", ""  # cancelled

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    export_with_dialog(None, services)
    assert [Path(name).name for name in suggested] == [".._.._.config_autostart_x.keeper"]
    assert Path(suggested[0]).parent == Path(file_folders.start_folder())
