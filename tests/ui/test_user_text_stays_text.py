"""User text looking like HTML stays text everywhere Keeper shows it (issue 16, item 10).

Labels, tooltips and message boxes take text that starts with a tag for HTML (Qt's
AutoText) and then read the files it names. Each test puts a name, title, query or file
name naming bait files (tests/ui/hostile_text.py) where a person would, shows it the way
Keeper does, and asks the kernel whether any bait file was opened. Message boxes are
painted and answered as they open.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.hostile_text import Bait
from trainer.core.browse import SortColumn
from trainer.core.card_content import card_content
from trainer.core.stories import Story
from trainer.core.study_days import study_date
from trainer.services.services import Services
from trainer.ui.browser_view import BrowserView
from trainer.ui.card_table_model import COLUMNS
from trainer.ui.decks_dialog import DecksDialog
from trainer.ui.exchange_actions import import_with_dialog
from trainer.ui.guide_builder_dialog import GuideBuilderDialog
from trainer.ui.main_window import MainWindow
from trainer.ui.statistics.plan_page import PlanPage
from trainer.ui.stories.rehearse_view import RehearseView
from trainer.ui.stories.stories_view import StoriesView

NAME = '<img src="relative.png">'  # short enough for a deck name, a tag-free title


@pytest.fixture
def boxes(qtbot: QtBot) -> Iterator[list[str]]:
    """Every message box is painted, its text recorded, and answered Yes, OK or with its
    default button."""
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            return
        box.repaint()
        seen.append(f"{box.text()}\n{box.informativeText()}")
        for choice in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Ok):
            if box.button(choice) is not None:
                box.button(choice).click()
                return
        box.defaultButton().click()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(answer)
    timer.start()
    yield seen
    timer.stop()


def paint_everything() -> None:
    QApplication.processEvents()
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.repaint()
    QApplication.processEvents()


def hover(view: QAbstractItemView, row: int, column: int) -> None:
    """What resting the mouse on a cell does: the view asks its model for the tooltip."""
    rect = view.visualRect(view.model().index(row, column))
    assert rect.isValid(), "the cell is not on screen"
    local = rect.center()
    event = QHelpEvent(QEvent.Type.ToolTip, local, view.viewport().mapToGlobal(local))
    QApplication.sendEvent(view.viewport(), event)
    paint_everything()


def window_at(qtbot: QtBot, services: Services, data_dir: Path) -> MainWindow:
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


def open_browser(qtbot: QtBot, window: MainWindow) -> BrowserView:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.browser.table.hasFocus())
    return window.browser


def test_the_browser_shows_a_cards_preview_and_tooltips_opening_nothing(
    qtbot: QtBot, services: Services, data_dir: Path, bait: Bait
) -> None:
    deck = services.decks.create(NAME)
    card_id = services.card_edits.add(deck.id, card_content(bait.line, bait.text, ["x"]))
    window = window_at(qtbot, services, data_dir)
    browser = open_browser(qtbot, window)
    row = next(r for r in range(browser.model.rowCount()) if browser.model.card_id(r) == card_id)
    browser.table.setCurrentIndex(browser.model.index(row, 0))  # the editor's preview shows it
    paint_everything()
    assert "cell" in browser.editor.preview.toPlainText()
    for column in (SortColumn.FRONT, SortColumn.DECK, SortColumn.TAGS):
        hover(browser.table, row, COLUMNS.index(column))
    assert bait.watch.opened() == []


def test_a_search_error_quoting_the_query_is_shown_as_text(
    qtbot: QtBot, services: Services, data_dir: Path, bait: Bait
) -> None:
    window = window_at(qtbot, services, data_dir)
    browser = open_browser(qtbot, window)
    browser.search.setText(f'is:"{NAME.replace(chr(34), chr(39))}"')  # quotes inside: '...'
    browser.run_search()
    paint_everything()
    assert "is not known" in browser.message.text()
    assert bait.watch.opened() == []


def test_studying_a_card_and_its_deck_name_opens_nothing(
    qtbot: QtBot, services: Services, data_dir: Path, bait: Bait
) -> None:
    deck = services.decks.create(NAME)
    services.card_edits.add(deck.id, card_content(bait.text, bait.text))
    window = window_at(qtbot, services, data_dir)
    window.start_study(deck.id)
    assert window.rooms.currentWidget() is window.study
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    paint_everything()
    assert "cell" in window.study.back.toPlainText()
    assert bait.watch.opened() == []


def test_deleting_a_deck_asks_and_reports_with_its_name_as_text(
    qtbot: QtBot, services: Services, bait: Bait, boxes: list[str]
) -> None:
    deck = services.decks.create(NAME)
    dialog = DecksDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reload(select=deck.id)
    dialog.delete()
    paint_everything()
    assert len(boxes) == 1 and NAME in boxes[0]
    assert NAME in dialog.status.text()
    assert bait.watch.opened() == []


def test_a_deck_name_on_the_interview_plan_is_text(
    qtbot: QtBot, services: Services, bait: Bait
) -> None:
    deck = services.decks.create(NAME)
    today = study_date(services.clock(), services.plan.zone)
    services.plan.set_interview_date(today + timedelta(days=10), deck.id)
    page = PlanPage()
    qtbot.addWidget(page)
    page.show()
    page.show_dates(services.study.overview(), services.plan.interview_dates(), today, 365)
    paint_everything()
    assert NAME in page.dates_line.text()
    assert bait.watch.opened() == []


def hostile_story(bait: Bait) -> Story:
    text = bait.text
    return Story(None, NAME, text, text, text, text, text, text, text)


def test_a_story_titled_like_html_is_renamed_deleted_and_rehearsed_as_text(
    qtbot: QtBot, services: Services, bait: Bait, boxes: list[str]
) -> None:
    story = services.stories.create(hostile_story(bait))
    view = StoriesView(services)
    qtbot.addWidget(view)
    view.resize(1180, 760)
    view.show()
    view.enter()
    paint_everything()
    assert view.ask_delete(story, 0) is not None
    assert len(boxes) == 1 and NAME in boxes[0]

    rehearse = RehearseView(services)
    qtbot.addWidget(rehearse)
    rehearse.show()
    rehearse.start(story)
    paint_everything()
    assert NAME in rehearse.caption.text()
    assert bait.watch.opened() == []


def test_importing_a_file_named_like_html_shows_its_name_as_text(
    qtbot: QtBot, services: Services, bait: Bait, boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = bait.folder.parent / f"{NAME}.csv"
    path.write_text("front,back\n", encoding="utf-8")
    answer = (str(path), "")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: answer))
    import_with_dialog(None, services)
    paint_everything()
    assert len(boxes) == 1 and NAME in boxes[0]
    assert bait.watch.opened() == []


def test_the_about_box_shows_a_data_folder_named_like_html_as_text(
    qtbot: QtBot, services: Services, bait: Bait, boxes: list[str]
) -> None:
    window = window_at(qtbot, services, bait.folder / NAME)
    window._about()
    assert len(boxes) == 1 and "About" not in boxes[0] and "Keeper" in boxes[0]
    assert bait.watch.opened() == []


def test_a_proposed_card_from_a_guide_shows_its_tooltip_as_text(
    qtbot: QtBot, services: Services, bait: Bait
) -> None:
    dialog = GuideBuilderDialog(services)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.source.setPlainText(f"# Guide\n\n## FAQ\n\n### {NAME} or not?\n\nAbout four weeks.\n")
    qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)
    tree = dialog.tree
    tree.expandAll()
    group = tree.model().index(0, 0)
    assert tree.model().rowCount(group) == 1
    rect = tree.visualRect(tree.model().index(0, 0, group))
    event = QHelpEvent(
        QEvent.Type.ToolTip, rect.center(), tree.viewport().mapToGlobal(rect.center())
    )
    QApplication.sendEvent(tree.viewport(), event)
    paint_everything()
    assert "relative.png" in tree.model().index(0, 0, group).data(Qt.ItemDataRole.ToolTipRole)
    assert bait.watch.opened() == []
