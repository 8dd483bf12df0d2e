"""Arrows for combo and spin boxes in forms: the app's style sheet frames those boxes, which
hides Qt's own arrows, so forms set these."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from trainer.resources import resource_path

_STYLE = """
QComboBox::drop-down { border: none; width: 26px; }
QComboBox::down-arrow { image: url("@chevron"); width: 12px; height: 12px; }
QSpinBox, QDoubleSpinBox { padding-right: 24px; }
QSpinBox::up-button, QDoubleSpinBox::up-button,
QSpinBox::down-button, QDoubleSpinBox::down-button {
    subcontrol-origin: border; width: 22px; border: none; background: transparent;
}
QSpinBox::up-button, QDoubleSpinBox::up-button { subcontrol-position: top right; }
QSpinBox::down-button, QDoubleSpinBox::down-button { subcontrol-position: bottom right; }
QSpinBox::up-arrow, QDoubleSpinBox::up-arrow { image: url("@up"); width: 8px; height: 6px; }
QSpinBox::down-arrow, QDoubleSpinBox::down-arrow { image: url("@down"); width: 8px; height: 6px; }
"""


def style_form(widget: QWidget) -> None:
    images = {
        "@chevron": "chevron-down.svg",
        "@up": "spin-up.svg",
        "@down": "spin-down.svg",
    }
    style = _STYLE
    for name, file in images.items():
        style = style.replace(name, resource_path("styles", file).as_posix())
    widget.setStyleSheet(style)
