"""The main window: a stack of rooms (home, study, summary) and the menus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget, QWidget

from trainer import __version__
from trainer.core.model import DeckId
from trainer.core.session import SessionSummary
from trainer.services.services import Services
from trainer.ui.browser_view import BrowserView
from trainer.ui.home_view import HomeView
from trainer.ui.manage_actions import ManageActions
from trainer.ui.statistics.statistics_view import StatisticsView
from trainer.ui.stories.stories_view import StoriesView
from trainer.ui.study_view import StudyView
from trainer.ui.summary_view import SummaryView


class MainWindow(QMainWindow):
    def __init__(self, services: Services, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.data_dir = data_dir
        self.setWindowTitle("Keeper")
        self.resize(980, 680)
        self.setMinimumSize(640, 480)

        self.home = HomeView()
        self.study = StudyView(services.study)
        self.summary = SummaryView()
        self.rooms = QStackedWidget()
        for room in (self.home, self.study, self.summary):
            self.rooms.addWidget(room)
        self.stories = StoriesView(services)  # saves itself when hidden (room change, close)
        self.rooms.addWidget(self.stories)
        self.browser = BrowserView(services)  # saves its editor when hidden
        self.rooms.addWidget(self.browser)
        self.statistics = StatisticsView(services)
        self.rooms.addWidget(self.statistics)
        self.setCentralWidget(self.rooms)

        self.home.study_all.connect(lambda: self.start_study(None))
        self.home.study_deck.connect(lambda deck_id: self.start_study(DeckId(deck_id)))
        self.study.finished.connect(self._show_summary)
        self.study.leave.connect(self.go_home)
        self.summary.leave.connect(self.go_home)
        self.stories.leave.connect(self.go_home)
        self.browser.leave.connect(self.go_home)
        self.home.open_stories.connect(self.go_stories)
        self.statistics.leave.connect(self.go_home)
        self.home.today.open_statistics.connect(self.go_statistics)

        self.file_menu: QMenu = self.menuBar().addMenu("&File")
        from trainer.ui.guide_builder_dialog import open_guide_builder

        self.build_cards_action = QAction("Build cards from a &guide…", self)
        self.build_cards_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.build_cards_action.triggered.connect(
            lambda: open_guide_builder(self, self.services, on_added=self.refresh)
        )
        self.file_menu.addAction(self.build_cards_action)
        from trainer.ui.exchange_actions import export_with_dialog, import_with_dialog

        self.import_action = QAction("&Import…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_action.triggered.connect(
            lambda: self.refresh() if import_with_dialog(self, self.services) else None
        )
        self.export_action = QAction("&Export…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(lambda: export_with_dialog(self, self.services))
        self.file_menu.addActions([self.import_action, self.export_action])
        backups = QAction("&Backups…", self)
        backups.triggered.connect(self.show_backups)
        self.file_menu.addAction(backups)
        self.file_menu.addSeparator()
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        self.go_menu: QMenu = self.menuBar().addMenu("&Go")
        self.decks_action = QAction("&Decks", self)
        self.decks_action.setShortcut(QKeySequence("Ctrl+1"))
        self.decks_action.triggered.connect(self.go_home)
        self.stories_action = QAction("My &stories", self)
        self.stories_action.setShortcut(QKeySequence("Ctrl+2"))
        self.stories_action.triggered.connect(self.go_stories)
        self.statistics_action = QAction("S&tatistics", self)
        self.statistics_action.setShortcut(QKeySequence("Ctrl+4"))  # Ctrl+3: Browse cards
        self.statistics_action.triggered.connect(self.go_statistics)
        self.go_menu.addActions([self.decks_action, self.stories_action, self.statistics_action])
        self.help_menu: QMenu = self.menuBar().addMenu("&Help")
        about = QAction(f"About Keeper {__version__}", self)
        about.triggered.connect(self._about)
        self.help_menu.addAction(about)
        self.manage = ManageActions(self)  # Cards menu, Settings, Ctrl+N from anywhere

        self.go_home()

    def refresh(self) -> None:
        """Re-read what the home screen shows (after a session, an import, an edit)."""
        self.home.show_decks(self.services.study.overview())
        self.home.today.show_today(self.services.insight.today(), self.services.plan.countdown())

    def go_home(self) -> None:
        self.refresh()
        self.rooms.setCurrentWidget(self.home)
        self.home.focus_study_now()

    def go_stories(self) -> None:
        self.rooms.setCurrentWidget(self.stories)
        self.stories.enter()

    def go_statistics(self) -> None:
        self.rooms.setCurrentWidget(self.statistics)
        self.statistics.enter()

    def start_study(self, deck_id: DeckId | None) -> None:
        session = self.services.study.start_session(deck_id)
        self.rooms.setCurrentWidget(self.study)
        self.study.start(session)

    def show_backups(self) -> None:
        from trainer.ui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.services, self)
        dialog.exec()
        if dialog.restored:
            self.go_home()

    def _show_summary(self, summary: SessionSummary) -> None:
        self.summary.show_summary(summary, self.services.study.next_due())
        self.rooms.setCurrentWidget(self.summary)
        self.summary.back_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "About Keeper",
            f"<b>Keeper {__version__}</b><p>Flashcards with spaced repetition (FSRS) for "
            f"high-bar interviews.</p><p>Your data lives in:<br>{self.data_dir}</p>",
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        # Focus set while hidden is dropped; give "Study now" the keyboard once visible.
        if self.rooms.currentWidget() is self.home:
            self.home.focus_study_now()
