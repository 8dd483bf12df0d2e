"""The main window: a stack of rooms (home, study, summary, stories, browser, statistics).

Only the home room is built when the window opens; each other room is built, with its
imports, at its first visit (`window.browser` and the like build it on first access), so
the first window paints sooner. The rooms slowest to build (`ROOMS_BUILT_AHEAD`) are built
while Keeper is idle after start-up (`rooms_ahead`, run by after_start.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget, QWidget

from trainer import __version__
from trainer.core.model import DeckId
from trainer.services.operations import Changes
from trainer.services.services import Services
from trainer.ui import media_source, window_dialogs
from trainer.ui.home_counts import HomeCounts
from trainer.ui.home_view import HomeView
from trainer.ui.idle_loading import NEW_TURN
from trainer.ui.lean_qt import WIDGET_WITH_CHILDREN, new_action
from trainer.ui.manage_actions import ManageActions

if TYPE_CHECKING:
    from trainer.core.session import SessionSummary, StudySession
    from trainer.ui.browser_view import BrowserView
    from trainer.ui.statistics.statistics_view import StatisticsView
    from trainer.ui.stories.stories_view import StoriesView
    from trainer.ui.study_view import StudyView
    from trainer.ui.summary_view import SummaryView

Room = TypeVar("Room", bound=QWidget)

# Built ahead, one a turn of the event loop: 17 ms each at 100,000 cards (46 and 83 before
# they were made in place, top-down); the others take under 25.
ROOMS_BUILT_AHEAD = ("browser", "stories")


class MainWindow(QMainWindow):
    first_painted = Signal()  # once, when the first paint of the window is done
    # What an action or an undo changed, from any thread (imports), delivered on the GUI's.
    changes_arrived = Signal(object)  # Changes

    def __init__(self, services: Services, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.data_dir = data_dir
        media_source.use(lambda name: services.media.read(name))  # card text's only files
        media_source.use_keeper(lambda data, filename: services.media.add(data, filename))
        self.setWindowTitle("Keeper")
        self._painted = False
        self.resize(980, 680)
        self.setMinimumSize(640, 480)

        # The home made in its place (see HomeView): the stack in the window, then the home.
        self.rooms = QStackedWidget(self)
        self.setCentralWidget(self.rooms)
        self.home = HomeView(self.rooms)
        self.rooms.addWidget(self.home)  # the others once visited (through the properties)
        self._study: StudyView | None = None
        self._summary: SummaryView | None = None
        self._stories: StoriesView | None = None
        self._browser: BrowserView | None = None
        self._statistics: StatisticsView | None = None
        self._two_button_answers = False  # for the study room, whenever it is built
        self._studied_deck: DeckId | None = None  # the deck of the last session (None: all)

        self.manage = ManageActions(  # Manage decks, a deck's options, Settings
            self,
            services,
            data_dir,
            decks_changed=self._decks_changed,
            answer_layout=self.set_answer_layout,
        )
        self.home.study_all.connect(lambda: self.start_study(None))
        self.home.study_deck.connect(lambda deck_id: self.start_study(DeckId(deck_id)))
        self.home.open_stories.connect(self.go_stories)
        self.home.deck_options.connect(lambda deck_id: self.manage.edit_deck_options(deck_id))
        self.home.manage_decks.connect(lambda: self.manage.manage_decks())
        self.home.today.open_statistics.connect(self.go_statistics)

        dialogs = window_dialogs
        self.build_cards_action = new_action(
            self,
            "Build cards from a &guide…",
            "Ctrl+Shift+B",
            lambda: dialogs.build_cards(self, services),
        )
        self.import_action = new_action(self, "&Import…", "Ctrl+Shift+I", self.import_file)
        self.export_action = new_action(self, "&Export…", "Ctrl+E", self.export_file)
        self.backups_action = new_action(
            self, "&Backups…", None, lambda: dialogs.show_backups(self, services, self.go_home)
        )
        self.check_media_action = new_action(
            self, "Check &media…", None, lambda: dialogs.check_media(self, services)
        )
        self.quit_action = new_action(self, "&Quit", "Ctrl+Q", self.close, app_wide=True)
        # Ctrl+Z is the rooms' own key where they have one (study, browser, stories); here
        # it serves the rooms without (home, summary, statistics) and names what it undoes.
        self.undo_action = new_action(self, "&Undo", "Ctrl+Z", self.undo)
        self.undo_action.setProperty("shortcutContext", WIDGET_WITH_CHILDREN)
        self.home.addAction(self.undo_action)
        self.decks_action = new_action(self, "&Decks", "Ctrl+1", self.go_home)
        self.stories_action = new_action(self, "My &stories", "Ctrl+2", self.go_stories)
        self.browse_action = new_action(self, "&Browse cards", "Ctrl+3", self.go_browser)
        self.statistics_action = new_action(self, "S&tatistics", "Ctrl+4", self.go_statistics)
        # Ctrl+N adds a card from anywhere: it opens the browser with a blank card.
        self.add_action = new_action(self, "&Add card…", "Ctrl+N", self.add_card, app_wide=True)
        self.shortcuts_action = new_action(
            self, "&Keyboard shortcuts", "Ctrl+/", lambda: dialogs.shortcuts(self)
        )
        self.guide_action = new_action(self, "User &guide", "F1", lambda: dialogs.user_guide(self))
        about = new_action(self, f"About Keeper {__version__}", None, self._about)
        # Shortcuts work while the menu bar is hidden or closed.
        self.addActions([self.browse_action, self.add_action, *self.manage.actions])
        self._home_counts = HomeCounts(services, self.home)
        self.changes_arrived.connect(self._route)
        services.undo.listen(self.changes_arrived.emit)
        self._show_undo_label()

        self.file_menu = self._menu(
            "&File",
            [self.build_cards_action, self.import_action, self.export_action, self.backups_action],
            [self.manage.settings_action],
            [self.quit_action],
        )
        self.edit_menu = self._menu("&Edit", [self.undo_action])
        go = [self.decks_action, self.stories_action, self.browse_action, self.statistics_action]
        self.go_menu = self._menu("&Go", go)
        self.cards_menu = self._menu(
            "&Cards",
            [self.add_action, self.browse_action, *self.manage.deck_actions],
            [self.check_media_action],
        )
        self.help_menu = self._menu("&Help", [self.guide_action, self.shortcuts_action, about])
        self.manage.apply_saved()
        self.go_home()

    def _menu(self, title: str, *groups: list[QAction]) -> QMenu:
        """A menu of the menu bar: groups of actions, a separator between two groups."""
        menu = self.menuBar().addMenu(title)
        for index, group in enumerate(groups):
            if index:
                menu.addSeparator()
            menu.addActions(group)
        return menu

    # Rooms, built on first visit --------------------------------------------------------

    @property
    def study(self) -> StudyView:
        if self._study is None:
            from trainer.ui.room_builders import build_study

            self._study = self._add_room(build_study(self, self._two_button_answers))
        return self._study

    @property
    def summary(self) -> SummaryView:
        if self._summary is None:
            from trainer.ui.room_builders import build_summary

            self._summary = self._add_room(build_summary(self), own_undo=False)
        return self._summary

    @property
    def stories(self) -> StoriesView:
        if self._stories is None:
            from trainer.ui.room_builders import build_stories

            self._stories = self._add_room(build_stories(self))
        return self._stories

    @property
    def browser(self) -> BrowserView:
        if self._browser is None:
            from trainer.ui.room_builders import build_browser

            self._browser = self._add_room(build_browser(self))
        return self._browser

    @property
    def statistics(self) -> StatisticsView:
        if self._statistics is None:
            from trainer.ui.room_builders import build_statistics

            self._statistics = self._add_room(build_statistics(self), own_undo=False)
        return self._statistics

    def rooms_ahead(self) -> Iterator[object]:
        """Builds the rooms of `ROOMS_BUILT_AHEAD` not built yet, each in a turn of its own."""
        for name in ROOMS_BUILT_AHEAD:
            yield NEW_TURN
            getattr(self, name)
            yield NEW_TURN

    def showing(self, room: QWidget | None) -> bool:
        """Whether `room` is on screen; pass a room not built yet as None."""
        return room is not None and self.rooms.currentWidget() is room

    def _add_room(self, room: Room, *, own_undo: bool = True) -> Room:
        self.rooms.addWidget(room)
        if not own_undo:  # the window's Ctrl+Z serves it
            room.addAction(self.undo_action)
        return room

    def set_answer_layout(self, two_buttons: bool) -> None:
        """Pass/fail answer keys (Settings), for the study room now or once it is built."""
        self._two_button_answers = two_buttons
        if self._study is not None:
            self._study.set_answer_layout(two_buttons)

    # Actions -----------------------------------------------------------------------------

    def import_file(self) -> None:
        if self._stories is not None:
            # A story's autosave would otherwise write beside the import's long transaction.
            self._stories.save_now()
        window_dialogs.import_file(self, self.services)

    def export_file(self) -> None:
        window_dialogs.export_file(self, self.services)

    def refresh(self) -> None:
        """Re-read what the home screen shows (after a session, an import, an edit)."""
        self._home_counts.show()  # with an interview date, the plan's counts land later
        self.home.show_clock_behind(self.services.study.clock_behind())
        self.home.today.show_today(self.services.stats.today(), self.services.plan.countdown())

    # Undo and what changed ---------------------------------------------------------------

    def undo(self) -> None:
        """Edit > Undo <label>: the newest step of the one undo queue, in any room; a room
        with its own Ctrl+Z undoes its way (the browser saves its editor first...)."""
        for room in (self._study, self._browser, self._stories):
            if room is not None and self.showing(room):
                room.undo()
                return
        try:
            self.services.undo.undo_step()
        except Exception as error:  # noqa: BLE001 - the step stays: say so, change nothing
            from trainer.ui import messages

            messages.warning(self, "Keeper", f"Not undone: {' '.join(str(error).split())}")

    def _route(self, changes: Changes) -> None:
        """Hand what changed to the rooms that show it; hidden rooms re-read when shown."""
        self._show_undo_label()
        if self.rooms.currentWidget() is self.home:
            self._refresh_home(changes)
        for room in (self._browser, self._stories, self._study):
            if room is not None:
                room.apply_changes(changes)
        studying = self._study.session if self._study is not None else None
        studied = studying.current if studying is not None else None
        if studied is not None and studied.id in changes.card_ids:  # edited, or undone
            edited = self.services.browse.card(studied.id)
            if edited is not None:
                self.study.show_edited(edited)
        if self.showing(self._statistics) and (
            changes.reviews or changes.settings or changes.everything
        ):
            self.statistics.refresh()
        session = self._study.session if self._study is not None else None
        if self.showing(self._summary) and session is not None and session.current is not None:
            self.rooms.setCurrentWidget(self.study)  # a grade undone: its card is back
            self.study.setFocus()

    def _show_undo_label(self) -> None:
        label = self.services.undo.next_label
        self.undo_action.setText(f"&Undo {label.replace('&', '&&')}" if label else "&Undo")
        self.undo_action.setEnabled(label is not None)

    def _refresh_home(self, changes: Changes) -> None:
        """Only what the change can move: the deck counts, today's figures, the countdown."""
        if changes.everything:
            self.refresh()
            return
        if changes.card_ids or changes.deck_ids or changes.reviews:
            self._home_counts.show()
        if changes.reviews:
            self.home.show_clock_behind(self.services.study.clock_behind())
        if changes.reviews or changes.settings:  # the countdown's interview dates are settings
            self.home.today.show_today(self.services.stats.today(), self.services.plan.countdown())

    def go_home(self) -> None:
        self.refresh()
        self.rooms.setCurrentWidget(self.home)
        self.home.focus_study_now()

    def go_stories(self) -> None:
        self.rooms.setCurrentWidget(self.stories)
        self.stories.enter()

    def open_story_for(self, question: str) -> None:
        """S on a spoken card: the story that answers its question, or a new draft of one."""
        story = self.services.stories.for_question(question)
        if story.id is not None:
            self.rooms.setCurrentWidget(self.stories)
            self.stories.show_story(story.id)

    def go_browser(self) -> None:
        self.rooms.setCurrentWidget(self.browser)
        self.browser.enter()

    def add_card(self) -> None:
        if not self.showing(self.browser):
            self.go_browser()
        self.browser.start_new_card()

    def _decks_changed(self) -> None:
        """After Manage decks or a deck's options: the room on screen shows them again."""
        if self.showing(self._browser):
            self.browser.enter()
        elif self.showing(self.home):
            self.refresh()

    def go_statistics(self) -> None:
        self.rooms.setCurrentWidget(self.statistics)
        self.statistics.enter()

    def start_study(self, deck_id: DeckId | None) -> None:
        self._studied_deck = deck_id
        session = self._start_session(deck_id)
        if session is None:
            return
        self.rooms.setCurrentWidget(self.study)
        self.study.start(session)

    def _start_session(self, deck_id: DeckId | None) -> StudySession | None:
        """Today's session. With an interview date set, today's reviews come from the
        interview plan, which takes seconds on a big collection."""
        from trainer.core.study_days import study_date
        from trainer.ui.session_gathering import gather_session

        study, plan = self.services.study, self.services.plan
        planned = plan.interview_dates().upcoming(study_date(self.services.clock(), plan.zone))
        return gather_session(
            self,
            "Planning today's reviews for your interview..."
            if planned
            else "Gathering today's cards...",
            lambda: study.start_session(deck_id),
        )

    def start_extra_study(self, kind: str, count: int) -> None:
        from trainer.services.study_service import ExtraStudy
        from trainer.ui.session_gathering import gather_session

        deck, study = self._studied_deck, self.services.study
        session = gather_session(
            self,
            "Gathering the cards...",
            lambda: study.start_extra_session(deck, ExtraStudy(kind, count)),
        )
        if session is None:
            return
        if session.current is None:
            self.summary.say("Nothing to study that way now.")
            return
        self.rooms.setCurrentWidget(self.study)
        self.study.start(session)

    def show_summary(self, summary: SessionSummary) -> None:
        deck = self._studied_deck
        name = next((d.name for d in self.services.decks.decks() if d.id == deck), None)
        self.summary.show_summary(
            summary, self.services.study.next_due(deck), name, self.services.clock()
        )
        self.rooms.setCurrentWidget(self.summary)
        self.summary.setFocus()

    def _about(self) -> None:
        window_dialogs.about(self, self.data_dir)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:  # an override, not an event filter: no Python call per event
            self._painted = True
            QTimer.singleShot(0, self.first_painted.emit)  # after this paint, children included

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        # Focus set while hidden is dropped; give "Study now" the keyboard once visible.
        if self.rooms.currentWidget() is self.home:
            self.home.focus_study_now()
