"""The window a start shows while a collection written by an older Keeper is upgraded.

The upgrade runs on the GUI thread before the main window exists (nothing else can be
done meanwhile); SQLite calls back every few milliseconds during a step, and each call lets
Qt paint, so the window moves and redraws instead of looking frozen.
"""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication, QProgressDialog

REPAINT_EVERY_S = 0.05


class UpgradeProgress:
    def __init__(self) -> None:
        self._dialog = QProgressDialog()
        self._dialog.setWindowTitle("Keeper")
        self._dialog.setCancelButton(None)  # a step half done is rolled back, never left
        self._dialog.setMinimumDuration(0)
        self._dialog.setAutoClose(False)
        self._dialog.setAutoReset(False)
        self._dialog.setMinimumWidth(420)
        self._shown: tuple[int, int] | None = None
        self._painted = 0.0

    def show_step(self, step: int, steps: int) -> None:
        """Step 0: the check and the backup before the first step."""
        now = time.monotonic()
        if (step, steps) == self._shown and now - self._painted < REPAINT_EVERY_S:
            return
        if (step, steps) != self._shown:
            self._shown = (step, steps)
            self._dialog.setRange(0, steps)
            self._dialog.setValue(max(0, step - 1))
            self._dialog.setLabelText(_label(step, steps))
            if not self._dialog.isVisible():
                self._dialog.show()
        self._painted = now
        QApplication.processEvents()

    def close(self) -> None:
        self._dialog.close()
        self._dialog.deleteLater()


def _label(step: int, steps: int) -> str:
    doing = "checking it and keeping a backup first" if step == 0 else f"step {step} of {steps}"
    return f"Upgrading your collection for this version of Keeper…\n{doing}"
