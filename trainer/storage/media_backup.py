"""The media store in backups: one shared folder of content-named files (`backups/media/`).

Sharing works because a store file never changes: its name is its content. A backup links
(or, across file systems, copies) only the store files the shared folder lacks, so after the
first backup it costs one listing of each folder; restoring copies back the files the
restored cards name that the store lacks.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from trainer.core.media import referenced_names
from trainer.storage.media_store import MediaStore

SHARED_FOLDER = "media"


def share_media(media_folder: Path, backups_dir: Path) -> int:
    """Every store file in the backups' shared folder; returns how many were added."""
    store, shared = MediaStore(media_folder), MediaStore(backups_dir / SHARED_FOLDER)
    new = store.names() - shared.names()
    if new:
        shared.folder.mkdir(parents=True, exist_ok=True)
    for name in new:
        _link_or_copy(store.folder / name, shared.folder / name)
    return len(new)


def restore_media(restored: sqlite3.Connection, backups_dir: Path, media_folder: Path) -> int:
    """Put back the files the restored collection's cards name and the store lacks, from
    the backups' shared folder; returns how many."""
    shared, store = MediaStore(backups_dir / SHARED_FOLDER), MediaStore(media_folder)
    needed: set[str] = set()
    for front, back, source in restored.execute("SELECT front, back, source FROM cards"):
        needed.update(referenced_names(f"{front}\n{back}\n{source}"))
    brought = 0
    for name in sorted(needed):
        kept = shared.path_of(name)
        if kept is not None and not store.has(name):
            store.folder.mkdir(parents=True, exist_ok=True)
            _link_or_copy(kept, store.folder / name)
            brought += 1
    return brought


def _link_or_copy(source: Path, target: Path) -> None:
    """`target` the same bytes as `source`: a hard link, else a copy renamed into place."""
    try:
        os.link(source, target)
        return
    except FileExistsError:
        return
    except OSError:
        pass  # another file system, or one without hard links
    partial = target.with_name(f".partial-{target.name}")
    shutil.copyfile(source, partial)
    partial.replace(target)
