"""The story editor: one field per part of the story, coached as you type.

The editor only edits; it never saves. It tells its listeners when the user changed
something and what the coach found, and the Stories room saves and lists.

Those two notices fire on every keystroke, so they are plain Python callbacks, not Qt
signals: PySide6 6.12's `SignalInstance.emit()` drops a reference to `True` on each call,
and a few thousand emits abort the interpreter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from trainer.core.stories import (
    FAST_WPM,
    SLOW_WPM,
    SPOKEN_FIELDS,
    WHOLE_STORY,
    Story,
    StoryFinding,
    coach_story,
    speaking_seconds,
    word_count,
)
from trainer.resources import resource_path
from trainer.ui.stories.coach_highlighter import CoachHighlighter, utf16_offset
from trainer.ui.stories.field_edit import FieldEdit

DEFAULT_TARGET_MINUTES = 2.0
# Label and placeholder of each spoken field, in the order the story is told.
SPOKEN_LABELS = {
    "situation": ("Situation", "Where you were and what was at stake, in two sentences."),
    "decision": (
        "The decision I made",
        "First person, your own call: 'I decided to ... because ...'.",
    ),
    "risk": ("The risk I took", "What could go wrong, and how you capped it."),
    "outcome": (
        "What happened, with numbers",
        "'Sign-ups fell 22% in two weeks, so I ...'.",
    ),
    "post_mortem": (
        "Post-mortem",
        "Your logic at the time, and what you misread. Not bad luck: your reasoning.",
    ),
    "changes": ("What I do differently now", "The habit you changed because of it."),
}
_TAG_SPLIT = re.compile(r"[,\s]+")


def format_seconds(seconds: float) -> str:
    """0:42, 12:05; from an hour on 2:00:00 (a clock left running), not 120:00."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    if hours:
        return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
    return f"{seconds // 60}:{seconds % 60:02d}"


def _spin_style() -> str:
    """Arrows for the target spin box (the app's flat spin box style hides Fusion's)."""
    up = resource_path("styles", "spin-up.svg").as_posix()
    down = resource_path("styles", "spin-down.svg").as_posix()
    return (
        "QDoubleSpinBox { padding-right: 20px; }"
        "QDoubleSpinBox::up-button, QDoubleSpinBox::down-button { subcontrol-origin: border;"
        " width: 18px; border-left: 1px solid palette(alternate-base); }"
        "QDoubleSpinBox::up-button { subcontrol-position: top right; }"
        "QDoubleSpinBox::down-button { subcontrol-position: bottom right; }"
        f"QDoubleSpinBox::up-arrow {{ image: url({up}); width: 8px; height: 6px; }}"
        f"QDoubleSpinBox::down-arrow {{ image: url({down}); width: 8px; height: 6px; }}"
    )


def parse_tags(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tag for tag in _TAG_SPLIT.split(text) if tag))


class StoryEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storyEditor")
        self._story: Story | None = None
        self._loading = False  # while fields are filled or re-highlighted: not the user
        self._dirty = False
        self.on_edited: list[Callable[[], object]] = []
        self.on_findings: list[Callable[[list[StoryFinding]], object]] = []
        self.findings: list[StoryFinding] = []

        # Made top-down, each widget in its final parent (see StoriesView: a widget moved
        # into another restyles its whole subtree under the app's style sheet).
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        header = QHBoxLayout()
        layout.addLayout(header)
        self.scroll_area = QScrollArea(self)  # not `scroll`: QWidget.scroll is a method
        layout.addWidget(self.scroll_area, stretch=1)
        footer = QHBoxLayout()
        layout.addLayout(footer)
        form = QWidget()
        form.setObjectName("storyForm")
        self.scroll_area.setWidget(form)  # still empty: nothing to restyle
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.title = QLineEdit(self)
        self.title.setObjectName("storyTitle")
        self.title.setPlaceholderText("Title: the story in a few words")
        self.rehearse_button = QPushButton("Rehearse", self)
        self.rehearse_button.setToolTip(
            "Say the story aloud against the clock, then grade it (Ctrl+R)"
        )
        # Ctrl+R reaches it; in the Tab chain it sat between the title and the text, where a
        # Space meant for the text started a rehearsal.
        self.rehearse_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header.addWidget(self.title, stretch=1)
        header.addWidget(self.rehearse_button)

        column = QVBoxLayout(form)
        column.setContentsMargins(2, 2, 10, 2)
        column.setSpacing(4)
        self.questions = FieldEdit(
            "Tell me about a calculated risk that failed.", min_lines=1, parent=form
        )
        self._add(column, "Questions it answers (one per line)", self.questions)
        self.fields: dict[str, FieldEdit] = {}
        self.highlighters: dict[str, CoachHighlighter] = {}
        for name in SPOKEN_FIELDS:
            edit = FieldEdit(SPOKEN_LABELS[name][1], min_lines=2, parent=form)
            edit.setObjectName(f"field_{name}")
            self.fields[name] = edit
            self.highlighters[name] = CoachHighlighter(edit.document())
            self._add(column, SPOKEN_LABELS[name][0], edit)
        self.tags = QLineEdit(form)
        self.tags.setPlaceholderText("failure, pricing")
        self._add(column, "Tags", self.tags)
        column.addStretch()

        self.stats = QLabel(self)
        self.stats.setObjectName("subtle")
        self.stats.setWordWrap(True)
        self.stats.setMinimumWidth(80)
        self.stats.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.target = QDoubleSpinBox(self)
        self.target.setObjectName("targetMinutes")
        self.target.setStyleSheet(_spin_style())
        self.target.setRange(0.5, 10.0)
        self.target.setSingleStep(0.5)
        self.target.setDecimals(1)
        self.target.setPrefix("target ")
        self.target.setSuffix(" min")
        self.target.setValue(DEFAULT_TARGET_MINUTES)
        self.target.setToolTip("How long you want the story to take, spoken")
        self.target.setFixedWidth(130)
        footer.addWidget(self.stats, stretch=1)
        footer.addWidget(self.target)

        chain = [self.title, self.questions, *self.fields.values(), self.tags, self.target]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)  # the order of the page, top to bottom

        self.title.textEdited.connect(self._changed)
        self.tags.textEdited.connect(self._changed)
        self.target.valueChanged.connect(self._changed)
        for edit in (self.questions, *self.fields.values()):
            edit.textChanged.connect(self._changed)
        self.setEnabled(False)

    # What the room asks of the editor ------------------------------------------------------

    @property
    def story_id(self) -> int | None:
        return self._story.id if self._story else None

    @property
    def dirty(self) -> bool:
        """Changed since it was loaded or last saved."""
        return self._dirty

    def load(self, story: Story | None) -> None:
        """Show a story (fields' undo histories start afresh), or nothing."""
        self._loading = True
        try:
            self._story = story
            self._dirty = False
            empty = story or Story(None, "", "", "", "", "", "", "", "", (), 120)
            self.title.setText(empty.title)
            self.title.setCursorPosition(0)  # show a long title from its start
            self.questions.setPlainText(empty.questions)
            for name, edit in self.fields.items():
                edit.setPlainText(getattr(empty, name))
            self.tags.setText(", ".join(empty.tags))
            self.target.setValue(empty.target_seconds / 60)
        finally:
            self._loading = False
        self.setEnabled(story is not None)
        self._recoach()

    def story(self) -> Story | None:
        """The story as the fields have it now."""
        if self._story is None:
            return None
        spoken: dict[str, Any] = {name: edit.toPlainText() for name, edit in self.fields.items()}
        return replace(
            self._story,
            title=self.title.text().strip(),
            questions=self.questions.toPlainText(),
            tags=parse_tags(self.tags.text()),
            target_seconds=round(self.target.value() * 60),
            **spoken,
        )

    def mark_saved(self, story: Story) -> None:
        self._story = story
        self._dirty = False

    def set_title(self, title: str) -> None:
        """Show a title changed elsewhere (a rename in the list), without marking a change."""
        if self._story is not None:
            self._story = replace(self._story, title=title)
        if self.title.text().strip() != title:
            self._loading = True
            self.title.setText(title)
            self._loading = False

    def texts(self) -> dict[str, str]:
        return {name: edit.toPlainText() for name, edit in self.fields.items()}

    def select_finding(self, finding: StoryFinding) -> None:
        """Put the keyboard in the finding's field with its flagged words selected."""
        edit = self.fields.get(finding.field)
        if edit is None:
            if finding.field == WHOLE_STORY:
                self.target.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        text = edit.toPlainText()
        cursor = edit.textCursor()
        cursor.setPosition(utf16_offset(text, min(finding.start, len(text))))
        if finding.end > finding.start:
            cursor.setPosition(
                utf16_offset(text, min(finding.end, len(text))), QTextCursor.MoveMode.KeepAnchor
            )
        edit.setTextCursor(cursor)
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll_area.ensureWidgetVisible(edit, 0, 40)

    def focus_title(self) -> None:
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)
        self.title.selectAll()

    # Inside ------------------------------------------------------------------------------

    def _add(self, column: QVBoxLayout, label: str, field: QWidget) -> None:
        caption = QLabel(label, field.parentWidget())
        caption.setObjectName("fieldLabel")
        caption.setWordWrap(True)  # a long caption wraps in a narrow column, not cut off
        caption.setBuddy(field)
        column.addSpacing(6)
        column.addWidget(caption)
        column.addWidget(field)

    def _changed(self, *_: object) -> None:
        if self._loading:
            return
        self._dirty = True
        self._recoach()
        for listener in self.on_edited:
            listener()

    def _recoach(self) -> None:
        story = self.story()
        self.findings = coach_story(story) if story is not None else []
        loading, self._loading = self._loading, True  # re-highlighting emits textChanged
        try:
            for name, highlighter in self.highlighters.items():
                spans = [(f.start, f.end) for f in self.findings if f.field == name]
                highlighter.set_spans(self.fields[name].toPlainText(), spans)
        finally:
            self._loading = loading
        self._show_stats(story)
        for listener in self.on_findings:
            listener(self.findings)

    def _show_stats(self, story: Story | None) -> None:
        if story is None:
            self.stats.setText("")
            return
        fast, slow = speaking_seconds(story)
        verdict = {"too-long": "too long", "too-short": "too short"}
        status = next((verdict[f.rule] for f in self.findings if f.field == WHOLE_STORY), "fits")
        self.stats.setText(
            f"{word_count(story)} words ≈ {format_seconds(fast)}–{format_seconds(slow)} · {status}"
        )
        self.stats.setToolTip(
            f"Speaking time at {FAST_WPM} to {SLOW_WPM} words a minute, against the target time"
        )
