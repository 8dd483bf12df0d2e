"""Importing and exporting files: one transaction per import, all or nothing.

An import reads the file into a bundle outside the transaction (a bad file is refused before
anything is touched), then applies it in one unit of work (`bundle_import`): a second import
of the same file adds nothing. An export reads the decks in one transaction and writes the
file atomically (a temporary file renamed into place).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from trainer.core.cards import Card
from trainer.core.clock import Clock
from trainer.core.model import Origin
from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck, BundleReview
from trainer.exchange.errors import Cancel, ExchangeError, ImportCancelled
from trainer.exchange.formats import Format, export_format, read_file, write_file
from trainer.services.backup_service import BackupService
from trainer.services.bundle_import import (
    STORY_PREFIX,
    ImportReport,
    Progress,
    Steps,
    apply_bundle,
)
from trainer.services.undo import UndoHistory, journal_step
from trainer.services.unit_of_work import UnitOfWork
from trainer.storage.collection import Collection
from trainer.storage.data_lock import LOCK_FILE, OWNER_FILE
from trainer.storage.row_journal import recording

__all__ = ["ExchangeService", "ExportReport", "ImportCancelled", "ImportReport"]


@dataclass(frozen=True)
class ExportReport:
    format: Format
    decks: int
    cards: int
    reviews: int
    stories: int
    warnings: tuple[str, ...] = ()


class ExchangeService:
    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        backups: BackupService | None = None,
        undo: UndoHistory | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._backups = backups
        self._undo = undo

    def import_file(
        self,
        path: Path | str,
        deck: str | None = None,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> ImportReport:
        """Apply the file to the collection in one transaction; raises ExchangeError."""
        path = Path(path)
        step = Steps(progress, cancel)
        step.tick(0, 0)
        target = deck.strip() if deck and deck.strip() else None
        loaded = read_file(path, self._clock(), deck_name=target, cancel=cancel)
        bundle = loaded.bundle
        step.total = len(bundle.cards) + len(bundle.reviews)
        step.tick(0)
        if self._backups is not None:  # the file is valid: keep the collection as it was
            self._backups.create("before-import")
        with self._uow() as collection, recording(collection) as journal:
            report = apply_bundle(collection, bundle, step, target)
        if self._undo is not None:  # undo removes what the import added, puts back what it changed
            self._undo.push(journal_step(f"Import {path.name}", journal))
        return replace(report, warnings=loaded.warnings + report.warnings)

    def export_file(
        self,
        path: Path | str,
        deck: str | None = None,
        fmt: str | None = None,
        with_history: bool = False,
        with_stories: bool = False,
    ) -> ExportReport:
        """Write one deck (by name) or every deck; history and stories only when asked."""
        path = Path(path)
        kind = export_format(path, fmt)
        self._refuse_own_file(path)
        with self._uow() as collection:
            bundle, warnings = _read_bundle(collection, path, deck, with_history, with_stories)
        if kind is Format.APKG and bundle.stories:  # Anki keeps a review log, not stories
            warnings.append("stories are only kept in .keeper files, not apkg")
            bundle = replace(bundle, stories=())
        elif kind is Format.CSV and (bundle.reviews or bundle.stories):
            warnings.append(
                f"review history and stories are only kept in .keeper files, not {kind}"
            )
            bundle = replace(bundle, reviews=(), stories=())
        write_file(path, bundle, kind, self._clock())
        return ExportReport(
            kind,
            len(bundle.decks),
            len(bundle.cards),
            len(bundle.reviews),
            len(bundle.stories),
            tuple(warnings),
        )

    def _refuse_own_file(self, path: Path) -> None:
        """The collection, its side files, its lock and its backups are never overwritten by
        an export: CSV written over the collection once lost every card."""
        database = self._uow.database.path
        own = [database.with_name(database.name + end) for end in ("", "-wal", "-shm", "-journal")]
        own += [database.with_name(LOCK_FILE), database.with_name(OWNER_FILE)]
        folders = [self._backups.backups_dir] if self._backups is not None else []
        target = path.resolve()
        if any(_same_file(target, file) for file in own) or any(
            folder.resolve() in target.parents for folder in folders
        ):
            raise ExchangeError(
                path, "is one of Keeper's own files (the collection or a backup); pick another name"
            )


def _same_file(target: Path, file: Path) -> bool:
    """The same file, also by another name (a hard link, another case on macOS)."""
    if target == file.resolve():
        return True
    try:
        return target.samefile(file)
    except OSError:
        return False


# Export -------------------------------------------------------------------------------


def _read_bundle(
    collection: Collection, path: Path, deck: str | None, with_history: bool, with_stories: bool
) -> tuple[Bundle, list[str]]:
    """The decks to export as a bundle, and warnings. Story cards travel only with their
    stories: without them a friend's import could overwrite their own stories' cards."""
    warnings = []
    if deck is not None:
        found = collection.decks.named(deck)
        if found is None:
            raise ExchangeError(path, f"no deck named {deck!r} to export")
        decks = [found]
    else:
        decks = collection.decks.all()
    cards = [card for d in decks for card in collection.cards.all(d.id)]
    if not with_stories:
        shared = [card for card in cards if not card.guid.startswith(STORY_PREFIX)]
        if len(shared) < len(cards):
            warnings.append(
                f"{len(cards) - len(shared)} story cards left out (export them with your stories)"
            )
            used = {card.deck_id for card in shared}
            decks = [d for d in decks if d.id in used or d.origin is not Origin.STORY]
        cards = shared
    card_guids = {card.id: card.guid for card in cards}
    reviews: list[BundleReview] = []
    if with_history:
        scope = None if deck is None else [d.id for d in decks]
        reviews = [
            BundleReview(card_guids[r.card_id], r.rating, r.reviewed_at, r.duration_ms,
                         r.before, r.after, r.guid)
            for r in collection.reviews.of_decks(scope)
            if r.card_id in card_guids
        ]  # fmt: skip
    stories = list(reversed(collection.stories.all())) if with_stories else []
    deck_guids = {d.id: d.guid for d in decks}
    bundle = Bundle(
        decks=tuple(BundleDeck(d.guid, d.name, d.description, d.options) for d in decks),
        cards=tuple(_bundle_card(card, deck_guids[card.deck_id], with_history) for card in cards),
        reviews=tuple(reviews),
        stories=tuple(stories),
    )
    return bundle, warnings


def _bundle_card(card: Card, deck_guid: str, with_history: bool) -> BundleCard:
    return BundleCard(
        guid=card.guid,
        deck_guid=deck_guid,
        front=card.front,
        back=card.back,
        tags=card.tags,
        source=card.source,
        memory=card.memory if with_history and not card.is_new else None,
        suspended=card.suspended,
        kind=card.kind,
        cloze=card.cloze,
        note_guid=card.note_guid,
    )
