"""Building and reading Anki collections with the official `anki` package (the judge)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

anki_collection = pytest.importorskip("anki.collection")


@contextmanager
def anki_collection_at(path: Path) -> Iterator[Any]:
    """A fresh Anki collection file, closed when the block ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    collection = anki_collection.Collection(str(path))
    try:
        yield collection
    finally:
        collection.close()


def add_note(
    collection: Any,
    note_type: str,
    deck: str,
    fields: dict[str, str],
    tags: tuple[str, ...] | list[str] = (),
) -> Any:
    note = collection.new_note(collection.models.by_name(note_type))
    for name, value in fields.items():
        note[name] = value
    note.tags = list(tags)
    collection.add_note(note, collection.decks.id(deck))
    return note


def export_package(collection: Any, target: Path, *, legacy: bool, scheduling: bool) -> Path:
    options = anki_collection.ExportAnkiPackageOptions(
        with_scheduling=scheduling, with_deck_configs=scheduling, with_media=True, legacy=legacy
    )
    collection.export_anki_package(out_path=str(target), options=options, limit=None)
    return target


def import_package(collection: Any, package: Path) -> Any:
    request = anki_collection.ImportAnkiPackageRequest(
        package_path=str(package),
        options=anki_collection.ImportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=False, merge_notetypes=True
        ),
    )
    return collection.import_anki_package(request)
