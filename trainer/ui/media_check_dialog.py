"""Check media (Cards menu): the store's files no card names, the names no file answers,
and a button that deletes the unused files (one step on the undo queue)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.services.media_service import MediaService
from trainer.ui.form_style import style_form
from trainer.ui.safe_text import plain


class MediaCheckDialog(QDialog):
    def __init__(self, media: MediaService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check media")
        style_form(self)
        self._media = media
        self.summary = plain(QLabel())
        self.summary.setWordWrap(True)
        self.unused = QListWidget()
        self.missing = QListWidget()
        self.delete_button = QPushButton("Delete unused files")
        self.delete_button.clicked.connect(self.delete_unused)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(plain(QLabel("Files no card uses")))
        layout.addWidget(self.unused)
        layout.addWidget(plain(QLabel("Files cards name that are missing")))
        layout.addWidget(self.missing)
        layout.addWidget(buttons)
        self.resize(560, 460)
        self.refresh()

    def refresh(self) -> None:
        check = self._media.check()
        self.unused.clear()
        self.unused.addItems(list(check.unused))
        self.missing.clear()
        for name, cards in check.missing:
            self.missing.addItem(f"{name}  ({len(cards)} card{'s' if len(cards) != 1 else ''})")
        self.summary.setText(
            f"{len(check.unused)} unused files, {len(check.missing)} missing files."
            + (" Deleting unused files can be undone (Edit > Undo)." if check.unused else "")
        )
        self.delete_button.setEnabled(bool(check.unused))

    def delete_unused(self) -> None:
        names = [self.unused.item(row).text() for row in range(self.unused.count())]
        self._media.delete_unused(names)
        self.refresh()
