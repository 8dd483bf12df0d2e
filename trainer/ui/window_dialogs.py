"""The dialogs the main window opens from its menus (build cards, import, export, backups,
the media check, help, about), each with its imports on first use: none is on the path of
the first paint."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from trainer import __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QWidget

    from trainer.services.services import Services


# What a dialog adds or changes reaches the rooms as the undo queue's `Changes`.


def build_cards(parent: QWidget, services: Services) -> None:
    from trainer.ui.guide_builder_dialog import open_guide_builder

    open_guide_builder(parent, services, on_added=lambda: None)


def import_file(parent: QWidget, services: Services) -> None:
    from trainer.ui.exchange_actions import import_with_dialog

    import_with_dialog(parent, services)


def export_file(parent: QWidget, services: Services) -> None:
    from trainer.ui.exchange_actions import export_with_dialog

    export_with_dialog(parent, services)


def check_media(parent: QWidget, services: Services) -> None:
    from trainer.ui.media_check_dialog import MediaCheckDialog

    dialog = MediaCheckDialog(services.media, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def show_backups(parent: QWidget, services: Services, on_restored: Callable[[], None]) -> None:
    from trainer.ui.backups_dialog import BackupsDialog

    dialog = BackupsDialog(services, parent)
    dialog.exec()
    if dialog.restored:
        on_restored()


def shortcuts(window: QMainWindow) -> None:
    from trainer.ui.help_dialogs import ShortcutSheet

    ShortcutSheet(window.menuBar(), window).exec()


def user_guide(parent: QWidget) -> None:
    from trainer.ui.help_dialogs import UserGuide

    UserGuide(parent).exec()


def about(parent: QWidget, data_dir: Path) -> None:
    from html import escape

    from PySide6.QtWidgets import QMessageBox

    QMessageBox.about(
        parent,
        "About Keeper",
        f"<b>Keeper {__version__}</b><p>Flashcards with spaced repetition (FSRS) for "
        f"high-bar interviews.</p><p>Your data lives in:<br>{escape(str(data_dir))}</p>",
    )
