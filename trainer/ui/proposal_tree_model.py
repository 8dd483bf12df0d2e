"""The guide builder's review list: proposals grouped by kind, each with a check box.

Two levels: one row per kind that has proposals (FAQ, mistakes, principles, checklist), and
under it one row per proposal. Column 0 is the card (checkable: keep or drop), column 1 the
guide lines it came from. A group's check box shows and sets all of its cards at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from trainer.core.cards import NewCard
from trainer.core.guide_cards import Draft, accepted_cards
from trainer.core.guide_reader import CHECKLIST, FAQ, MISTAKE, PRINCIPLE
from trainer.ui.safe_text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex

KINDS = (FAQ, MISTAKE, PRINCIPLE, CHECKLIST)
GROUP_NAMES = {
    FAQ: "Questions",
    MISTAKE: "Mistakes: weak answer → strong answer",
    PRINCIPLE: "Principles and values",
    CHECKLIST: "Checklist items",
}
KIND_NOUNS = {  # (one, many)
    FAQ: ("question", "questions"),
    MISTAKE: ("mistake", "mistakes"),
    PRINCIPLE: ("principle", "principles"),
    CHECKLIST: ("checklist item", "checklist items"),
}
_PROMPT = re.compile(
    r"(?:^|:\s*)(?:what is the stronger answer|what does it mean|which values does it name)\?",
    re.IGNORECASE | re.MULTILINE,
)
_GROUP = 0  # internal id of group rows; a proposal row's id is its group's row + 1


def summary_line(draft: Draft) -> str:
    """The card on one line: its front without Markdown marks or the stock prompt ("what
    is the stronger answer?"), a mistake's weak answer after "—"."""
    front = _PROMPT.sub("", draft.card.front.replace("**", "").replace("__", ""))
    parts = [part.strip().removeprefix(">").strip() for part in front.split("\n")]
    text = " — ".join(part for part in parts if part)
    return f"{text}  (edited)" if draft.edited else text


def lines_label(draft: Draft) -> str:
    first, last = draft.proposal.source_lines
    return f"{first}" if first == last else f"{first}–{last}"


class ProposalTreeModel(QAbstractItemModel):
    HEADERS = ("Card", "Lines")
    changed = Signal()  # a card was kept, dropped or edited

    def __init__(self) -> None:
        super().__init__()
        self._groups: list[tuple[str, list[Draft]]] = []

    # --- reading and changing the drafts ---

    def set_drafts(self, drafts: Sequence[Draft]) -> None:
        self.beginResetModel()
        self._groups = [
            (kind, [d for d in drafts if d.proposal.kind == kind])
            for kind in KINDS
            if any(d.proposal.kind == kind for d in drafts)
        ]
        self.endResetModel()
        self.changed.emit()

    def drafts(self) -> list[Draft]:
        """Every draft in source order."""
        every = [draft for _, group in self._groups for draft in group]
        return sorted(every, key=lambda draft: draft.proposal.source_lines)

    def accepted_cards(self) -> list[NewCard]:
        return accepted_cards(self.drafts())

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self._groups]

    def draft_at(self, index: Index) -> Draft | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        group = self._groups[index.internalId() - 1][1]
        return group[index.row()] if 0 <= index.row() < len(group) else None

    def set_text(self, index: Index, front: str, back: str) -> None:
        draft = self.draft_at(index)
        if draft is not None and (draft.card.front, draft.card.back) != (front, back):
            self._replace(index, draft.with_text(front, back))

    def set_accepted(self, index: Index, accepted: bool) -> None:
        if (draft := self.draft_at(index)) is not None and draft.accepted != accepted:
            self._replace(index, Draft(draft.proposal, draft.card, accepted))

    def _replace(self, index: Index, draft: Draft) -> None:
        self._groups[index.internalId() - 1][1][index.row()] = draft
        row = self.index(index.row(), 0, index.parent())
        self.dataChanged.emit(row, row.siblingAtColumn(1))
        self.dataChanged.emit(index.parent(), index.parent())  # the group's check and count
        self.changed.emit()

    # --- QAbstractItemModel ---

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(self.HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            return self._group_data(index, role)
        draft = self.draft_at(index)
        if draft is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return summary_line(draft) if column == 0 else lines_label(draft)
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if draft.accepted else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{draft.card.front}\n\n{draft.card.back}")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _group_data(self, index: Index, role: int) -> Any:
        kind, group = self._groups[index.row()]
        if index.column() != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            kept = sum(draft.accepted for draft in group)
            return f"{GROUP_NAMES[kind]}  ·  {kept} of {len(group)} kept"
        if role == Qt.ItemDataRole.CheckStateRole:
            kept = sum(draft.accepted for draft in group)
            if kept == len(group):
                return Qt.CheckState.Checked
            return Qt.CheckState.Unchecked if kept == 0 else Qt.CheckState.PartiallyChecked
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column():
            return False
        accepted = Qt.CheckState(value) != Qt.CheckState.Unchecked
        if index.internalId() == _GROUP:
            for row in range(self.rowCount(index)):
                self.set_accepted(self.index(row, 0, index), accepted)
            self.dataChanged.emit(index, index)
        else:
            self.set_accepted(index, accepted)
        return True

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None
