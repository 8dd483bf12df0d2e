"""Settings: look, card text size, answer keys, limits for new decks, spoken rehearsal, where
the data lives.

The look is previewed live through `preview` while the dialog is open; Cancel puts the
previous settings back. Saving is the caller's (through the settings service).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trainer.core.deck_options import MAX_PER_DAY
from trainer.services.settings_service import FONT_SIZES, THEMES, AppSettings
from trainer.ui.form_style import style_form

THEME_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: AppSettings,
        data_dir: Path,
        preview: Callable[[AppSettings], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        style_form(self)
        self.setMinimumWidth(520)
        self._original = settings
        self._preview = preview
        self._data_dir = data_dir

        self.theme = QComboBox()
        for theme in THEMES:
            self.theme.addItem(THEME_LABELS[theme], theme)
        self.theme.setCurrentIndex(THEMES.index(settings.theme))
        self.font_size = QSpinBox()
        self.font_size.setRange(FONT_SIZES.start, FONT_SIZES.stop - 1)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(settings.card_font_size)
        self.font_size.setToolTip("The size of the question and answer in the study screen")
        look = QFormLayout()
        look.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: fits 640 px
        look.addRow("&Theme", self.theme)
        look.addRow("Card text &size", self.font_size)

        self.four_keys = QRadioButton("Four buttons: Again, Hard, Good, Easy  (keys 1-4)")
        self.two_keys = QRadioButton("Pass / fail: Fail = Again (1), Pass = Good (2 or 3)")
        self.two_keys.setToolTip(
            "Two buttons are quicker to decide; FSRS still schedules well with them"
        )
        self._keys = QButtonGroup(self)
        self._keys.addButton(self.four_keys)
        self._keys.addButton(self.two_keys)
        (self.two_keys if settings.two_button_answers else self.four_keys).setChecked(True)
        keys = QVBoxLayout()
        keys.addWidget(self.four_keys)
        keys.addWidget(self.two_keys)

        self.new_per_day = _limit(settings.new_per_day)
        self.reviews_per_day = _limit(settings.reviews_per_day)
        limits = QFormLayout()
        limits.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        limits.addRow("&New cards per day", self.new_per_day)
        limits.addRow("&Reviews per day", self.reviews_per_day)

        self.keep_audio = QCheckBox("&Keep recordings")
        self.keep_audio.setToolTip(
            "Keep each spoken answer's recording, inside the collection: backups hold it, "
            "exports never include it"
        )
        self.keep_audio.setChecked(settings.keep_audio)
        self.voice_model = QLineEdit(settings.voice_model)
        self.voice_model.setPlaceholderText("Model: tiny.en")
        self.voice_model.setToolTip(
            "The Whisper model folder: empty for the voice extra's tiny.en, or any "
            "CTranslate2 Whisper model folder of your own (small.en is more accurate)"
        )
        voice = QVBoxLayout()
        voice.addWidget(self.keep_audio)
        voice.addWidget(self.voice_model)

        self.data_folder = QLineEdit(str(data_dir))
        self.data_folder.setReadOnly(True)
        self.data_folder.setToolTip("To use another folder, start Keeper with --data-dir DIR")
        self.open_folder = QPushButton("&Open folder")
        self.open_folder.clicked.connect(self._open_folder)
        data = QHBoxLayout()
        data.addWidget(self.data_folder, stretch=1)
        data.addWidget(self.open_folder)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # Look and limits side by side: stacked, the four groups made the dialog 541 px tall,
        # more than the 480 px window it opens over.
        pair = QHBoxLayout()
        pair.setSpacing(12)
        pair.addWidget(_group("Look", look))
        pair.addWidget(_group("Daily limits for new decks", limits))
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(pair)
        layout.addWidget(_group("Answer keys", keys))
        # Voice beside the data folder, for the same reason: the dialog fits the 480 px window
        last_pair = QHBoxLayout()
        last_pair.setSpacing(12)
        last_pair.addWidget(_group("Spoken rehearsal", voice), stretch=2)
        last_pair.addWidget(_group("Your data", data), stretch=3)
        layout.addLayout(last_pair)
        layout.addWidget(buttons)

        self.theme.currentIndexChanged.connect(self._previewed)
        self.font_size.valueChanged.connect(self._previewed)

    def settings(self) -> AppSettings:
        return self._original._replace(
            theme=str(self.theme.currentData()),
            card_font_size=self.font_size.value(),
            two_button_answers=self.two_keys.isChecked(),
            new_per_day=self.new_per_day.value(),
            reviews_per_day=self.reviews_per_day.value(),
            keep_audio=self.keep_audio.isChecked(),
            voice_model=self.voice_model.text().strip(),
        )

    def reject(self) -> None:
        if self._preview is not None:
            self._preview(self._original)  # undo the live preview
        super().reject()

    def _previewed(self) -> None:
        if self._preview is not None:
            self._preview(self.settings())

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._data_dir)))


def _limit(value: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, MAX_PER_DAY)
    spin.setValue(value)
    spin.setToolTip("What a deck you create starts with; change any deck in its options")
    return spin


def _group(title: str, content: QFormLayout | QVBoxLayout | QHBoxLayout) -> QGroupBox:
    group = QGroupBox(title)
    group.setLayout(content)
    return group
