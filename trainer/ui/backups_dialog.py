"""File > Backups: the snapshots kept for this collection; take one now or restore one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.services.backup_service import Backup, BackupError
from trainer.services.services import Services
from trainer.ui import messages
from trainer.ui.safe_text import plain_tooltip

REASONS = {
    "auto": "automatic",
    "manual": "taken by hand",
    "before-restore": "before a restore",
    "before-import": "before an import",
}


class BackupsDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Backups")
        self.resize(560, 420)
        self._services = services
        self.restored = False
        note = QLabel(
            "Keeper takes a snapshot when it closes, every 30 minutes while something changes, "
            "and before migrations, imports and restores. Restoring first backs up the "
            "collection as it is now."
        )
        note.setWordWrap(True)
        note.setObjectName("subtle")
        self.list = QListWidget()
        self.list.itemDoubleClicked.connect(lambda _item: self.restore_selected())
        self.back_up_now = QPushButton("Back up now")
        self.back_up_now.clicked.connect(self.create_backup)
        self.restore_button = QPushButton("Restore…")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.back_up_now, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for backup in reversed(self._services.backups.backups()):
            local = backup.taken_at.astimezone()
            why = REASONS.get(backup.reason, backup.reason.replace("-", " "))
            item = QListWidgetItem(f"{local:%a %d %b %Y, %H:%M}  ·  {why}")
            item.setData(Qt.ItemDataRole.UserRole, backup)
            item.setToolTip(plain_tooltip(str(backup.path)) or "")
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.restore_button.setEnabled(self.list.count() > 0)

    def create_backup(self) -> None:
        try:
            self._services.backups.create("manual")
        except BackupError as error:
            messages.warning(self, "Backup failed", str(error))
        self.reload()

    def restore_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        backup: Backup = item.data(Qt.ItemDataRole.UserRole)
        answer = messages.question(
            self,
            "Restore this backup?",
            f"Replace your collection with the backup from {item.text()}?\n\n"
            "The collection as it is now is backed up first, so this can be undone by "
            "restoring that backup.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._services.restore_backup(backup)
        except BackupError as error:
            messages.warning(self, "Restore failed", str(error))
            return
        self.restored = True
        self.reload()
