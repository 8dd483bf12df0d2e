"""Settings for spoken rehearsal: keep recordings, and a model folder of the user's own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from trainer.services.services import Services
from trainer.ui.settings_dialog import SettingsDialog


def test_keep_recordings_and_the_model_folder_are_set_by_keys_and_saved(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    dialog = SettingsDialog(services.settings.load(), data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.keep_audio.isChecked() and dialog.voice_model.text() == ""
    dialog.keep_audio.setFocus()
    qtbot.keyClick(dialog.keep_audio, Qt.Key.Key_Space)
    qtbot.keyClicks(dialog.voice_model, "  /models/small.en ")
    services.settings.save(dialog.settings())

    saved = services.settings.load()
    assert saved.keep_audio and saved.voice_model == "/models/small.en"
    assert services.voice.transcription(data_dir / "a.wav").model == "/models/small.en"
    reopened = SettingsDialog(saved, data_dir)
    qtbot.addWidget(reopened)
    assert reopened.keep_audio.isChecked() and reopened.voice_model.text() == "/models/small.en"
