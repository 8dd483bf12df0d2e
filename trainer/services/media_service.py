"""Pictures and sounds: adding them to the store, reading them to show, checking them.

The ui reaches the store only through this service (`read` is the one way card text gets
at a file); imports store their files through `keep`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from trainer.core.media import MediaFile, MediaRefused, checked_media, is_media_name
from trainer.core.model import CardId
from trainer.services.operations import NOTHING
from trainer.services.settings_service import read_settings
from trainer.services.undo import UndoHistory, UndoStep
from trainer.services.unit_of_work import UnitOfWork
from trainer.storage.media_store import MediaStore

__all__ = ["MediaCheck", "MediaRefused", "MediaService"]
DELETED_FOLDER = ".deleted"  # inside the store: where deleted files wait for an undo


@dataclass(frozen=True)
class MediaCheck:
    unused: tuple[str, ...]  # store files no card names
    missing: tuple[tuple[str, tuple[CardId, ...]], ...]  # names no file has, and their cards


class MediaService:
    def __init__(self, store: MediaStore, uow: UnitOfWork, undo: UndoHistory | None) -> None:
        self.store = store
        self._uow = uow
        self._undo = undo

    def read(self, name: str) -> bytes | None:
        """The bytes of the store file `name`; None for anything else (a path, a URL)."""
        return self.store.read(name)

    def limit_mb(self) -> int:
        with self._uow.reads() as reads:
            return read_settings(reads.settings).media_limit_mb

    def add(self, data: bytes, filename: str) -> str:
        """Keep `data` (named like `filename`) and return its store name; raises
        MediaRefused with the reason, keeping nothing."""
        media = checked_media(data, filename, self.limit_mb())
        self.store.add(media)
        return media.name

    def keep(self, files: Iterable[MediaFile]) -> int:
        """Store files an import brought (already checked); returns how many were new."""
        return sum(self.store.add(media) for media in files)

    def check(self) -> MediaCheck:
        """Files no card names, and names no file has (walks the store)."""
        with self._uow() as collection:
            used = collection.media.names_by_card()
        held = self.store.names()
        named: dict[str, list[CardId]] = {}
        for card_id, names in used.items():
            for name in names:
                named.setdefault(name, []).append(card_id)
        unused = tuple(sorted(held - named.keys()))
        missing = tuple(
            (name, tuple(cards)) for name, cards in sorted(named.items()) if name not in held
        )
        return MediaCheck(unused, missing)

    def delete_unused(self, names: Sequence[str]) -> int:
        """Delete these files if still unused; one undo step puts them back."""
        still_unused = set(self.check().unused)
        doomed = [name for name in names if name in still_unused and is_media_name(name)]
        if not doomed:
            return 0
        aside = self.store.folder / DELETED_FOLDER
        aside.mkdir(exist_ok=True)
        for name in doomed:
            (self.store.folder / name).replace(aside / name)

        def put_back() -> None:
            for name in doomed:
                kept = aside / name
                if kept.exists() and not (self.store.folder / name).exists():
                    kept.replace(self.store.folder / name)

        if self._undo is not None:
            label = f"Delete {len(doomed)} unused media files"
            self._undo.push(UndoStep(label, lambda _collection: None, NOTHING, after=put_back))
        return len(doomed)

    def forget_deleted(self) -> None:
        """Drop the files deleted this session (on close: their undo steps go with it)."""
        shutil.rmtree(self.store.folder / DELETED_FOLDER, ignore_errors=True)
