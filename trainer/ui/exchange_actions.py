"""File > Import... and Export...: a file dialog, the work off the GUI thread, a report.

The import or export runs in a worker on its own QThread (its SQLite connection is opened
there by the engine's pool) behind a window-modal progress dialog whose Cancel button rolls
the import back. Both functions return once the work is done and the report was shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QWidget,
)

from trainer.exchange.errors import ExchangeError
from trainer.ui import background, file_folders, messages
from trainer.ui.background import Job, Outcome

if TYPE_CHECKING:  # the file formats load with the import or export, on its thread
    from trainer.services.exchange_service import ExportReport, ImportReport
    from trainer.services.services import Services

IMPORT_FILTER = (
    "Cards and decks (*.keeper *.apkg *.colpkg *.csv *.tsv *.txt);;"
    "Keeper deck files (*.keeper);;Anki packages (*.apkg *.colpkg);;"
    "CSV or TSV files (*.csv *.tsv *.txt);;All files (*)"
)
EXPORT_FILTERS = {
    "Keeper deck file (*.keeper)": ("keeper", ".keeper"),
    "Anki package (*.apkg)": ("apkg", ".apkg"),
    "CSV file (*.csv)": ("csv", ".csv"),
}
ALL_DECKS = "All decks"


@dataclass(frozen=True)
class ExportChoice:
    deck: str | None  # None: every deck
    with_history: bool
    with_stories: bool


# Import and export ----------------------------------------------------------------------


def import_with_dialog(parent: QWidget | None, services: Services) -> bool:
    """Ask for a file and import it; True when the collection changed."""
    name, _filter = QFileDialog.getOpenFileName(
        parent, "Import cards", file_folders.start_folder(), IMPORT_FILTER
    )
    file_folders.remember(name)
    if not name:
        return False
    path = Path(name)
    decks = [deck.name for deck in services.decks.decks()]
    target = ask_import_deck(parent, path, decks)
    if target is CANCELLED:
        return False

    def job(progress: Callable[[int, int], None], cancel: Callable[[], bool]) -> ImportReport:
        # The import pauses the collector itself (services/collector.py): its full runs
        # walked the whole bundle holding the GIL.
        return services.exchange.import_file(
            path, deck=target or None, progress=progress, cancel=cancel
        )

    outcome = run_in_background(parent, f"Importing {path.name}...", job)
    if outcome.cancelled:
        messages.information(parent, "Import cancelled", "Nothing was imported.")
        return False
    if outcome.error is not None:
        messages.warning(parent, "Import failed", outcome.error)
        return False
    report: ImportReport = outcome.value
    services.search_index.catch_up_later()  # the new cards' text, indexed off this thread
    messages.information(parent, "Import finished", describe_import(path, report))
    return bool(report.added or report.updated or report.reviews or report.stories)


CANCELLED = "\0cancelled"  # what `ask_import_deck` answers to Cancel: no deck has this name
FILES_OWN_DECKS = "The file's own decks"


def ask_import_deck(parent: QWidget | None, path: Path, decks: list[str]) -> str:
    """Where the file's cards go: "" for the decks the file names (a CSV's: one named after
    the file), an existing deck's name or a new one typed in; CANCELLED to stop."""
    from PySide6.QtWidgets import QInputDialog

    name, ok = QInputDialog.getItem(
        parent,
        "Import",
        f"Put the cards of {path.name} in (choose a deck, or type a new name):",
        [FILES_OWN_DECKS, *decks],
        0,
        True,  # editable: a new deck's name can be typed
    )
    if not ok:
        return CANCELLED
    name = name.strip()
    return "" if name in ("", FILES_OWN_DECKS) else name


def export_with_dialog(parent: QWidget | None, services: Services) -> None:
    """Ask what to export and where, then write the file."""
    decks = [deck.name for deck in services.decks.decks()]
    choice = ask_export_options(parent, decks)
    if choice is None:
        return
    # A deck name may hold "/" or "..": as a file name it would point the dialog elsewhere.
    suggested = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", choice.deck or "Keeper decks") + ".keeper"
    name, chosen_filter = QFileDialog.getSaveFileName(
        parent, "Export cards", file_folders.start_path(suggested), ";;".join(EXPORT_FILTERS)
    )
    file_folders.remember(name)
    if not name:
        return
    path, fmt = export_target(Path(name), chosen_filter)

    def job(progress: Callable[[int, int], None], cancel: Callable[[], bool]) -> ExportReport:
        return services.exchange.export_file(
            path,
            deck=choice.deck,
            fmt=fmt,
            with_history=choice.with_history,
            with_stories=choice.with_stories,
        )

    outcome = run_in_background(parent, f"Exporting to {path.name}...", job, cancellable=False)
    if outcome.error is not None:
        messages.warning(parent, "Export failed", outcome.error)
        return
    messages.information(parent, "Export finished", describe_export(path, outcome.value))


def export_target(typed: Path, chosen_filter: str) -> tuple[Path, str | None]:
    """Where to write and in which format: a known extension typed in the name decides;
    the filter chosen only names the format of a name typed without one."""
    typed_format = next(
        (fmt for fmt, suffix in EXPORT_FILTERS.values() if typed.suffix.lower() == suffix), None
    )
    if typed_format is not None:
        return typed, typed_format
    fmt, suffix = EXPORT_FILTERS.get(chosen_filter, (None, ""))
    if not typed.suffix and suffix:
        return typed.with_suffix(suffix), fmt
    return typed, fmt


def ask_export_options(parent: QWidget | None, decks: list[str]) -> ExportChoice | None:
    """Which deck, and whether to include history and stories; None if cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Export")
    form = QFormLayout(dialog)
    deck_box = QComboBox()
    deck_box.addItems([ALL_DECKS, *decks])
    history = QCheckBox("Include my review history and progress (Keeper files only)")
    stories = QCheckBox("Include my failure stories (Keeper files only)")
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow("Deck:", deck_box)
    form.addRow(history)
    form.addRow(stories)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    deck = deck_box.currentText()
    return ExportChoice(
        None if deck == ALL_DECKS else deck, history.isChecked(), stories.isChecked()
    )


def describe_import(path: Path, report: ImportReport) -> str:
    lines = [
        f"{path.name}: {report.added} added, {report.updated} updated, {report.skipped} skipped."
    ]
    if report.reviews or report.stories:
        lines.append(
            f"{_count(report.reviews, 'review')} and {_count(report.stories, 'story')} "
            "came with them."
        )
    if report.decks:
        lines.append("Decks: " + ", ".join(report.decks))
    lines += [f"Note: {warning}" for warning in report.warnings]
    return "\n".join(lines)


def describe_export(path: Path, report: ExportReport) -> str:
    extras = [_count(n, noun) for n, noun in ((report.reviews, "review"), (report.stories, "story"))
              if n]  # fmt: skip
    lines = [
        f"{_count(report.cards, 'card')} from {_count(report.decks, 'deck')} written to "
        f"{path.name}" + (f", with {' and '.join(extras)}" if extras else "") + "."
    ]
    lines += [f"Note: {warning}" for warning in report.warnings]
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    plural = "stories" if noun == "story" else f"{noun}s"
    return f"{number} {noun if number == 1 else plural}"


def run_in_background(
    parent: QWidget | None, label: str, job: Job, *, cancellable: bool = True
) -> Outcome:
    """`background.run_in_background`, a file's errors shown as their message and a
    cancelled import as cancelled."""

    def guarded(progress: Callable[[int, int], None], cancel: Callable[[], bool]) -> Any:
        # Imported here, on the worker thread, with the file formats it brings.
        from trainer.services.exchange_service import ImportCancelled

        try:
            return job(progress, cancel)
        except ImportCancelled as cancelled:
            raise background.Cancelled from cancelled

    return background.run_in_background(
        parent, label, guarded, cancellable=cancellable, shown_errors=(ExchangeError,)
    )
