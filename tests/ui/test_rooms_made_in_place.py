"""Each room is made in its place in the window, each widget in its final parent: under the
app's style sheet, a widget moved into another makes Qt restyle its whole subtree again,
and a story field answers each restyle in Python (it re-fits its height). The stories
room, made bottom-up and then moved into the window, restyled each of its fields nine
times: 60-100 ms of its build at 100,000 cards, on the GUI thread."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from trainer.app import open_services
from trainer.ui.main_window import MainWindow
from trainer.ui.theme import apply_theme

FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


class _Restyles(QObject):
    """Counts the style changes each of the room's own text fields is told of."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: Counter[str] = Counter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.StyleChange
            and isinstance(watched, FIELDS)
            and not watched.objectName().startswith("qt_")  # Qt's own, inside a spin box
        ):
            self.counts[f"{type(watched).__name__} {watched.objectName()} {id(watched)}"] += 1
        return False


@contextmanager
def restyles_counted(app: QApplication) -> Iterator[_Restyles]:
    counter = _Restyles()
    app.installEventFilter(counter)
    try:
        yield counter
    finally:
        app.removeEventFilter(counter)


# Not yet: the study room restyles its spoken card's rewrite field twice. (The browser's
# card editor and the statistics room are checked widget by widget below.)
@pytest.mark.parametrize("room", ["stories", "summary"])
def test_building_a_room_restyles_no_text_field_twice(
    qtbot: QtBot, tmp_path: Path, room: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app)  # the app's style sheet, as Keeper runs: what makes a move restyle
    services = open_services(tmp_path / "d")
    window = MainWindow(services, tmp_path / "d")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        with restyles_counted(app) as restyles:
            getattr(window, room)
        twice = sorted(name for name, count in restyles.counts.items() if count > 1)
        assert twice == [], f"restyled more than once while the {room} room was built"
    finally:
        window.close()
        services.close()


class _AllRestyles(QObject):
    """Counts the style changes each widget is told of, by its C++ address (a widget still
    being constructed is told too; keeping its Python wrapper would keep the wrong type)."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: Counter[int] = Counter()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.StyleChange:
            self.counts[address(watched)] += 1
        return False


def address(widget: QObject) -> int:
    return int(shiboken6.getCppPointer(widget)[0])


def test_the_first_window_restyles_no_widget_of_the_home_room(qtbot: QtBot, tmp_path: Path) -> None:
    """The home is what start-up paints first: made in its place, its widgets are styled
    once, when shown, not each time their subtree is moved into the window."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app)
    services = open_services(tmp_path / "d")
    counter = _AllRestyles()
    app.installEventFilter(counter)
    try:
        window = MainWindow(services, tmp_path / "d")
    finally:
        app.removeEventFilter(counter)
    qtbot.addWidget(window)
    try:
        home = [window.home, *window.home.findChildren(QWidget)]
        restyled = sorted(
            f"{type(w).__name__} {w.objectName()}" for w in home if counter.counts[address(w)] > 1
        )
        assert restyled == [], "home widgets restyled more than once while the window was made"
    finally:
        window.close()
        services.close()


def restyled_twice(counter: _AllRestyles, top: QWidget) -> list[str]:
    """The widgets inside `top` styled more than once. Left out: `top` itself, which sets
    its own style sheet once it is made, in its place (its second styling), and a combo
    box's list, a window of its own that Qt makes and then moves into its popup."""
    return sorted(
        f"{type(w).__name__} {w.objectName()}"
        for w in top.findChildren(QWidget)
        if counter.counts[address(w)] > 1 and w.window() is top.window()
    )


@contextmanager
def themed_window(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[QApplication, MainWindow]]:
    """A main window under the app's theme, not shown (a window shown and closed here made
    a later test's key presses miss their window)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app)
    services = open_services(tmp_path / "d")
    window = MainWindow(services, tmp_path / "d")
    qtbot.addWidget(window)
    try:
        yield app, window
    finally:
        window.close()
        services.close()


def test_the_statistics_room_and_its_pages_restyle_no_widget_twice(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The room set its own style sheet once all its panels were made, and its pages made
    their boxes apart and then put them in place: each widget styled two to six times (294
    style changes for the room, 182 for the plan page, at 100,000 cards a turn of 50 ms)."""
    with themed_window(qtbot, tmp_path) as (app, window):
        for name, build in (
            ("room", lambda: window.statistics),
            ("plan page", lambda: window.statistics.plan),
            ("memory model page", lambda: window.statistics.model),
        ):
            counter = _AllRestyles()
            app.installEventFilter(counter)
            try:
                built = build()
            finally:
                app.removeEventFilter(counter)
            assert restyled_twice(counter, built) == [], f"the {name} restyled widgets twice"


def test_the_card_editor_restyles_no_widget_twice(qtbot: QtBot, tmp_path: Path) -> None:
    """The browser's editor made its fields apart and then laid them out, under its own
    style sheet (the arrows of its boxes): 30 of its widgets were styled two or three times."""
    with themed_window(qtbot, tmp_path) as (app, window):
        counter = _AllRestyles()
        app.installEventFilter(counter)
        try:
            browser = window.browser
        finally:
            app.removeEventFilter(counter)
        assert restyled_twice(counter, browser.editor) == []
