"""The stories as a list: titles, editable in place (F2) to rename."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from trainer.core.stories import Story, word_count
from trainer.core.story_cards import display_title

Index = QModelIndex | QPersistentModelIndex
STORY_ID_ROLE = Qt.ItemDataRole.UserRole


class StoryListModel(QAbstractListModel):
    """Wraps core `Story` values. Renaming in place asks the view to rename; the model
    itself changes only when it is handed fresh stories."""

    rename_requested = Signal(int, str)  # story id, new title

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._stories: list[Story] = []

    def set_stories(self, stories: Sequence[Story]) -> None:
        self.beginResetModel()
        self._stories = list(stories)
        self.endResetModel()

    def update_story(self, story: Story) -> None:
        """Show a saved story's new title without resetting the selection."""
        row = self.row_of(story.id)
        if row >= 0:
            self._stories[row] = story
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def story_at(self, row: int) -> Story | None:
        return self._stories[row] if 0 <= row < len(self._stories) else None

    def row_of(self, story_id: int | None) -> int:
        for row, story in enumerate(self._stories):
            if story.id == story_id:
                return row
        return -1

    @property
    def ids(self) -> list[int | None]:
        return [story.id for story in self._stories]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._stories)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        story = self.story_at(index.row()) if index.isValid() else None
        if story is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return display_title(story)
        if role == Qt.ItemDataRole.EditRole:
            return story.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{word_count(story)} words · F2 renames"
        if role == STORY_ID_ROLE:
            return story.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        story = self.story_at(index.row()) if index.isValid() else None
        if story is None or story.id is None or role != Qt.ItemDataRole.EditRole:
            return False
        title = str(value).strip()
        if title != story.title:
            self.rename_requested.emit(story.id, title)
        return True
