"""The coach's findings as a list beside the text; activating one points at its span."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from trainer.core.coach import RULES_BY_ID
from trainer.core.stories import STORY_RULES_BY_ID, WHOLE_STORY, StoryFinding
from trainer.ui.safe_text import SafeTextDocument, plain_tooltip

FINDING_ROLE = Qt.ItemDataRole.UserRole
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
PADDING = 8
FIELD_NAMES = {
    "situation": "Situation",
    "decision": "Decision",
    "risk": "Risk",
    "outcome": "Outcome",
    "post_mortem": "Post-mortem",
    "changes": "Changes",
    WHOLE_STORY: "Whole story",
    "answer": "Your version",
}


def rule_title(rule: str) -> str:
    info = RULES_BY_ID.get(rule) or STORY_RULES_BY_ID.get(rule)
    return info.title if info else rule


def finding_html(finding: StoryFinding, excerpt: str, subtle: str) -> str:
    field = FIELD_NAMES.get(finding.field, finding.field)
    parts = [
        f"<b>{escape(rule_title(finding.rule))}</b>"
        f" <span style='color:{subtle}'>· {escape(field)}</span>"
    ]
    if excerpt:
        parts.append(f"<i>“{escape(excerpt)}”</i>")
    parts.append(f"<span style='color:{subtle}'>{escape(finding.message)}</span>")
    parts.append(f"<b>Try:</b> {escape(finding.suggestion)}")
    return "<br>".join(parts)


class _FindingDelegate(QStyledItemDelegate):
    """Paints each finding as a small wrapped rich-text paragraph."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex, width: int
    ) -> QTextDocument:
        document = SafeTextDocument()  # its HTML is escaped; this is the second lock
        document.setDefaultFont(option.font)
        document.setHtml(index.data(HTML_ROLE) or "")
        document.setTextWidth(max(80, width - 2 * PADDING))
        return document

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        option.text = ""
        widget = option.widget
        style = widget.style() if widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        document = self._document(option, index, option.rect.width())  # type: ignore[arg-type]
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(
            QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.Text)
        )
        painter.save()
        painter.translate(option.rect.topLeft() + QPoint(PADDING, PADDING))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(  # noqa: N802 - Qt override
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        view = option.widget
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else 240
        document = self._document(option, index, width)  # type: ignore[arg-type]
        return QSize(width, int(document.size().height()) + 2 * PADDING)


class FindingsPanel(QListWidget):
    """Lists findings; a click or Enter on one emits it so the editor can select its text."""

    finding_activated = Signal(object)  # StoryFinding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findings")
        self.setItemDelegate(_FindingDelegate(self))
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemClicked.connect(self._activate)
        self.itemActivated.connect(self._activate)
        self._empty_text = "No findings."
        self._shown: list[tuple[StoryFinding, str]] | None = None

    def set_empty_text(self, text: str) -> None:
        if text != getattr(self, "_empty_text", None):
            self._empty_text = text
            self._shown = None  # drawn afresh by the next show_findings

    @property
    def findings(self) -> list[StoryFinding]:
        return [finding for finding, _excerpt in self._shown or []]

    def show_findings(self, findings: Sequence[StoryFinding], texts: dict[str, str]) -> None:
        """Replace the list; `texts` maps a field to its text, for the flagged excerpts."""
        shown = [(f, texts.get(f.field, "")[f.start : f.end]) for f in findings]
        if shown == self._shown:
            return
        self._shown = shown
        subtle = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        scrolled = self.verticalScrollBar().value()
        self.clear()
        if not findings:
            item = QListWidgetItem()
            item.setData(
                HTML_ROLE, f"<span style='color:{subtle}'>{escape(self._empty_text)}</span>"
            )
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)
            return
        for finding, excerpt in shown:
            item = QListWidgetItem()
            item.setData(FINDING_ROLE, finding)
            item.setData(HTML_ROLE, finding_html(finding, excerpt, subtle))
            item.setToolTip(plain_tooltip(finding.suggestion) or "")
            self.addItem(item)
        self.verticalScrollBar().setValue(scrolled)

    def _activate(self, item: QListWidgetItem) -> None:
        finding = item.data(FINDING_ROLE)
        if finding is not None:
            self.finding_activated.emit(finding)
