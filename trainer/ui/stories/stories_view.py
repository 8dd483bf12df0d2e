"""The Stories room: the list, the editor, the coach's findings, and rehearsing.

Autosave: every edit restarts a short single-shot timer; when it fires (or the room is
left, or the window closes) the story is written in one transaction. Renames and deletes
go through the shared undo history (Ctrl+Z while the list has focus).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from trainer.core.stories import SPOKEN_FIELDS, Story
from trainer.core.story_cards import display_title
from trainer.services.operations import Changes
from trainer.services.services import Services
from trainer.ui import messages
from trainer.ui.background import run_in_background
from trainer.ui.safe_text import plain
from trainer.ui.stories.delete_story_box import DeleteChoice, ask_delete_story
from trainer.ui.stories.findings_panel import FindingsPanel
from trainer.ui.stories.rehearse_view import RehearseView
from trainer.ui.stories.spoken_report_view import AttemptTrend
from trainer.ui.stories.story_editor import StoryEditor
from trainer.ui.stories.story_list_model import StoryListModel
from trainer.ui.wrap_row import WrapRow

AUTOSAVE_MS = 700


class StoriesView(QWidget):
    leave = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storiesView")
        self.services = services

        # Made top-down, each widget in its final parent: a widget moved into another
        # restyles its whole subtree under the app's style sheet, and this room made
        # bottom-up restyled its editor six times (30 ms of a 60-100 ms build).
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages)
        workspace = self.workspace = QWidget(self.pages)
        self.pages.addWidget(workspace)
        self._rehearse: RehearseView | None = None  # built on the first rehearsal
        workspace_layout = QVBoxLayout(workspace)
        workspace_layout.setContentsMargins(24, 20, 24, 20)
        self.splitter = QSplitter(workspace)
        workspace_layout.addWidget(self.splitter)
        side = QWidget(self.splitter)
        side.setObjectName("storySide")
        self.editor_stack = QStackedWidget(self.splitter)
        findings_box = QWidget(self.splitter)
        findings_box.setMinimumWidth(120)  # the three columns fit the window's 640 px
        for column in (side, self.editor_stack, findings_box):
            self.splitter.addWidget(column)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([210, 470, 300])
        self.splitter.setChildrenCollapsible(False)

        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel("My stories", side)
        self.heading.setObjectName("heading")
        self.model = StoryListModel(self)
        self.list = QListView(side)
        self.list.setObjectName("storyList")
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.new_button = QPushButton("New")
        self.new_button.setToolTip("New story (Ctrl+Shift+N)")
        self.duplicate_button = QPushButton("Duplicate")
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the story (Del); Ctrl+Z in the list undoes")
        buttons = WrapRow([self.new_button, self.duplicate_button, self.delete_button])
        self.status = plain(QLabel(side))  # story titles
        self.status.setObjectName("subtle")
        self.status.setWordWrap(True)
        side_layout.addWidget(self.heading)
        side_layout.addWidget(self.list, stretch=1)
        side_layout.addWidget(buttons)
        side_layout.addWidget(self.status)

        self.empty = QLabel(
            "No stories yet.\nPress Ctrl+Shift+N to write your first.", self.editor_stack
        )
        self.empty.setObjectName("subtle")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.editor_stack.addWidget(self.empty)
        self.editor = StoryEditor(self.editor_stack)
        self.editor_stack.addWidget(self.editor)

        findings_layout = QVBoxLayout(findings_box)
        findings_layout.setContentsMargins(0, 0, 0, 0)
        self.findings_title = QLabel("Coach", findings_box)
        self.findings_title.setObjectName("fieldLabel")
        findings_layout.addWidget(self.findings_title)
        self.findings = FindingsPanel(findings_box)
        self.findings.set_empty_text("No findings: the coach has nothing to flag.")
        findings_layout.addWidget(self.findings, stretch=1)
        self.trend_title = QLabel("Spoken attempts", findings_box)
        self.trend_title.setObjectName("fieldLabel")
        findings_layout.addWidget(self.trend_title)
        self.trend = AttemptTrend(findings_box)
        findings_layout.addWidget(self.trend)

        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_now)

        self.editor.on_edited.append(self.autosave.start)
        self.editor.on_findings.append(self._show_findings)
        self.editor.rehearse_button.clicked.connect(self.start_rehearsal)
        self.findings.finding_activated.connect(self.editor.select_finding)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.model.rename_requested.connect(self.rename)
        self.new_button.clicked.connect(self.new_story)
        self.duplicate_button.clicked.connect(self.duplicate_current)
        self.delete_button.clicked.connect(self.delete_current)

        self._shortcut("Ctrl+Shift+N", self.new_story, self)
        self._shortcut("Ctrl+R", self.start_rehearsal, self.workspace)
        self._shortcut("Ctrl+Shift+D", self.duplicate_current, self.list)
        self._shortcut(QKeySequence.StandardKey.Delete, self.delete_current, self.list)
        self._shortcut(QKeySequence.StandardKey.Undo, self.undo, self.list)
        self._shortcut("Escape", self.leave.emit, self.list)

    @property
    def rehearse(self) -> RehearseView:
        """The rehearsal page, built a turn of the event loop after the room first shows
        (or when first used): the room's first opening waited for its widgets, a third of
        the time, before it painted anything."""
        if self._rehearse is None:
            self._rehearse = RehearseView(self.services)
            self._rehearse.leave.connect(self.end_rehearsal)
            self._rehearse.voice.attempt_kept.connect(lambda _id: self._show_trend())
            self.pages.addWidget(self._rehearse)
        return self._rehearse

    def _stop_rehearsing(self) -> None:
        if self._rehearse is not None:
            self._rehearse.stop()

    # Entering and leaving ----------------------------------------------------------------

    def enter(self) -> None:
        """Called when the room is shown: reload, keep the selection, focus the list."""
        self._stop_rehearsing()
        if self._rehearse is None:
            QTimer.singleShot(0, lambda: self.rehearse)
        self.pages.setCurrentIndex(0)
        self.reload(select=self.editor.story_id)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_story(self, story_id: int) -> None:
        """Open one story in the editor (a spoken card's S), its title taking the keys."""
        self._stop_rehearsing()
        self.pages.setCurrentIndex(0)
        self.reload(select=story_id)
        self.editor.focus_title()

    def reload(self, select: int | None = None) -> None:
        self.save_now()
        stories = self.services.stories.list()
        self.model.set_stories(stories)
        stored = next((story for story in stories if story.id == self.editor.story_id), None)
        if stored is not None and stored != self.editor.story():  # changed elsewhere (a backup)
            self.editor.load(stored)
        row = self.model.row_of(select)
        if row < 0 and stories:
            row = 0
        self._select_row(row)

    def save_now(self) -> None:
        """Write the editor's story if it changed: autosave, leaving the room, closing."""
        story = self._unsaved()
        if story is not None:
            self._mark_saved(self.services.stories.save(story))

    def _save_waiting(self) -> bool:
        """`save_now` with the write on a worker while the window waits in an event loop
        (input held, as behind a progress dialog): its commit's fsync (synchronous=FULL)
        took 17-256 ms on a busy disk, for 3-4 ms of the GUI thread's CPU. Nothing reads
        the story until it is written. False, once said, if it could not be written."""
        story = self._unsaved()
        if story is None:
            return True
        stories = self.services.stories
        outcome = run_in_background(
            self, "Saving the story...", lambda _p, _c: stories.save(story), cancellable=False
        )
        if outcome.error is not None:
            messages.warning(self, "Keeper", f"The story was not saved: {outcome.error}")
            return False
        self._mark_saved(outcome.value)
        return True

    def _unsaved(self) -> Story | None:
        """The editor's story if it changed since it was loaded or saved."""
        self.autosave.stop()
        story = self.editor.story()
        return story if story is not None and self.editor.dirty else None

    def _mark_saved(self, saved: Story | None) -> None:
        if saved is None:  # deleted meanwhile: nothing to write to
            self.editor.load(None)
            return
        self.editor.mark_saved(saved)
        self.model.update_story(saved)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self.save_now()
        super().hideEvent(event)

    # Actions -----------------------------------------------------------------------------

    def current_story(self) -> Story | None:
        return self.editor.story()

    def new_story(self) -> None:
        self.save_now()
        story = self.services.stories.create()
        self.pages.setCurrentIndex(0)
        self.reload(select=story.id)
        self._say("New story. Its cards appear in “My stories” once it has a decision.")
        self.editor.focus_title()

    def rename(self, story_id: int, title: str) -> None:
        self.save_now()
        renamed = self.services.stories.rename(story_id, title)
        if renamed is None:
            return
        self.model.update_story(renamed)
        if self.editor.story_id == story_id:
            self.editor.set_title(renamed.title)
        self._say(f"Renamed to “{display_title(renamed)}”. Ctrl+Z in the list undoes.")

    def duplicate_current(self) -> None:
        story = self.current_story()
        if story is None or story.id is None:
            return
        self.save_now()
        copy = self.services.stories.duplicate(story.id)
        if copy is not None:
            self.reload(select=copy.id)
            self._say(f"Duplicated as “{display_title(copy)}”.")

    def delete_current(self) -> None:
        story = self.current_story()
        if story is None or story.id is None:
            return
        self.save_now()
        choice = self.ask_delete(story, self.services.stories.cards(story.id).count)
        if choice is None:
            return
        row = self.model.row_of(story.id)
        self.editor.load(None)
        result = self.services.stories.delete(
            story.id, delete_cards=choice is DeleteChoice.DELETE_CARDS
        )
        stories = self.services.stories.list()
        self.model.set_stories(stories)
        self._select_row(min(row, len(stories) - 1))
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        if result is not None:
            kept = (
                f" Its {result.cards_kept} cards stay in “My stories”." if result.cards_kept else ""
            )
            self._say(f"Deleted “{display_title(result.story)}”.{kept} Ctrl+Z in the list undoes.")

    def ask_delete(self, story: Story, card_count: int) -> DeleteChoice | None:
        return ask_delete_story(self, story, card_count)

    def apply_changes(self, changes: Changes) -> None:
        """What an action or an undo changed (from any room): the stories it touched are
        read again while the list shows; a rehearsal shows its grade taken back."""
        if self._rehearse is not None and self.pages.currentWidget() is self._rehearse:
            self._rehearse.apply_changes(changes)
        elif self.isVisible() and (changes.story_ids or changes.everything):
            self.reload(select=self.editor.story_id)

    def undo(self) -> None:
        """Undo the newest collection action (a rename, a delete...) and show the result."""
        self.save_now()
        before = set(self.model.ids)
        label = self.services.undo.undo()
        if label is None:
            self._say("Nothing to undo.")
            return
        current = self.editor.story_id
        stories = self.services.stories.list()
        restored = [story.id for story in stories if story.id not in before]
        select = restored[0] if restored else current
        self.model.set_stories(stories)
        fresh = next((story for story in stories if story.id == select), None)
        if fresh is not None and fresh.id == current and fresh != self.editor.story():
            self.editor.load(fresh)
        self._select_row(self.model.row_of(select))
        self._say(f"Undid: {label}.")

    # Rehearsing --------------------------------------------------------------------------

    def start_rehearsal(self) -> None:
        if not self._save_waiting():
            return
        story = self.current_story()
        if story is None:
            return
        if not any(getattr(story, name).strip() for name in SPOKEN_FIELDS):
            self._say("Nothing to rehearse yet: write the situation, decision or outcome first.")
            return
        self.pages.setCurrentWidget(self.rehearse)
        self.rehearse.start(story)

    def end_rehearsal(self) -> None:
        self._stop_rehearsing()
        self.pages.setCurrentIndex(0)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    # Inside ------------------------------------------------------------------------------

    def _show_trend(self) -> None:
        """The open story's spoken attempts (pace, fillers, findings over time)."""
        story_id = self.editor.story_id
        attempts = self.services.voice.attempts(story_id) if story_id is not None else []
        self.trend.show_attempts(attempts)
        self.trend_title.setVisible(bool(attempts))

    def _select_row(self, row: int) -> None:
        if row < 0:
            self._open(-1)
            return
        index = self.model.index(row)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        if self.editor.story_id != self.model.story_at(row).id:  # type: ignore[union-attr]
            self._open(row)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():  # a model reset clears the current row: keep the editor
            self._open(current.row())

    def _open(self, row: int) -> None:
        story = self.model.story_at(row)
        if story is not None and story.id == self.editor.story_id:
            return
        self.save_now()
        self.findings.set_empty_text(
            "No findings: the coach has nothing to flag."
            if story is not None
            else "Open or write a story: the coach flags weak patterns as you write."
        )
        self.editor.load(story)
        self.editor_stack.setCurrentWidget(self.editor if story else self.empty)
        self._show_trend()
        for button in (self.duplicate_button, self.delete_button):
            button.setEnabled(story is not None)

    def _show_findings(self, findings: list) -> None:
        self.findings.show_findings(findings, self.editor.texts())
        count = len(findings)
        self.findings_title.setText(
            f"Coach · {count} finding{'s' if count != 1 else ''}" if count else "Coach"
        )

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _shortcut(
        self,
        key: QKeySequence | QKeySequence.StandardKey | str,
        slot: Callable[[], object],
        widget: QWidget,
    ) -> None:
        sequence = key if isinstance(key, QKeySequence) else QKeySequence(key)
        shortcut = QShortcut(sequence, widget)
        context = (
            Qt.ShortcutContext.WidgetShortcut
            if widget is self.list
            else Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        shortcut.setContext(context)
        shortcut.activated.connect(slot)
