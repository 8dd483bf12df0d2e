"""Help menu: the keyboard-shortcut sheet and the short user guide."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from trainer.resources import resource_path

# Keys that live inside one room and belong to no menu.
ROOM_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Decks", "Enter", "Study now: every deck's due and new cards"),
    ("Decks", "Select a deck, Enter", "Study that deck only"),
    ("Study", "Space or Enter", "Show the answer"),
    ("Study", "1 / 2 / 3 / 4", "Again / Hard / Good / Easy"),
    ("Study", "E", "Edit the card (Ctrl+S saves, Esc leaves)"),
    ("Study", "Ctrl+Z", "Undo the last grade or edit"),
    ("Study", "Esc", "Back to the decks"),
    ("Spoken card", "R", "Record your answer aloud (R again stops)"),
    ("Spoken card", "Up / Down, X", "Pick a point of the rubric, tick it"),
    ("Spoken card", "Enter on the answer", "Grade as suggested (★)"),
    ("Spoken card", "S", "Open or start your story for the question"),
    ("Session summary", "Enter or Esc", "Back to the decks"),
    ("Session summary", "A / N / F", "Study ahead / 10 more new cards / forgotten today"),
    ("Browser", "Ctrl+F", "Search"),
    ("Browser", "Ctrl+S", "Save the edit"),
    ("Browser", "Ctrl+J", "Suspend or unsuspend"),
    ("Browser", "Ctrl+D", "Move to another deck"),
    ("Browser", "Ctrl+Z", "Undo"),
    ("Stories", "Ctrl+Shift+N", "New story"),
    ("Stories", "Ctrl+R", "Rehearse the story"),
    ("Stories", "Ctrl+Z", "Undo a rename or delete"),
)


def menu_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, key, action) for every menu action with a shortcut, read from the menus."""
    rows: list[tuple[str, str, str]] = []
    keys_seen: set[str] = set()  # an action in two menus (Browse cards) is listed once
    for menu_action in menu_bar.actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():  # type: ignore[attr-defined]
            key = action.shortcut().toString()
            if key and key not in keys_seen:
                keys_seen.add(key)
                name = action.text().replace("&", "").rstrip("…")
                rows.append((menu_action.text().replace("&", ""), key, name))
    return rows


class ShortcutSheet(QDialog):
    """Keys grouped by where they work: one heading per place, its keys beneath it."""

    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = [(f"Anywhere: {m} menu", k, a) for m, k, a in menu_shortcuts(menu_bar)]
        places: dict[str, list[tuple[str, str]]] = {}
        for place, key, does in [*rows, *ROOM_KEYS]:
            places.setdefault(place, []).append((key, does))
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Key", "Does"])
        for place, keys in places.items():
            self._add_heading(place)
            for cells in keys:
                row = self.table.rowCount()
                self.table.insertRow(row)
                for column, text in enumerate(cells):
                    self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        _lay_out(self, self.table)
        self.resize(620, 560)
        self.table.resizeRowsToContents()

    def _add_heading(self, place: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        heading = QTableWidgetItem(place)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.table.setItem(row, 0, heading)
        self.table.setSpan(row, 0, 1, 2)


class UserGuide(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keeper user guide")
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)  # the guide is Keeper's own text; it links nowhere
        self.text.setMarkdown(resource_path("help", "guide.md").read_text(encoding="utf-8"))
        _lay_out(self, self.text)
        self.resize(640, 560)


def _lay_out(dialog: QDialog, body: QWidget) -> None:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body)
    layout.addWidget(buttons)
