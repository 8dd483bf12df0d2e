"""The media store: the folder `media/` beside the collection, one file per content hash.

A file's name is its content (core/media.py), so a file is written once and never
overwritten: a write to a name already there is a no-op. Each write goes to a temporary
file in the same folder, is flushed to disk, then renamed into place, so a crash leaves
either the whole file or none. The store is never listed at start; only `names()` (the
media check, backups) walks it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

from trainer.core.media import MediaFile, is_media_name

MEDIA_FOLDER = "media"
_PARTIAL = ".partial-"


class MediaStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_of(self, name: str) -> Path | None:
        """Where the file `name` is kept, or None when `name` is no store name or the
        store holds no such file. The only way from a name in card text to a file."""
        if not is_media_name(name):
            return None
        path = self.folder / name
        return path if path.is_file() else None

    def read(self, name: str) -> bytes | None:
        path = self.path_of(name)
        if path is None:
            return None
        try:
            return path.read_bytes()
        except OSError:
            return None

    def has(self, name: str) -> bool:
        return self.path_of(name) is not None

    def add(self, media: MediaFile) -> bool:
        """Keep `media` (checked and named by core.media); True when it was new."""
        if not is_media_name(media.name):
            raise ValueError(f"not a media store name: {media.name!r}")
        target = self.folder / media.name
        if target.is_file():
            return False
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f"{_PARTIAL}{secrets.token_hex(8)}"
        try:
            with partial.open("xb") as handle:
                handle.write(media.data)
                handle.flush()
                os.fsync(handle.fileno())
            if target.exists():  # written meanwhile by another writer: the same bytes
                partial.unlink()
                return False
            partial.replace(target)
        except BaseException:
            with suppress(OSError):
                partial.unlink(missing_ok=True)
            raise
        _sync_folder(self.folder)
        return True

    def remove(self, names: Iterable[str]) -> list[str]:
        """Delete these store files; returns the names deleted (others are skipped)."""
        removed = []
        for name in names:
            path = self.path_of(name)
            if path is not None:
                path.unlink(missing_ok=True)
                removed.append(name)
        return removed

    def names(self) -> set[str]:
        """Every file the store holds (walks the folder: never at start)."""
        if not self.folder.is_dir():
            return set()
        with os.scandir(self.folder) as entries:
            return {entry.name for entry in entries if is_media_name(entry.name)}


def _sync_folder(folder: Path) -> None:
    """The rename itself made durable (where the system allows opening a folder)."""
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
