"""Reading Anki packages (.apkg, .colpkg) into a bundle.

The newest collection inside wins: `collection.anki21b` (zstd-compressed, schema 18), then
`collection.anki21`, then `collection.anki2` (schema 11, note types as JSON). The SQLite
file is written to a temporary folder, opened read-only, and deleted afterwards. Pictures and
sounds the cards show travel in the bundle (anki_media), renamed to their content hash.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

import zstandard

from trainer.core.media import names_in
from trainer.core.model import CardKind
from trainer.exchange.anki_media import read_package_media, rename_references
from trainer.exchange.anki_notes import (
    SPOKEN_TAG,
    CardLayout,
    CardText,
    NoteText,
    NoteType,
    card_guid,
    card_layout,
    cloze_card_guid,
    note_guid,
)
from trainer.exchange.anki_protobuf import protobuf_fields
from trainer.exchange.anki_schedule import AnkiReview, AnkiSchedule, HistoryReplay
from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck, BundleReview, Loaded
from trainer.exchange.errors import Cancel, ExchangeError, check_cancel
from trainer.exchange.foreign_sqlite import check_tables, open_foreign
from trainer.exchange.safe_zip import MiB, SafeZip, row_limit, temporary_folder

SUFFIXES = (".apkg", ".colpkg")
KIND = "Anki package"
COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")
NEWEST_PACKAGE_VERSION = 3  # PackageMetadata.Version.LATEST in Anki 2.1.50+
INSIDE = "the Anki collection inside"
TABLES = ("col", "notes", "cards", "revlog", "notetypes", "fields", "templates", "decks")
# SQLite instructions per byte of collection a whole read may take: 100,000 real cards
# (a 60 MB collection) take about 40 per byte; the floor covers the smallest collections.
STEPS_PER_BYTE = 400
STEP_FLOOR = 200_000_000


def read_anki_package(path: Path, now: datetime, cancel: Cancel | None = None) -> Loaded:
    with SafeZip(path, kind=KIND, cancel=cancel) as archive:
        _check_meta(path, archive)
        name = next((name for name in COLLECTIONS if archive.has(name)), None)
        if name is None:
            raise ExchangeError(path, f"not an {KIND} (no collection.anki2 inside)")
        media = read_package_media(path, archive)
        renames = {anki_name: kept.name for anki_name, kept in media.files.items()}
        with temporary_folder() as folder:
            database = folder / "collection.sqlite3"
            with database.open("wb") as target:
                if name.endswith("b"):
                    _unzstd(path, archive, name, target)
                else:
                    archive.copy_to(name, target)
            loaded = read_collection(path, database, now, row_limit(path), cancel, renames)
    bundle = loaded.bundle
    if media.files:  # else no card can name one: the text is not searched
        cards = bundle.cards
        used = names_in(text for card in cards for text in (card.front, card.back, card.source))
        kept = {file.name: file for file in media.files.values() if file.name in used}
        bundle = replace(bundle, media=tuple(kept.values()))
    return Loaded(bundle, (*media.warnings, *loaded.warnings))


def _check_meta(path: Path, archive: SafeZip) -> None:
    if not archive.has("meta"):
        return
    try:
        fields = protobuf_fields(archive.read("meta"))
    except ValueError:
        raise ExchangeError(path, "the package's meta entry is damaged") from None
    version = fields.get(1, [0])[0]
    if isinstance(version, int) and version > NEWEST_PACKAGE_VERSION:
        raise ExchangeError(
            path,
            f"written by a newer Anki (package version {version}; Keeper reads up to "
            f"{NEWEST_PACKAGE_VERSION}): export it from Anki with 'Support older Anki versions'",
        )


def _unzstd(path: Path, archive: SafeZip, name: str, target: BinaryIO) -> None:
    """Decompress in 1 MiB chunks, each counted against the archive's expansion budget,
    straight from the zip entry (read whole first, a 50 MB package held 100 MB more)."""
    try:
        with archive.reader(name) as entry:
            source = cast("IO[bytes]", entry)  # zstandard only calls its read()
            reader = zstandard.ZstdDecompressor().stream_reader(source)
            while chunk := reader.read(MiB):
                archive.expand(name, len(chunk))
                target.write(chunk)
    except zstandard.ZstdError as error:
        raise ExchangeError(path, f"{name} is damaged (zstd: {error})") from None


# The collection ------------------------------------------------------------------------


# What a hostile collection's values raise: a NULL where text belongs (AttributeError), a
# time past the year 9999 (OverflowError), JSON nested 100,000 deep (RecursionError).
_DAMAGE = (
    ValueError, KeyError, TypeError, IndexError, AttributeError, ArithmeticError, RecursionError,
)  # fmt: skip


def read_collection(
    path: Path,
    database: Path,
    now: datetime,
    rows: int,
    cancel: Cancel | None = None,
    media: Mapping[str, str] | None = None,
) -> Loaded:
    """Cards, decks and history from an Anki collection file (schema 11 or 18), reading
    only its real tables, at most `rows` notes, cards and reviews, with SQLite's work
    bounded by the file's size."""
    steps = max(STEP_FLOOR, STEPS_PER_BYTE * database.stat().st_size)
    try:
        with open_foreign(path, database, INSIDE, cancel, steps) as connection:
            tables = check_tables(path, connection, INSIDE, TABLES)
            _check_rows(path, connection, rows)
            loaded = _read(path, connection, tables, now, media or {})
    except _DAMAGE as error:
        raise ExchangeError(path, f"{INSIDE} is damaged ({error})") from None
    check_cancel(cancel)
    return loaded


def _check_rows(path: Path, connection: sqlite3.Connection, limit: int) -> None:
    counts = [
        connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("notes", "cards", "revlog")
    ]
    if sum(counts) > limit:
        notes, cards, reviews = (f"{count:,}" for count in counts)
        raise ExchangeError(
            path,
            f"{INSIDE} has {notes} notes, {cards} cards and {reviews} reviews: more than "
            f"{limit:,} rows, far more than a package of this size holds",
        )


_CARDS = (
    "SELECT id, nid, did, odid, ord, type, queue, due, ivl, factor, reps, lapses, data "
    "FROM cards ORDER BY nid, ord"
)
# guid, note type id, tags, field values. Tuples, not lists: the garbage collector stops
# tracking a tuple of strings, instead of walking 100,000 notes' lists at every full
# collection while the cards are read (0.2 s of the 1.6 s read of 100,000 cards).
Note = tuple[str, int, tuple[str, ...], tuple[str, ...]]


def _read(
    path: Path,
    connection: sqlite3.Connection,
    tables: set[str],
    now: datetime,
    media: Mapping[str, str],
) -> Loaded:
    created = int(connection.execute("SELECT crt FROM col").fetchone()[0])
    if "notetypes" in tables:
        note_types, deck_names = _modern_types(connection), _modern_decks(connection)
    else:
        models, decks = connection.execute("SELECT models, decks FROM col").fetchone()
        note_types, deck_names = _legacy_types(models), _legacy_decks(decks)
    notes: dict[int, Note] = {
        note_id: (guid, mid, tuple(tags.split()), tuple(fields.split("\x1f")))
        for note_id, guid, mid, tags, fields in connection.execute(
            "SELECT id, guid, mid, tags, flds FROM notes"
        )
    }
    log: dict[int, list[AnkiReview]] = defaultdict(list)
    for row in connection.execute(
        "SELECT cid, id, ease, ivl, factor, time, type FROM revlog ORDER BY cid, id"
    ):
        log[row[0]].append(AnkiReview(row[1], row[2], row[3], row[4], max(0, row[5]), row[6]))
    builder = _BundleBuilder(note_types, deck_names, HistoryReplay(created), now, media)
    for row in connection.execute(_CARDS):
        builder.add(row, notes.get(row[1]), log.get(row[0], []))
    return builder.loaded()


class _BundleBuilder:
    """Collects Keeper cards, decks and reviews from Anki's cards, one row at a time."""

    def __init__(
        self,
        note_types: dict[int, NoteType],
        deck_names: dict[int, str],
        replay: HistoryReplay,
        now: datetime,
        media: Mapping[str, str],
    ) -> None:
        self._media = media  # Anki's media file names to the store names they are kept as
        self._note_types = note_types
        self._deck_names = deck_names
        self._replay = replay
        self._now = now
        self.decks: dict[str, BundleDeck] = {}
        self.cards: list[BundleCard] = []
        self.reviews: list[BundleReview] = []
        self.orphans = self.empty = self.media = 0
        # Worked out once, not once a card: where a card's text comes from (by note type,
        # ordinal and number of values), each deck (by Anki's deck and original deck), and
        # the note whose cards come now (cards are read by note: its fields are made
        # Markdown once for all of them).
        self._layouts: dict[tuple[int, int, int], CardLayout] = {}
        self._card_decks: dict[tuple[Any, Any], BundleDeck] = {}
        self._unspoken: dict[tuple[str, ...], tuple[str, ...] | None] = {}  # by tags
        self._note: Note | None = None
        self._note_text = NoteText(())

    def add(self, row: tuple[Any, ...], note: Note | None, log: list[AnkiReview]) -> None:
        note_type = self._note_types.get(note[1]) if note else None
        if note is None or note_type is None:
            self.orphans += 1
            return
        ordinal = row[4]
        anki_guid, _type_id, tags, values = note
        if note is not self._note:
            self._note = note
            if self._media:
                values = tuple(rename_references(value, self._media) for value in values)
            self._note_text = NoteText(values)
        layout = self._layouts.get((note_type.id, ordinal, len(values)))
        if layout is None:
            layout = self._layout(note_type, ordinal, len(values))
        text = layout.text(self._note_text)
        if text is None:
            self.empty += 1
            return
        self.media += text.media
        deck = self._card_decks.get((row[2], row[3])) or self._deck(row[2], row[3])
        keeper_id = layout.keeper_id_of(self._note_text)
        kind, tags, siblings = self._card_kind(text, tags, anki_guid, keeper_id)
        if kind is CardKind.CLOZE:
            guid = cloze_card_guid(anki_guid, ordinal, keeper_id)
        else:
            guid = card_guid(anki_guid, ordinal, keeper_id)
        schedule = AnkiSchedule(row[5], row[6], row[7], row[8], row[9], row[10], row[11],
                                row[12] or "")  # fmt: skip
        memory, history = self._replay.card(guid, schedule, log, self._now)
        self.cards.append(
            BundleCard(guid, deck.guid, text.front, text.back, tags, text.source,
                       memory, suspended=schedule.queue == -1, kind=kind, cloze=text.cloze,
                       note_guid=siblings)
        )  # fmt: skip
        self.reviews.extend(history)

    def _layout(self, note_type: NoteType, ordinal: int, values: int) -> CardLayout:
        # The note's fields: as many as it has values (as zip pairs them), no more.
        layout = card_layout(note_type, ordinal, note_type.fields[:values])
        self._layouts[(note_type.id, ordinal, values)] = layout
        return layout

    def _deck(self, deck_id: Any, original_deck: Any) -> BundleDeck:
        names = self._deck_names
        name = names.get(original_deck or deck_id) or names.get(deck_id) or "Default"
        deck = self.decks.get(name)
        if deck is None:
            deck = self.decks[name] = BundleDeck(_deck_guid(name), name)
        self._card_decks[(deck_id, original_deck)] = deck
        return deck

    def _card_kind(
        self, text: CardText, tags: tuple[str, ...], anki_guid: str, keeper_id: str
    ) -> tuple[CardKind, tuple[str, ...], str]:
        """The card's kind, its tags without Keeper's spoken tag, and its note guid."""
        if text.cloze:
            return CardKind.CLOZE, tags, note_guid(anki_guid, keeper_id)
        if tags not in self._unspoken:
            spoken = any(tag.lower() == SPOKEN_TAG for tag in tags)
            unspoken = tuple(t for t in tags if t.lower() != SPOKEN_TAG) if spoken else None
            self._unspoken[tags] = unspoken
        unspoken = self._unspoken[tags]
        if unspoken is not None:
            return CardKind.SPOKEN, unspoken, ""
        return CardKind.BASIC, tags, ""

    def loaded(self) -> Loaded:
        warnings = []
        if self.media:
            warnings.append(f"{self.media} images or sounds in card text were left out")
        if self.empty:
            warnings.append(
                f"{self.empty} cards skipped: nothing Keeper can show (empty, image occlusion)"
            )
        if self.orphans:
            warnings.append(f"{self.orphans} cards skipped: their note or note type is missing")
        bundle = Bundle(tuple(self.decks.values()), tuple(self.cards), tuple(self.reviews))
        return Loaded(bundle, tuple(warnings))


def _deck_guid(name: str) -> str:
    return "anki-deck:" + hashlib.sha1(name.encode()).hexdigest()[:20]


def _legacy_types(models_json: str) -> dict[int, NoteType]:
    models: dict[str, Any] = json.loads(models_json or "{}")
    types = {}
    for model in models.values():
        fields = tuple(field["name"] for field in sorted(model["flds"], key=lambda f: f["ord"]))
        templates = tuple(
            (template.get("qfmt", ""), template.get("afmt", ""))
            for template in sorted(model["tmpls"], key=lambda t: t["ord"])
        )
        types[int(model["id"])] = NoteType(
            int(model["id"]), model.get("name", ""), model.get("type") == 1, fields, templates
        )
    return types


def _legacy_decks(decks_json: str) -> dict[int, str]:
    decks: dict[str, Any] = json.loads(decks_json or "{}")
    return {int(deck["id"]): deck["name"] for deck in decks.values()}


def _modern_types(connection: sqlite3.Connection) -> dict[int, NoteType]:
    fields: dict[int, list[str]] = defaultdict(list)
    for note_type, name in connection.execute("SELECT ntid, name FROM fields ORDER BY ntid, ord"):
        fields[note_type].append(name)
    templates: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for note_type, config in connection.execute(
        "SELECT ntid, config FROM templates ORDER BY ntid, ord"
    ):
        parts = protobuf_fields(config)
        templates[note_type].append((_text(parts, 1), _text(parts, 2)))
    types = {}
    for type_id, name, config in connection.execute("SELECT id, name, config FROM notetypes"):
        cloze = protobuf_fields(config).get(1, [0])[0] == 1  # NotetypeConfig.kind == CLOZE
        types[type_id] = NoteType(
            type_id, name, cloze, tuple(fields[type_id]), tuple(templates[type_id])
        )
    return types


def _modern_decks(connection: sqlite3.Connection) -> dict[int, str]:
    return {
        deck_id: name.replace("\x1f", "::")
        for deck_id, name in connection.execute("SELECT id, name FROM decks")
    }


def _text(fields: dict[int, list[int | bytes]], number: int) -> str:
    value = fields.get(number, [b""])[0]
    return value.decode("utf-8") if isinstance(value, bytes) else ""
