"""The "system" look follows the platform's palette, read before Keeper sets its own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from trainer.ui import theme


@pytest.fixture
def platform_window_colour(qapp: QApplication) -> Iterator[None]:
    """Forget the platform palette read so far; put the app's palette back afterwards."""
    kept, before = list(theme._system_window_colour), qapp.palette()
    theme._system_window_colour.clear()
    yield
    theme._system_window_colour[:] = kept
    qapp.setPalette(before)


@pytest.mark.parametrize(("window", "look"), [("#202124", "dark"), ("#efefef", "light")])
def test_system_follows_the_platform_palette_even_after_keeper_sets_its_own(
    qapp: QApplication, platform_window_colour: None, window: str, look: str
) -> None:
    platform = QPalette(qapp.palette())
    platform.setColor(QPalette.ColorRole.Window, QColor(window))
    qapp.setPalette(platform)  # what a light or dark desktop gives the app
    assert theme.apply_theme(qapp, theme.SYSTEM) == look
    other = theme.DARK if look == theme.LIGHT else theme.LIGHT
    assert theme.apply_theme(qapp, other) == other  # Keeper's own palette replaces it...
    assert theme.apply_theme(qapp, theme.SYSTEM) == look  # ...and "system" still knows
    expected = theme._COLORS[look]["window"]
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == expected
