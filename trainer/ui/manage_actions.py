"""Manage decks, built-in decks, a deck's options and Settings: dialogs and menu actions.

The main window puts the actions in its menus. Settings are applied when the window opens
and whenever they are changed: theme and card text size to the app, answer keys to the
study screen (through `answer_layout`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from trainer.core.model import DeckId
from trainer.services.services import Services
from trainer.services.settings_service import AppSettings
from trainer.ui.lean_qt import new_action
from trainer.ui.theme import apply_theme


class ManageActions:
    def __init__(
        self,
        window: QWidget,
        services: Services,
        data_dir: Path,
        *,
        decks_changed: Callable[[], None],
        answer_layout: Callable[[bool], None],
    ) -> None:
        """`decks_changed`: after a dialog changed decks; `answer_layout`: the pass/fail
        answer keys setting, whenever settings are applied."""
        self._window = window
        self._services = services
        self._data_dir = data_dir
        self._decks_changed = decks_changed
        self._answer_layout = answer_layout
        self.decks_action = new_action(window, "Manage &decks…", None, self.manage_decks)
        self.builtin_action = new_action(window, "B&uilt-in decks…", None, self.builtin_decks)
        self.settings_action = new_action(window, "&Settings…", "Ctrl+,", self.open_settings)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.actions = [self.decks_action, self.settings_action]
        self.deck_actions = [self.decks_action, self.builtin_action]  # the Cards menu's

    def apply_saved(self) -> None:
        """The saved settings, applied as the window opens."""
        settings = self._services.settings.load()
        if settings != AppSettings():  # the defaults are what the app starts with
            self.apply(settings)

    def manage_decks(self) -> None:
        from trainer.ui.decks_dialog import DecksDialog

        dialog = DecksDialog(self._services, self._window)
        dialog.exec()
        if dialog.changed:
            self._decks_changed()

    def builtin_decks(self) -> None:
        """Add or remove the optional built-in decks (or bring back a deleted one)."""
        from trainer.ui.builtin_decks_dialog import BuiltinDecksDialog

        dialog = BuiltinDecksDialog(self._services, self._window)
        dialog.exec()
        dialog.deleteLater()  # not left behind as a hidden top-level window
        if dialog.changed:
            self._decks_changed()

    def edit_deck_options(self, deck_id: int) -> None:
        """The options of one deck, from the home screen's deck menu."""
        from trainer.ui.decks_dialog import DecksDialog

        dialog = DecksDialog(self._services, self._window)
        dialog.reload(select=DeckId(deck_id))
        dialog.edit_options(over=self._window)
        if dialog.changed:
            self._decks_changed()

    def open_settings(self) -> None:
        from PySide6.QtWidgets import QDialog  # not at start: its enum costs 0.2 ms

        from trainer.ui.settings_dialog import SettingsDialog

        settings = self._services.settings
        dialog = SettingsDialog(
            settings.load(), self._data_dir, preview=self.apply, parent=self._window
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply(settings.save(dialog.settings()))

    def apply(self, settings: AppSettings) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, settings.theme, settings.card_font_size)
        self._answer_layout(settings.two_button_answers)
