"""A deck's study options: daily limits, desired retention, learning and relearning steps."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from trainer.core.card_content import sentence
from trainer.core.deck_options import (
    MAX_PER_DAY,
    RETENTION_HELP,
    RETENTION_MAX,
    RETENTION_MIN,
    OptionsError,
    check_options,
    format_steps,
    parse_steps,
)
from trainer.core.model import Deck, DeckOptions
from trainer.ui.form_style import style_form
from trainer.ui.safe_text import plain

STEPS_HELP = (
    "Short intervals a card goes through before FSRS schedules it in days, e.g. 1m 10m "
    "(s, m, h, d; a bare number is minutes). Leave empty to go straight to day intervals."
)


class DeckOptionsDialog(QDialog):
    def __init__(self, deck: Deck, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Options for {deck.name}")
        style_form(self)
        self.setMinimumWidth(460)
        options = deck.options
        self.new_per_day = _limit(options.new_per_day, "New cards shown per day at most")
        self.reviews_per_day = _limit(options.reviews_per_day, "Reviews shown per day at most")
        self.retention = QDoubleSpinBox()
        self.retention.setRange(RETENTION_MIN, RETENTION_MAX)
        self.retention.setSingleStep(0.01)
        self.retention.setDecimals(2)
        self.retention.setValue(options.desired_retention)
        self.retention.setToolTip(RETENTION_HELP)
        self.learning = QLineEdit(format_steps(options.learning_steps))
        self.learning.setToolTip(STEPS_HELP)
        self.relearning = QLineEdit(format_steps(options.relearning_steps))
        self.relearning.setToolTip(
            "Short intervals after you forget a review card (Again), before day intervals resume."
        )
        self.error = plain(QLabel())
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        hint = QLabel(
            "Desired retention is the chance of remembering a card when it is due: higher "
            "means more reviews. Hover over a field for details."
        )
        hint.setObjectName("subtle")
        hint.setWordWrap(True)

        form = QFormLayout()
        form.addRow("&New cards per day", self.new_per_day)
        form.addRow("&Reviews per day", self.reviews_per_day)
        form.addRow("Desired re&tention", self.retention)
        form.addRow("&Learning steps", self.learning)
        form.addRow("Re&learning steps", self.relearning)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for field in (self.learning, self.relearning):
            field.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def options(self) -> DeckOptions:
        """The options as entered; raises OptionsError when a field is not valid."""
        return check_options(
            DeckOptions(
                new_per_day=self.new_per_day.value(),
                reviews_per_day=self.reviews_per_day.value(),
                desired_retention=round(self.retention.value(), 2),
                learning_steps=_steps("learning steps", self.learning.text()),
                relearning_steps=_steps("relearning steps", self.relearning.text()),
            )
        )

    def accept(self) -> None:
        if self._check():
            super().accept()

    def _check(self) -> bool:
        try:
            self.options()
        except OptionsError as error:
            self.error.setText(sentence(error))
            self.error.show()
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return False
        self.error.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        return True


def _limit(value: int, tooltip: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, MAX_PER_DAY)
    spin.setValue(value)
    spin.setToolTip(tooltip)
    return spin


def _steps(label: str, text: str) -> tuple:
    try:
        return parse_steps(text)
    except OptionsError as error:
        raise OptionsError(f"{label}: {error}") from None
