"""Practise rewriting: type a stronger version of a weak answer, then see what the coach says.

Shown by the study screen on the weak-answer cards of the built-in mistakes deck. While the
box has the keyboard it keeps every key a person types (Space, Enter, 1-4, Ctrl+Z), so the
study shortcuts do not fire; Esc or Ctrl+Enter hands the keyboard back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from trainer.core.cards import Card
from trainer.core.coach import coach
from trainer.core.stories import StoryFinding
from trainer.ui.stories.coach_highlighter import CoachHighlighter, utf16_offset
from trainer.ui.stories.findings_panel import FindingsPanel

MISTAKES_PREFIX = "builtin:mistakes."
WEAK_MARK = "Weak answer"
FIELD = "answer"
_EDITING_KEYS = (
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.SelectAll,
)
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def offers_rewrite(card: Card | None) -> bool:
    """A weak-answer card of the interview mistakes deck."""
    return card is not None and card.guid.startswith(MISTAKES_PREFIX) and WEAK_MARK in card.front


class RewriteEdit(QPlainTextEdit):
    """A text box that keeps typing keys from the window's shortcuts while it is editable."""

    leave = Signal()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and not self.isReadOnly():
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if self._is_typing(key_event):
                key_event.accept()  # deliver it here as a key press, not as a shortcut
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.key() == Qt.Key.Key_Escape or (enter and ctrl):
            self.leave.emit()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _is_typing(event: QKeyEvent) -> bool:
        if not event.modifiers() & _COMMAND_MODIFIERS:
            return True  # letters, digits, Space, Enter, Backspace, arrows, Esc
        return any(event.matches(key) for key in _EDITING_KEYS)


class RewritePanel(QWidget):
    """Before the answer: an optional box. After it: that text, highlighted, and findings."""

    leave = Signal()  # the box gives the keyboard back to the study screen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rewritePanel")
        self._card_id: int | None = None
        self.caption = QLabel()
        self.caption.setObjectName("fieldLabel")
        # One line: a wrapping label would make the study layout height-for-width, and that
        # squeezes the question card to its minimum.
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.edit = RewriteEdit()
        self.edit.setObjectName("rewrite")
        self.edit.setPlaceholderText("Your stronger version (optional)")
        self.edit.setTabChangesFocus(True)
        self.edit.leave.connect(self.leave)
        self.highlighter = CoachHighlighter(self.edit.document())
        self.findings = FindingsPanel()
        self.findings.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.findings.set_empty_text("The coach has nothing to flag: no weak patterns found.")
        self.findings.finding_activated.connect(self._select)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.edit, stretch=1)
        layout.addWidget(self.findings, stretch=2)
        # Take the space the study screen's stretch gives, not what the lists would like.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.setVisible(False)

    @property
    def text(self) -> str:
        return self.edit.toPlainText()

    def show_card(self, card: Card | None, revealed: bool) -> None:
        """Follow the study screen: a new card clears the box; revealing coaches it."""
        if not offers_rewrite(card):
            self._card_id = None
            self.setVisible(False)
            return
        assert card is not None
        if card.id != self._card_id:
            self._card_id = card.id
            self.edit.clear()
        if revealed:
            self._show_findings()
        else:
            self._show_box()

    def _show_box(self) -> None:
        self.caption.setText(
            "Your stronger version (optional): Tab to type, Esc or Ctrl+Enter when done"
        )
        self.edit.setReadOnly(False)
        self.edit.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.highlighter.set_spans(self.text, [])
        self.findings.setVisible(False)
        self.setVisible(True)

    def _show_findings(self) -> None:
        text = self.text
        if not text.strip():
            self.setVisible(False)
            return
        if self.edit.hasFocus():
            self.leave.emit()
        self.edit.setReadOnly(True)
        self.edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        findings = [
            StoryFinding(FIELD, f.rule, f.start, f.end, f.message, f.suggestion)
            for f in coach(text)
        ]
        self.highlighter.set_spans(text, [(f.start, f.end) for f in findings])
        self.findings.show_findings(findings, {FIELD: text})
        count = len(findings)
        self.caption.setText(
            f"Your version · {count} weak pattern{'s' if count != 1 else ''}"
            if count
            else "Your version · nothing weak found"
        )
        self.findings.setVisible(True)
        self.setVisible(True)

    def _select(self, finding: StoryFinding) -> None:
        text = self.text
        cursor = self.edit.textCursor()
        cursor.setPosition(utf16_offset(text, finding.start))
        cursor.setPosition(utf16_offset(text, finding.end), QTextCursor.MoveMode.KeepAnchor)
        self.edit.setTextCursor(cursor)
        self.edit.ensureCursorVisible()
