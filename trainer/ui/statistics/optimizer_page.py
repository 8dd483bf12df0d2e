"""The memory-model page: fit FSRS's 21 parameters to your reviews, see if it helped."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer.services.optimizer_service import OptimizationOutcome
from trainer.ui.statistics.progress_page import Box, scrolled_content

EXPLANATION = (
    "Keeper schedules with FSRS-6, a model of how memory fades. Its 21 parameters start at "
    "values fitted to millions of other people's reviews. Fitting them to your own history "
    "makes intervals match your memory. Keeper measures how well each set predicts your past "
    "answers (log loss and RMSE, lower is better) and keeps the fit only if it is better."
)


class OptimizerPage(QScrollArea):
    optimize_requested = Signal()
    reset_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("optimizerPage")
        content = scrolled_content(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 12, 24, 24)
        layout.setSpacing(12)

        model = Box("Your memory model", content)
        explanation = model.add(QLabel(EXPLANATION, model))
        explanation.setWordWrap(True)
        self.in_use = model.add(QLabel(model))
        self.in_use.setObjectName("subtle")
        holder = model.add(QWidget(model))
        buttons = QHBoxLayout(holder)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.optimize_button = QPushButton("Optimize now", holder)
        self.optimize_button.setObjectName("primary")
        self.optimize_button.clicked.connect(self.optimize_requested)
        self.reset_button = QPushButton("Back to the defaults", holder)
        self.reset_button.clicked.connect(self.reset_requested)
        buttons.addWidget(self.optimize_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch()
        layout.addWidget(model)

        self.result = Box("Last fit", content)
        self.outcome = self.result.add(QLabel(self.result))
        self.outcome.setWordWrap(True)
        self._figures = self.result.add(QWidget(self.result))
        self.figures = QGridLayout(self._figures)
        self.figures.setHorizontalSpacing(24)
        self.cells: dict[tuple[int, int], QLabel] = {}
        for column, title in enumerate(("", "Before", "After")):
            self._cell(0, column, title, header=True)
        for row, title in enumerate(("Log loss", "RMSE"), start=1):
            self._cell(row, 0, title, header=True)
        self.parameters = self.result.add(QLabel(self.result))
        self.parameters.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.parameters.setWordWrap(True)
        self.parameters.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        layout.addWidget(self.result)
        layout.addStretch()

    def show_in_use(self, parameters: tuple[float, ...] | None) -> None:
        self.in_use.setText(
            "In use: parameters fitted to your reviews."
            if parameters
            else "In use: FSRS's default parameters."
        )
        self.reset_button.setEnabled(parameters is not None)

    def show_outcome(self, outcome: OptimizationOutcome) -> None:
        result = outcome.optimization
        self.result.show()
        verdict = "Applied" if outcome.applied else "Kept the parameters in use"
        self.outcome.setText(
            f"<b>{verdict}:</b> {outcome.reason}. Fitted on {result.reviews} reviews."
        )
        values = (
            (result.before.log_loss, result.after.log_loss),
            (result.before.rmse, result.after.rmse),
        )
        for row, (before, after) in enumerate(values, start=1):
            self._cell(row, 1, f"{before:.4f}")
            self._cell(row, 2, f"{after:.4f}")
        self.parameters.setText("Parameters: " + ", ".join(f"{w:.4f}" for w in result.parameters))

    def show_message(self, text: str) -> None:
        self.result.show()
        self.outcome.setText(text)
        for row in (1, 2):
            for column in (1, 2):
                self._cell(row, column, "-")
        self.parameters.setText("")

    def _cell(self, row: int, column: int, text: str, *, header: bool = False) -> None:
        label = self.cells.get((row, column))
        if label is None:
            label = QLabel(self._figures)
            if header:
                label.setObjectName("subtle")
            self.cells[(row, column)] = label
            self.figures.addWidget(label, row, column)
        label.setText(text)
