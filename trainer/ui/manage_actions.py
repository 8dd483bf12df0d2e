"""The main window's way into the browser, decks and settings: menus and shortcuts.

Ctrl+N adds a card from anywhere (it opens the browser with a blank card), Ctrl+3 opens
the browser, Ctrl+, the settings. Settings are applied when the window opens and whenever
they are changed: theme and card text size to the app, answer keys to the study screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from trainer.core.model import DeckId
from trainer.services.settings_service import AppSettings
from trainer.ui.lean_qt import new_action
from trainer.ui.theme import apply_theme

if TYPE_CHECKING:
    from trainer.ui.main_window import MainWindow


class ManageActions:
    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.browse_action = _action(window, "&Browse cards", "Ctrl+3", self.open_browser)
        self.add_action = _action(window, "&Add card…", "Ctrl+N", self.add_card, app_wide=True)
        self.decks_action = _action(window, "Manage &decks…", None, self.manage_decks)
        self.settings_action = _action(window, "&Settings…", "Ctrl+,", self.open_settings)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        window.go_menu.insertAction(window.statistics_action, self.browse_action)  # Ctrl+3 before 4
        cards = window.menuBar().addMenu("&Cards")
        window.menuBar().insertMenu(window.help_menu.menuAction(), cards)
        cards.addActions([self.add_action, self.browse_action, self.decks_action])
        window.file_menu.insertAction(window.quit_action, self.settings_action)
        window.file_menu.insertSeparator(window.quit_action)
        settings = window.services.settings.load()
        if settings != AppSettings():  # the defaults are what the app starts with
            self.apply(settings)

    def open_browser(self) -> None:
        window = self._window
        window.rooms.setCurrentWidget(window.browser)
        window.browser.enter()

    def add_card(self) -> None:
        if not self._window.is_current("browser"):
            self.open_browser()
        self._window.browser.start_new_card()

    def manage_decks(self) -> None:
        from trainer.ui.decks_dialog import DecksDialog

        dialog = DecksDialog(self._window.services, self._window)
        dialog.exec()
        if dialog.changed:
            if self._window.is_current("browser"):
                self._window.browser.enter()
            elif self._window.rooms.currentWidget() is self._window.home:
                self._window.refresh()

    def edit_deck_options(self, deck_id: int) -> None:
        """The options of one deck, from the home screen's deck menu."""
        from trainer.ui.decks_dialog import DecksDialog

        dialog = DecksDialog(self._window.services, self._window)
        dialog.reload(select=DeckId(deck_id))
        dialog.edit_options(over=self._window)
        if dialog.changed:
            self._window.refresh()

    def open_settings(self) -> None:
        from PySide6.QtWidgets import QDialog  # not at start: its enum costs 0.2 ms

        from trainer.ui.settings_dialog import SettingsDialog

        services = self._window.services
        dialog = SettingsDialog(
            services.settings.load(), self._window.data_dir, preview=self.apply, parent=self._window
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply(services.settings.save(dialog.settings()))

    def apply(self, settings: AppSettings) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, settings.theme, settings.card_font_size)
        self._window.set_answer_layout(settings.two_button_answers)


def _action(
    window: MainWindow,
    text: str,
    key: str | None,
    slot: Callable[[], object],
    app_wide: bool = False,
) -> QAction:
    action = new_action(window, text, key, slot, app_wide=app_wide)
    window.addAction(action)  # shortcuts work while the menu bar is hidden or closed
    return action
