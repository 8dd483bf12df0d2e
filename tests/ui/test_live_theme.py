"""A theme changed while Keeper runs reaches every room at once, charts included."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QFrame
from pytestqt.qtbot import QtBot

from tests.ui.keys import press
from trainer.services.services import Services
from trainer.services.settings_service import AppSettings
from trainer.ui.main_window import MainWindow
from trainer.ui.theme import DARK, LIGHT


def panel_background(qtbot: QtBot, window: MainWindow) -> QColor:
    qtbot.waitUntil(lambda: not window.statistics.drawing, timeout=20_000)
    frame = window.statistics.progress.findChild(QFrame, "statBox")
    assert frame is not None
    return frame.grab().toImage().pixelColor(8, frame.height() // 2)


@pytest.mark.parametrize(("first", "then"), [(LIGHT, DARK), (DARK, LIGHT)])
def test_statistics_panels_follow_a_live_theme_switch(
    qtbot: QtBot, services: Services, data_dir: Path, first: str, then: str
) -> None:
    ctrl = Qt.KeyboardModifier.ControlModifier
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.manage.apply(AppSettings(theme=first))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, Qt.Key.Key_4, ctrl)
    assert window.showing(window.statistics)
    before = panel_background(qtbot, window)
    press(qtbot, Qt.Key.Key_1, ctrl)
    window.manage.apply(AppSettings(theme=then))  # what Settings' OK does
    press(qtbot, Qt.Key.Key_4, ctrl)
    after = panel_background(qtbot, window)
    text = QApplication.palette().color(QApplication.palette().ColorRole.WindowText)
    assert (after.lightness() < 128) == (then == DARK), (before.name(), after.name())
    assert abs(after.lightness() - text.lightness()) > 100  # the text reads on the panel
    for chart_view in window.statistics.progress.charts.values():
        background = chart_view.chart().backgroundBrush().color()  # type: ignore[attr-defined]
        assert (background.lightness() < 128) == (then == DARK)


@pytest.mark.parametrize("look", [LIGHT, DARK])
def test_an_unchecked_box_is_visible_on_its_field(qtbot: QtBot, look: str) -> None:
    """Fusion drew the dark look's check box frames in nearly the field's own colour."""
    from PySide6.QtWidgets import QCheckBox

    from trainer.ui.theme import apply_theme

    apply_theme(QApplication.instance(), look)  # type: ignore[arg-type]
    box = QCheckBox("Include my review history")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    image = box.grab().toImage()
    field = QApplication.palette().color(QApplication.palette().ColorRole.Window)
    indicator = [image.pixelColor(x, y) for x in range(2, 18) for y in range(image.height())]
    contrast = max(abs(c.lightness() - field.lightness()) for c in indicator)
    assert contrast > 60, contrast


def test_settings_closed_without_a_change_leave_the_rooms_unstyled_again(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    """Cancel (or OK with nothing changed) puts back the look already shown: no room is
    restyled (restyling every built room froze the window for a fifth of a second)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.manage.apply(services.settings.load())  # the look Settings opens with
    window.show()
    restyled: list[QEvent.Type] = []

    class Watch(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() in (QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
                restyled.append(event.type())
            return False

    watch = Watch()
    window.home.installEventFilter(watch)
    for answer in ("reject", "accept"):
        QTimer.singleShot(200, lambda a=answer: getattr(QApplication.activeModalWidget(), a)())
        window.manage.open_settings()
    assert window.isVisible()
    assert restyled == []


def test_settings_cancelled_on_the_look_keeper_starts_with_restyle_nothing(
    qtbot: QtBot, services: Services, data_dir: Path
) -> None:
    """A fresh start's look (the defaults, applied by `create_application` and no setting
    saved): Settings cancelled put back the same look written another way, the card size
    spelled out, and the whole app was restyled (0.4 s at 100,000 cards)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    from trainer.ui.application import create_application

    create_application()  # the look at start, as `keeper` makes it
    window = MainWindow(services, data_dir)
    qtbot.addWidget(window)
    window.manage.apply_saved()  # what the window does as it opens: nothing, for defaults
    window.show()
    restyled: list[QEvent.Type] = []

    class Watch(QObject):
        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() in (QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
                restyled.append(event.type())
            return False

    watch = Watch()
    window.home.installEventFilter(watch)
    QTimer.singleShot(200, lambda: QApplication.activeModalWidget().reject())  # type: ignore[union-attr]
    window.manage.open_settings()
    assert window.isVisible()
    assert restyled == []
