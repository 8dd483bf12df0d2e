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
from trainer.core.media import MB, MediaFile, names_in
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
from trainer.services.collector import collector_paused
from trainer.services.media_service import MediaService
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
        media: MediaService | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._backups = backups
        self._undo = undo
        self._media = media

    def import_file(
        self,
        path: Path | str,
        deck: str | None = None,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> ImportReport:
        """Apply the file to the collection in one transaction; raises ExchangeError.
        The collector's automatic runs are paused meanwhile: an import makes a few hundred
        thousand objects and frees them by reference counting, and the collections they set
        off walked everything alive for nothing (25-90 ms of a 500 ms import of 10,000)."""
        with collector_paused():
            return self._import(Path(path), deck, progress, cancel)

    def _import(
        self, path: Path, deck: str | None, progress: Progress | None, cancel: Cancel | None
    ) -> ImportReport:
        step = Steps(progress, cancel)
        step.tick(0, 0)
        target = deck.strip() if deck and deck.strip() else None
        loaded = read_file(path, self._clock(), deck_name=target, cancel=cancel)
        bundle = loaded.bundle
        step.total = len(bundle.cards) + len(bundle.reviews)
        step.tick(0)
        if self._backups is not None:  # the file is valid: keep the collection as it was
            self._backups.create("before-import")
        warnings = loaded.warnings
        if self._media is not None:  # first: a card never names a file not yet kept
            limit = self._media.limit_mb()
            kept = [media for media in bundle.media if len(media.data) <= limit * MB]
            if len(kept) < len(bundle.media):
                left = len(bundle.media) - len(kept)
                warnings += (f"{left} media files left out: larger than the {limit} MB limit",)
            self._media.keep(kept)
        with self._uow() as collection, recording(collection) as journal:
            report = apply_bundle(collection, bundle, step, target)
            # The file's cards go before the journal reads the changed rows' old text and
            # the transaction commits: a big package's re-import peaked there.
            del loaded, bundle
        if self._undo is not None:  # undo removes what the import added, puts back what it changed
            self._undo.push(journal_step(f"Import {path.name}", journal))
        return replace(report, warnings=warnings + report.warnings)

    def export_file(
        self,
        path: Path | str,
        deck: str | None = None,
        fmt: str | None = None,
        with_history: bool = False,
        with_stories: bool = False,
        media_folder: Path | None = None,
    ) -> ExportReport:
        """Write one deck (by name) or every deck; history and stories only when asked.
        `media_folder`: also copy the pictures and sounds the cards name there (for CSV,
        whose cards name their files but cannot hold them)."""
        path = Path(path)
        kind = export_format(path, fmt)
        self._refuse_own_file(path)
        with self._uow() as collection:
            bundle, warnings = _read_bundle(collection, path, deck, with_history, with_stories)
        if self._media is not None:
            bundle, missing = _with_media(bundle, self._media)
            if missing:
                warnings.append(f"{missing} media files the cards name are missing (Check media)")
        if kind is Format.APKG and bundle.stories:  # Anki keeps a review log, not stories
            warnings.append("stories are only kept in .keeper files, not apkg")
            bundle = replace(bundle, stories=())
        elif kind is Format.CSV and (bundle.reviews or bundle.stories):
            warnings.append(
                f"review history and stories are only kept in .keeper files, not {kind}"
            )
            bundle = replace(bundle, reviews=(), stories=())
        write_file(path, bundle, kind, self._clock())
        if media_folder is not None and bundle.media:
            _write_media_folder(path, media_folder, bundle)
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


def _write_media_folder(path: Path, folder: Path, bundle: Bundle) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for media in bundle.media:
            (folder / media.name).write_bytes(media.data)
    except OSError as error:
        reason = error.strerror or error
        raise ExchangeError(folder, f"cannot write media files ({reason})") from None


def _with_media(bundle: Bundle, media: MediaService) -> tuple[Bundle, int]:
    """The bundle with the store files its cards name; and how many of those are missing."""
    names = names_in(text for card in bundle.cards for text in (card.front, card.back, card.source))
    files, missing = [], 0
    for name in sorted(names):
        data = media.read(name)
        if data is None:
            missing += 1
        else:
            files.append(MediaFile(name, data))
    return replace(bundle, media=tuple(files)), missing


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
