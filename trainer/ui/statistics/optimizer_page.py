"""The memory-model page: fit FSRS's 21 parameters to your reviews, see if it helped."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer.services.optimizer_service import OptimizationOutcome
from trainer.ui.statistics.progress_page import box

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
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        content.setObjectName("statsContent")
        self.setWidget(content)

        explanation = QLabel(EXPLANATION)
        explanation.setWordWrap(True)
        self.in_use = QLabel()
        self.in_use.setObjectName("subtle")
        self.optimize_button = QPushButton("Optimize now")
        self.optimize_button.setObjectName("primary")
        self.optimize_button.clicked.connect(self.optimize_requested)
        self.reset_button = QPushButton("Back to the defaults")
        self.reset_button.clicked.connect(self.reset_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.optimize_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch()
        holder = QWidget()
        buttons.setContentsMargins(0, 0, 0, 0)
        holder.setLayout(buttons)

        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.figures = QGridLayout()
        self.figures.setHorizontalSpacing(24)
        self.cells: dict[tuple[int, int], QLabel] = {}
        for column, title in enumerate(("", "Before", "After")):
            self._cell(0, column, title, header=True)
        for row, title in enumerate(("Log loss", "RMSE"), start=1):
            self._cell(row, 0, title, header=True)
        figures = QWidget()
        figures.setLayout(self.figures)
        self.parameters = QLabel()
        self.parameters.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.parameters.setWordWrap(True)
        self.parameters.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result = box("Last fit", self.outcome, figures, self.parameters)
        self.result.hide()

        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 12, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(box("Your memory model", explanation, self.in_use, holder))
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
            label = QLabel()
            if header:
                label.setObjectName("subtle")
            self.cells[(row, column)] = label
            self.figures.addWidget(label, row, column)
        label.setText(text)
