"""A page that fills its room and scrolls only below its minimum: in a short window each
part keeps lines enough to read instead of being squeezed to a sliver."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


class _FillingPage(QWidget):
    """Wrapped lines would make the scroll area size its page by height-for-width, that
    is at its preferred height, scrolling a page that fits: this page says it has none."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return False


def scroll_page(name: str) -> tuple[QScrollArea, QVBoxLayout]:
    """A frameless vertical scroll area, and the layout to put the page's parts in."""
    page = _FillingPage()
    page.setObjectName(name)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    holder = QWidget()  # the scroll area asks its widget's layout, which asks the page
    holder_layout = QVBoxLayout(holder)
    holder_layout.setContentsMargins(0, 0, 0, 0)
    holder_layout.addWidget(page)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the room's shortcuts
    area.setWidget(holder)
    return area, layout
