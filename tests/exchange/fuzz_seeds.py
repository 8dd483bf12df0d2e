"""Real files to mutate: exports of a small collection by Keeper itself, and packages built
by the official `anki` package (modern, legacy and a whole-collection .colpkg)."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

import zstandard

from tests.exchange.anki_helpers import add_note, anki_collection_at, export_package
from tests.exchange.fuzz_sandbox import START
from tests.exchange.helpers import story, study
from trainer.app import open_services
from trainer.core.cards import NewCard, Rating
from trainer.core.clock import FixedClock

REMOTE_FRONT = '<img src="http://example.com/pixel.png"> ![x](https://example.com/y.png) Eiffel'


class Seeds(dict[str, bytes]):
    """The seed files by name; short in hypothesis' report of a failing example."""

    def __repr__(self) -> str:
        return f"<seed files {', '.join(self)}>"


@dataclass(frozen=True, repr=False)
class AnkiSeed:
    """An Anki package split for SQL-level mutation: the collection without constraints."""

    name: str  # the file name it is imported as
    entry: str  # collection.anki21b (zstd) or collection.anki21
    collection: bytes  # SQLite bytes, tables re-created without constraints or indexes
    others: dict[str, bytes]  # meta, media, the collection.anki2 stub
    columns: dict[str, list[str]]  # table -> columns

    def __repr__(self) -> str:
        return f"<Anki seed {self.name}>"


def keeper_exports(folder: Path) -> dict[str, bytes]:
    """A .keeper (history and stories), an .apkg, a .csv and a .tsv exported by Keeper."""
    clock = FixedClock(START)
    services = open_services(folder / "exporter", clock, fuzzing=False)
    try:
        for deck in services.decks.decks():  # the built-in decks: a small file mutates faster
            services.decks.delete(deck.id)
        services.card_edits.add_cards(
            "Product sense",
            [NewCard(f"Q{n} **bold**", f"A{n}\n\n- one\n- two", ("ps", "a::b")) for n in range(4)],
        )
        services.card_edits.add_cards("Languages::Français", [NewCard("chat", "cat", ("fr",))])
        services.card_edits.add_cards("Remote", [NewCard(REMOTE_FRONT, "Paris")])
        services.stories.create(story("The trade show"))
        study(services, clock, [Rating.GOOD, Rating.AGAIN, Rating.EASY, Rating.HARD])
        files = {}
        for name in (f"keeper-export.{suffix}" for suffix in ("keeper", "apkg", "csv", "tsv")):
            full = name.endswith(".keeper")
            services.exchange.export_file(folder / name, with_history=full, with_stories=full)
            files[name] = (folder / name).read_bytes()
        return files
    finally:
        services.close()


def anki_packages(folder: Path) -> dict[str, bytes]:
    """Packages Anki itself wrote: notes of four types, media, a review history."""
    with anki_collection_at(folder / "anki" / "collection.anki2") as collection:
        add_note(collection, "Basic", "Languages::Français",
                 {"Front": "Où est <b>la gare</b>&nbsp;?", "Back": "À gauche<br>[sound:g.mp3]"},
                 ["french", "travel::directions"])  # fmt: skip
        add_note(collection, "Basic (and reversed card)", "Languages::Deutsch",
                 {"Front": "dog", "Back": "der Hund"})  # fmt: skip
        add_note(collection, "Cloze", "Geography",
                 {"Text": "{{c1::Paris}} is the capital of {{c2::France::country}}",
                  "Back Extra": "<i>Since 987</i>"})  # fmt: skip
        collection.media.write_data("japan.png", b"\x89PNG fake image")
        add_note(collection, "Basic", "Geography",
                 {"Front": f"Flag <img src='japan.png'> {REMOTE_FRONT}",
                  "Back": "<ul><li>white</li><li>red</li></ul>"})  # fmt: skip
        collection.decks.select(collection.decks.id("Languages::Deutsch"))
        for ease in (3, 1, 4):
            card = collection.sched.getCard()
            if card is None:
                break
            collection.sched.answerCard(card, ease)
        files = {}
        for name, legacy in (("anki-modern.apkg", False), ("anki-legacy.apkg", True)):
            files[name] = export_package(
                collection, folder / name, legacy=legacy, scheduling=True
            ).read_bytes()
        whole = folder / "anki-whole.colpkg"
        collection.export_collection_package(str(whole), include_media=True, legacy=False)
        files["anki-whole.colpkg"] = whole.read_bytes()
    return files


def zip_entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def keeper_documents(data: bytes) -> dict[str, Any]:
    return {name: json.loads(text) for name, text in zip_entries(data).items()}


def anki_seed(name: str, package: bytes) -> AnkiSeed:
    entries = zip_entries(package)
    entry = next(e for e in ("collection.anki21b", "collection.anki21") if e in entries)
    raw = entries.pop(entry)
    if entry.endswith("b"):
        raw = zstandard.ZstdDecompressor().stream_reader(raw).read()
    raw = raw[:18] + b"\x01\x01" + raw[20:]  # rollback journal: no WAL in memory
    connection = sqlite3.connect(":memory:")
    connection.create_collation("unicase", _unicase)
    connection.deserialize(raw)
    tables = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )]  # fmt: skip
    columns = {}
    for table in tables:
        connection.executescript(
            f"CREATE TABLE loose AS SELECT * FROM {table}; DROP TABLE {table};"
            f"ALTER TABLE loose RENAME TO {table};"
        )
        columns[table] = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("VACUUM")
    loose = connection.serialize()
    connection.close()
    return AnkiSeed(name, entry, loose, entries, columns)


def _unicase(a: str, b: str) -> int:
    return (a.lower() > b.lower()) - (a.lower() < b.lower())


def repack(seed: AnkiSeed, collection: bytes) -> bytes:
    """The package again, with a mutated collection in place of the original."""
    if seed.entry.endswith("b"):
        collection = zstandard.ZstdCompressor().compress(collection)
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(seed.entry, collection)
        for name, value in seed.others.items():
            archive.writestr(name, value)
    return out.getvalue()
