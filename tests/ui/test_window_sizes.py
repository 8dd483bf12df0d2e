"""At the window's first size and at its minimum, nothing a person reads is clipped."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

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
