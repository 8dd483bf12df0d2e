"""How each room other than home is made and wired to the main window, on its first visit
(`MainWindow.study` and the like call these): each imports its room's module only then.

Each room is made inside the window's stack of rooms (`RoomHost.rooms`), not apart and then
added: moving a finished room into the stack made Qt restyle every widget in it again under
the app's style sheet (10-15 ms for the browser or the stories at a quiet moment)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStackedWidget

    from trainer.core.cards import Card
    from trainer.core.session import SessionSummary
    from trainer.services.services import Services
    from trainer.ui.browser_view import BrowserView
    from trainer.ui.statistics.statistics_view import StatisticsView
    from trainer.ui.stories.stories_view import StoriesView
    from trainer.ui.study_view import StudyView
    from trainer.ui.summary_view import SummaryView


class RoomHost(Protocol):
    """What the rooms ask of the main window."""

    services: Services
    rooms: QStackedWidget  # where each room is made

    def go_home(self) -> None: ...
    def open_story_for(self, question: str) -> None: ...
    def show_summary(self, summary: SessionSummary) -> None: ...
    def start_extra_study(self, kind: str, count: int) -> None: ...


def build_study(window: RoomHost, two_button_answers: bool) -> StudyView:
    from trainer.ui.study_view import StudyView

    services = window.services
    study = StudyView(services.study, window.rooms, voice=services.voice)
    study.set_answer_layout(two_button_answers)
    study.open_story.connect(window.open_story_for)
    study.sounds.autoplay = lambda: services.settings.load().autoplay_sounds
    study.finished.connect(window.show_summary)
    study.leave.connect(window.go_home)
    study.edit_card.connect(lambda card: _edit_studied_card(study, services, card))
    return study


def _edit_studied_card(study: StudyView, services: Services, card: Card) -> None:
    from trainer.ui.edit_card_dialog import EditCardDialog

    dialog = EditCardDialog(card, services.decks.decks(), services.card_edits, study.window())
    dialog.finished.connect(dialog.deleteLater)
    dialog.finished.connect(lambda: _back_to_study(study))
    dialog.open()


def _back_to_study(study: StudyView) -> None:
    study.activateWindow()  # without a window manager nothing else gives it back
    study.setFocus()  # (no Qt enum here: the first paint must not build `Qt`)


def build_summary(window: RoomHost) -> SummaryView:
    from trainer.ui.summary_view import SummaryView

    summary = SummaryView(window.rooms)
    summary.leave.connect(window.go_home)
    summary.extra_study.connect(window.start_extra_study)
    return summary


def build_stories(window: RoomHost) -> StoriesView:
    from trainer.ui.stories.stories_view import StoriesView

    # It saves itself when hidden (room change, close).
    stories = StoriesView(window.services, window.rooms)
    stories.leave.connect(window.go_home)
    return stories


def build_browser(window: RoomHost) -> BrowserView:
    from trainer.ui.browser_view import BrowserView

    browser = BrowserView(window.services, window.rooms)  # saves its editor when hidden
    browser.leave.connect(window.go_home)
    return browser


def build_statistics(window: RoomHost) -> StatisticsView:
    from trainer.ui.statistics.statistics_view import StatisticsView

    statistics = StatisticsView(window.services, window.rooms)
    statistics.leave.connect(window.go_home)
    return statistics
