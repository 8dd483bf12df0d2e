"""At the window's first size and at its minimum, nothing a person reads is clipped."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.history_builder import build_history
from tests.ui.keys import press
from trainer.core.card_content import card_content
from trainer.core.clock import FixedClock
from trainer.core.study_days import study_date
from trainer.services.services import Services
from trainer.ui.main_window import MainWindow
from trainer.ui.theme import LIGHT, apply_theme


def clipped(widgets: list[QWidget]) -> list[str]:
    """The texts of the visible widgets narrower than the text they show."""
    return [
        widget.text()  # type: ignore[attr-defined]
        for widget in widgets
        if widget.isVisible() and widget.width() < widget.sizeHint().width()
    ]


@pytest.mark.parametrize("size", [(980, 680), (640, 480)])
def test_the_home_strip_shows_every_figure_whole(
    qtbot: QtBot, services: Services, data_dir: Path, size: tuple[int, int]
) -> None:
    apply_theme(QApplication.instance(), LIGHT)  # the app's own fonts and sizes, as users see
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    today = window.home.today
    assert window.width() == size[0]
    widgets = [*today.findChildren(QLabel), *today.findChildren(QPushButton)]
    assert clipped(widgets) == []
    if size[0] >= 980:  # wide enough: one line
        assert today.countdown.y() == today.studied.y()


@pytest.mark.parametrize("size", [(980, 680), (640, 480)])
def test_the_browser_buttons_stay_whole(
    qtbot: QtBot, services: Services, data_dir: Path, size: tuple[int, int]
) -> None:
    apply_theme(QApplication.instance(), LIGHT)
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    window.go_browser()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    buttons = list(window.browser.buttons.values())
    assert len(buttons) == 6
    assert clipped(buttons) == []  # type: ignore[arg-type]
    if size[0] >= 980:
        assert len({button.y() for button in buttons}) == 1  # one line when it fits


def test_the_session_summary_fits_the_smallest_window(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    from trainer.core.session import SessionSummary

    apply_theme(QApplication.instance(), LIGHT)
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.resize(640, 480)
    window.show()
    window.summary.show_summary(SessionSummary(6, 1, 60.0, (1, 0, 4, 1)), None, "Interview FAQ")
    window.rooms.setCurrentWidget(window.summary)
    qtbot.waitExposed(window)
    QApplication.processEvents()
    buttons = [window.summary.back_button, *window.summary.extra_buttons.values()]
    assert clipped(buttons) == []  # type: ignore[arg-type]
    squashed = [b.text() for b in buttons if b.height() < b.sizeHint().height()]
    assert squashed == []


def test_study_and_stories_fit_the_smallest_window(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    """Each room asks for no more than the window's 640 x 480 leaves it (less the menu bar);
    a room asking for more is drawn cut off at the window's edge."""
    apply_theme(QApplication.instance(), LIGHT)
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.resize(640, 480)
    window.show()
    window.start_study(None)
    window.study.reveal()
    window.go_stories()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    room_width = 640
    for room in (window.study, window.stories):
        assert room.minimumSizeHint().width() <= room_width, type(room).__name__


GUIDE = """# Our guide

## Mistakes to avoid

BAD: "We shipped it."
GOOD: "I shipped it, and retention rose 4%."

## Questions

### How long is the interview loop?

About four weeks and five conversations, one of them a written exercise.
"""
LONG_QUESTION = " ".join(["Why did the launch of the new pricing page miss its target?"] * 12)


def smallest_window(qtbot: QtBot, services: Services, data_dir: Path) -> MainWindow:
    apply_theme(QApplication.instance(), LIGHT)
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.resize(640, 480)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


def sideways(room: QWidget) -> list[str]:
    """The pages in `room` that scroll sideways (tables of columns may: they are tables)."""
    return [
        type(area).__name__
        for area in room.findChildren(QAbstractScrollArea)
        if area.isVisible()
        and not isinstance(area, QAbstractItemView)
        and area.horizontalScrollBar().isVisible()
    ]


@pytest.mark.parametrize("tab", ["progress", "plan", "model"])
def test_every_statistics_page_fits_the_smallest_window_without_sideways_scrolling(
    qtbot: QtBot, services: Services, data_dir: Path, clock: FixedClock, tab: str
) -> None:
    from trainer.ui.statistics.statistics_view import MODEL, PLAN, PROGRESS

    build_history(services, clock.now, days=60, extra_cards=10)
    services.plan.set_interview_date(study_date(clock.now) + timedelta(days=10))
    window = smallest_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.statistics.drawing, timeout=20_000)
    tabs = {"progress": PROGRESS, "plan": PLAN, "model": MODEL}
    window.statistics.tabs.setCurrentIndex(tabs[tab])
    QApplication.processEvents()
    page = window.statistics.tabs.currentWidget()
    assert window.size().toTuple() == (640, 480)
    assert sideways(window.statistics) == []
    assert cut_pages(window.statistics) == []
    tables = page.findChildren(QAbstractItemView)
    assert [t for t in tables if t.isVisible() and t.horizontalScrollBar().isVisible()] == []


def test_the_browser_fits_the_smallest_window_with_fields_a_person_can_read(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    window = smallest_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    browser = window.browser
    assert browser.minimumSizeHint().height() <= window.rooms.height()
    assert window.size().toTuple() == (640, 480)
    lines = browser.editor.back.fontMetrics().lineSpacing()
    for field in (browser.editor.front, browser.editor.back):
        assert field.viewport().height() >= 2.5 * lines  # more than a line or two
    assert sideways(browser) == []
    assert cut_pages(browser) == []


@pytest.mark.parametrize("dialog", ["settings", "guide builder", "shortcuts"])
def test_each_dialog_fits_the_smallest_window(
    qtbot: QtBot, services: Services, data_dir: Path, dialog: str
) -> None:
    from trainer.services.settings_service import AppSettings
    from trainer.ui.guide_builder_dialog import GuideBuilderDialog
    from trainer.ui.help_dialogs import ShortcutSheet
    from trainer.ui.settings_dialog import SettingsDialog

    window = smallest_window(qtbot, services, data_dir)
    opened = {
        "settings": lambda: SettingsDialog(AppSettings(), data_dir, parent=window),
        "guide builder": lambda: GuideBuilderDialog(services, window),
        "shortcuts": lambda: ShortcutSheet(window.menuBar(), window),
    }[dialog]()
    qtbot.addWidget(opened)
    if isinstance(opened, GuideBuilderDialog):  # with proposals, as a person sees it at work
        opened.source.setPlainText(GUIDE)
        opened.propose()
        opened.tree.expandAll()
    opened.show()
    opened.resize(min(opened.width(), 640), min(opened.height(), 480))  # as a window manager
    QApplication.processEvents()
    assert opened.width() <= 640 and opened.height() <= 480, opened.size()
    buttons = [b for b in opened.findChildren(QPushButton) if b.isVisible()]
    assert clipped(buttons) == []  # type: ignore[arg-type]
    assert [b.text() for b in buttons if b.height() < b.sizeHint().height()] == []
    assert sideways(opened) == []


def test_a_long_question_takes_the_room_and_a_short_one_leaves_it_to_the_answer(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    deck = services.decks.create("Long")
    services.card_edits.add(deck.id, card_content(LONG_QUESTION, "Short answer.", ""))
    window = smallest_window(qtbot, services, data_dir)
    window.start_study(deck.id)
    QApplication.processEvents()
    study = window.study
    front = study.front
    assert front.height() >= 0.55 * study.height()  # the question gets the empty room
    press(qtbot, Qt.Key.Key_Space)
    QApplication.processEvents()
    assert study.back.isVisible()
    assert study.back.height() >= 0.3 * study.height()  # the answer is not squeezed out

    short = services.decks.create("Short")
    services.card_edits.add(short.id, card_content("What is FSRS?", LONG_QUESTION, ""))
    window.start_study(short.id)
    QApplication.processEvents()
    needed = front.document().size().height()
    assert front.height() <= needed + 2 * front.frameWidth() + 24  # alone: no empty box
    bottom = study.reveal_button.mapTo(study, study.reveal_button.rect().bottomLeft()).y()
    assert bottom >= study.height() - 40  # the button stays at the foot of the room
    press(qtbot, Qt.Key.Key_Space)
    QApplication.processEvents()
    assert front.height() <= needed + 2 * front.frameWidth() + 24  # no empty box above
    assert study.back.height() > 2 * front.height()


def test_the_plan_table_shows_deck_names_whole_at_the_smallest_size(
    qtbot: QtBot, services: Services, data_dir: Path, clock: FixedClock
) -> None:
    from trainer.ui.statistics.statistics_view import PLAN

    build_history(services, clock.now, days=30, extra_cards=10)
    services.plan.set_interview_date(study_date(clock.now) + timedelta(days=10))
    window = smallest_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.statistics.drawing, timeout=20_000)
    window.statistics.tabs.setCurrentIndex(PLAN)
    QApplication.processEvents()
    table = window.statistics.plan.table
    names = [table.model().index(row, 0).data() for row in range(table.model().rowCount())]
    widest = max(table.fontMetrics().horizontalAdvance(name) for name in names)
    widths = [table.columnWidth(c) for c in range(6)]
    assert table.columnWidth(0) >= widest + 16, widths  # "Interview mistakes", not "De"


def cut_pages(room: QWidget) -> list[str]:
    """Pages (scroll areas that never scroll sideways) whose content is wider than what
    shows it: the right edge of every field and label in them is cut off."""
    from PySide6.QtWidgets import QScrollArea

    return [
        area.objectName() or type(area).__name__
        for area in room.findChildren(QScrollArea)
        if area.isVisible()
        and area.widget() is not None
        and area.widget().width() > area.viewport().width()
    ]


def test_the_story_editor_shows_its_fields_whole_at_the_smallest_size(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    from trainer.core.stories import Story

    services.stories.create(
        Story(
            id=None, title="The Canada trial change", questions="Tell me about a decision.",
            situation="A trial.", decision="We decided to wait.", risk="Sign-ups.",
            outcome="Fell 4%.", post_mortem="Too slow.", changes="Decide sooner.",
        )
    )  # fmt: skip
    window = smallest_window(qtbot, services, data_dir)
    press(qtbot, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert window.stories.editor.isVisible()
    assert cut_pages(window.stories) == []
