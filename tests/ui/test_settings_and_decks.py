"""Settings (live theme, card text size, pass/fail keys in the study screen), the decks dialog
and a deck's options dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from trainer.core.cards import Rating
from trainer.core.deck_options import RETENTION_HELP
from trainer.core.session import Phase
from trainer.services.services import Services
from trainer.services.settings_service import AppSettings
from trainer.ui import messages
from trainer.ui.deck_options_dialog import DeckOptionsDialog
from trainer.ui.decks_dialog import DecksDialog
from trainer.ui.main_window import MainWindow
from trainer.ui.settings_dialog import SettingsDialog

DARK_WINDOW = "#16191d"
LIGHT_WINDOW = "#f6f7f9"


def window_color() -> str:
    return QApplication.palette().color(QPalette.ColorRole.Window).name()


@pytest.fixture
def window(qtbot: QtBot, services: Services, data_dir: Path) -> MainWindow:
    opened = MainWindow(services, data_dir)
    qtbot.addWidget(opened)
    opened.show()
    return opened


def test_the_theme_is_previewed_live_and_cancel_puts_it_back(
    qtbot: QtBot, window: MainWindow, data_dir: Path
) -> None:
    window.manage.apply(AppSettings(theme="light"))
    applied: list[AppSettings] = []

    def preview(settings: AppSettings) -> None:
        applied.append(settings)
        window.manage.apply(settings)

    dialog = SettingsDialog(AppSettings(theme="light"), data_dir, preview, window)
    qtbot.addWidget(dialog)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    assert window_color() == DARK_WINDOW
    dialog.font_size.setValue(20)
    assert "font-size: 20pt" in QApplication.instance().styleSheet()  # type: ignore[union-attr]
    dialog.reject()
    assert window_color() == LIGHT_WINDOW
    assert applied[-1] == AppSettings(theme="light")


def test_settings_are_saved_and_applied_on_ok(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def accept_with_changes(dialog: SettingsDialog) -> int:
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        dialog.two_keys.setChecked(True)
        dialog.new_per_day.setValue(5)
        assert dialog.data_folder.isReadOnly() and dialog.data_folder.text() == str(data_dir)
        return SettingsDialog.DialogCode.Accepted.value

    monkeypatch.setattr(SettingsDialog, "exec", accept_with_changes)
    window.manage.open_settings()
    saved = services.settings.load()
    assert (saved.theme, saved.two_button_answers, saved.new_per_day) == ("dark", True, 5)
    assert window_color() == DARK_WINDOW
    assert services.decks.create("Fresh").options.new_per_day == 5
    window.manage.apply(AppSettings())  # leave the look as the other tests expect


def test_open_folder_opens_the_data_folder(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "trainer.ui.settings_dialog.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()) or True,
    )
    dialog = SettingsDialog(AppSettings(), data_dir)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.open_folder, Qt.MouseButton.LeftButton)
    assert opened == [str(data_dir)]


def test_pass_fail_keys_show_two_buttons_and_grade_again_or_good(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    window.manage.apply(AppSettings(two_button_answers=True))
    window.start_study(None)
    study = window.study
    session = study.session
    assert session is not None
    study.reveal()
    visible = [r for r, b in study.grade_buttons.items() if b.isVisibleTo(study)]
    assert visible == [Rating.AGAIN, Rating.GOOD]
    assert study.grade_buttons[Rating.AGAIN].text().startswith("Fail  (1)")
    # 3, Good by habit, passes too: the button says so
    assert study.grade_buttons[Rating.GOOD].text().startswith("Pass  (2 or 3)")
    first = session.current
    study.grade(Rating.EASY)  # key 4 does nothing with two buttons
    assert session.current == first and session.phase is Phase.ANSWER
    study.grade(Rating.HARD)  # key 2 passes
    assert services.stats.collection_stats().reviews == 1
    window.manage.apply(AppSettings())
    study.reveal()
    assert all(b.isVisibleTo(study) for b in study.grade_buttons.values())


def test_deck_options_dialog_checks_steps_and_explains_retention(
    qtbot: QtBot, services: Services
) -> None:
    deck = services.decks.create("Options")
    dialog = DeckOptionsDialog(deck)
    qtbot.addWidget(dialog)
    assert dialog.retention.toolTip() == RETENTION_HELP
    assert (dialog.retention.minimum(), dialog.retention.maximum()) == (0.70, 0.97)
    assert dialog.learning.text() == "1m 10m"
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.learning.setText("1m soon")
    assert not ok.isEnabled() and "Learning steps: 'soon' is not a step" in dialog.error.text()
    dialog.learning.setText("30s 5m 1h")
    dialog.retention.setValue(0.85)
    dialog.new_per_day.setValue(3)
    assert ok.isEnabled()
    options = dialog.options()
    assert (options.new_per_day, options.desired_retention) == (3, 0.85)
    assert [int(step.total_seconds()) for step in options.learning_steps] == [30, 300, 3600]


def test_decks_dialog_deletes_after_asking_and_ctrl_z_brings_the_deck_back(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def yes(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(messages, "question", yes)
    dialog = DecksDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.table.hasFocus)  # keys go to the focused table, as typed
    first = dialog.model.deck_at(0)
    assert first is not None
    dialog.table.selectRow(0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert f"Delete the deck “{first.name}” and its {first.cards} cards" in asked[0]
    assert all(d.id != first.deck_id for d in services.decks.decks()) and dialog.changed
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert any(d.id == first.deck_id for d in services.decks.decks())
    assert services.decks.card_count(first.deck_id) == first.cards
    assert "Undone: Delete deck" in dialog.status.text()


def test_decks_dialog_creates_and_renames(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([("Behavioural", True), ("Behavioural questions", True)])
    monkeypatch.setattr(
        "trainer.ui.decks_dialog.QInputDialog.getText", lambda *args, **kw: next(answers)
    )
    dialog = DecksDialog(services)
    qtbot.addWidget(dialog)
    dialog.new_deck()
    assert "Created deck Behavioural" in dialog.status.text()
    dialog.rename()
    assert {d.name for d in services.decks.decks()} >= {"Behavioural questions"}
