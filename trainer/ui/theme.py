"""Light and dark looks, following the system unless the user chose one."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from trainer.resources import resource_path
from trainer.services.settings_service import AppSettings

LIGHT, DARK, SYSTEM = "light", "dark", "system"

_COLORS = {
    LIGHT: {
        "window": "#f6f7f9", "base": "#ffffff", "alternate": "#f0f2f5", "text": "#1d232b",
        "subtle": "#5d6875", "accent": "#c8102e", "accent_text": "#ffffff", "border": "#d9dee4",
        "button": "#ffffff", "highlight": "#f3d2d8",
    },
    DARK: {
        "window": "#16191d", "base": "#1e2227", "alternate": "#23282e", "text": "#e7eaee",
        "subtle": "#9aa4af", "accent": "#e5484d", "accent_text": "#ffffff", "border": "#333a42",
        "button": "#262b31", "highlight": "#5a2328",
    },
}  # fmt: skip


_system_window_colour: list[QColor] = []  # from the platform's palette, before Keeper sets its


def system_is_dark(app: QApplication) -> bool:
    """Whether the system's colours are dark, from the palette the platform gave the app.

    Qt makes that palette dark when the system's colour scheme is dark (as does a dark
    desktop theme). `styleHints().colorScheme()` would say it too, but would load the whole
    `Qt` namespace before the first paint (see `lean_qt`)."""
    if not _system_window_colour:
        _system_window_colour.append(app.palette().color(QPalette.ColorRole.Window))
    return _system_window_colour[0].lightness() < 128


def apply_theme(
    app: QApplication, choice: str = SYSTEM, card_font_size: int = AppSettings().card_font_size
) -> str:
    """Style the whole app; returns the look applied ('light' or 'dark').

    `card_font_size`: the size of card text (points, from Settings). The default size is
    written the same way as any other, so the defaults applied again leave the style sheet
    as it was (a changed sheet restyles every widget: 0.4 s at 100,000 cards)."""
    system_dark = system_is_dark(app)  # before the first setPalette below hides the system's
    look = choice if choice in (LIGHT, DARK) else (DARK if system_dark else LIGHT)
    colors = _COLORS[look]
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "window",
        QPalette.ColorRole.Base: "base",
        QPalette.ColorRole.AlternateBase: "alternate",
        QPalette.ColorRole.Text: "text",
        QPalette.ColorRole.WindowText: "text",
        QPalette.ColorRole.ButtonText: "text",
        QPalette.ColorRole.Button: "button",
        QPalette.ColorRole.Highlight: "highlight",
        QPalette.ColorRole.HighlightedText: "text",
        QPalette.ColorRole.PlaceholderText: "subtle",
        QPalette.ColorRole.ToolTipBase: "base",
        QPalette.ColorRole.ToolTipText: "text",
    }
    for role, name in roles.items():
        palette.setColor(role, QColor(colors[name]))
    # The same look again (Settings cancelled, or OK without a change) changes nothing:
    # setting either anew restyles every widget built (a fifth of a second at 100k cards).
    if palette != app.palette():
        app.setPalette(palette)
    template = resource_path("styles", "keeper.qss").read_text(encoding="utf-8")
    template = template.replace("@styles", resource_path("styles").as_posix())
    template = template.replace("@card_font_size", f"{int(card_font_size)}pt")
    for name, value in sorted(colors.items(), key=lambda item: -len(item[0])):
        template = template.replace(f"@{name}", value)
    if template != app.styleSheet():
        app.setStyleSheet(template)
    return look
