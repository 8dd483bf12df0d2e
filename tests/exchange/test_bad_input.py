"""Every kind of bad file is refused with one line naming it, and changes nothing."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.exchange.helpers import snapshot
from trainer.exchange import safe_zip
from trainer.exchange.errors import ExchangeError
from trainer.services.services import Services

GOOD_MANIFEST = {"format": "keeper", "version": 1, "created": "2026-03-10T10:00:00Z"}
GOOD_DECKS = [{"guid": "deck:a", "name": "Shared"}]
GOOD_CARDS = [{"guid": "card:1", "deck": "deck:a", "front": "Q", "back": "A", "tags": ["t"]}]


def write_zip(path: Path, entries: dict[str, Any]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in entries.items():
            if not isinstance(value, str | bytes):
                value = json.dumps(value)
            info = zipfile.ZipInfo(name)  # keeps the name exactly, even '/etc/passwd'
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, value)
    return path


def keeper(path: Path, **replace: Any) -> Path:
    entries = {"manifest.json": GOOD_MANIFEST, "decks.json": GOOD_DECKS, "cards.json": GOOD_CARDS}
    entries.update({name.replace("_", "."): value for name, value in replace.items()})
    return write_zip(path, {name: value for name, value in entries.items() if value is not None})


def refused(services: Services, path: Path, reason: str) -> None:
    """The import fails with `<path>: ...reason...` on one line and the collection is as it was."""
    before = snapshot(services)
    with pytest.raises(ExchangeError) as caught:
        services.exchange.import_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert reason in message
    assert "\n" not in message
    assert snapshot(services) == before


def test_a_good_file_is_accepted(tmp_path: Path, services: Services) -> None:
    assert services.exchange.import_file(keeper(tmp_path / "good.keeper")).added == 1


@pytest.mark.parametrize("name", ["empty.keeper", "empty.apkg", "empty.csv"])
def test_empty_files(tmp_path: Path, services: Services, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    refused(services, path, "the file is empty")


def test_a_missing_file(tmp_path: Path, services: Services) -> None:
    refused(services, tmp_path / "nowhere.keeper", "no such file")


@pytest.mark.parametrize(
    "name, reason",
    [
        ("deck.keeper", "not a Keeper deck file (a Keeper deck file is a zip archive)"),
        ("deck.apkg", "not an Anki package (an Anki package is a zip archive)"),
    ],
)
def test_not_a_zip(tmp_path: Path, services: Services, name: str, reason: str) -> None:
    path = tmp_path / name
    path.write_text("front,back\nq,a\n")
    refused(services, path, reason)


def test_a_truncated_archive(tmp_path: Path, services: Services) -> None:
    whole = keeper(tmp_path / "whole.keeper", cards_json=GOOD_CARDS * 1)
    data = whole.read_bytes()
    cut = tmp_path / "cut.keeper"
    cut.write_bytes(data[: len(data) // 2])
    refused(services, cut, "the archive is truncated or damaged")


def test_a_damaged_entry_fails_its_checksum(tmp_path: Path, services: Services) -> None:
    path = tmp_path / "damaged.keeper"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, value in (("manifest.json", GOOD_MANIFEST), ("decks.json", GOOD_DECKS),
                            ("cards.json", GOOD_CARDS)):  # fmt: skip
            archive.writestr(name, json.dumps(value))
    data = bytearray(path.read_bytes())
    spot = data.index(b'"Q"')
    data[spot + 1 : spot + 2] = b"X"
    path.write_bytes(bytes(data))
    refused(services, path, "the archive is truncated or damaged (cards.json: Bad CRC-32")


def test_a_future_manifest_version(tmp_path: Path, services: Services) -> None:
    path = keeper(tmp_path / "future.keeper", manifest_json={**GOOD_MANIFEST, "version": 5})
    refused(services, path, "written by a newer Keeper (file format 5; this Keeper reads format 4)")


@pytest.mark.parametrize("version", [0, "1", None, 1.5])
def test_a_wrong_manifest_version(tmp_path: Path, services: Services, version: object) -> None:
    path = keeper(tmp_path / "wrong.keeper", manifest_json={**GOOD_MANIFEST, "version": version})
    refused(services, path, "manifest.json: unknown file format version")


def test_a_manifest_of_another_format(tmp_path: Path, services: Services) -> None:
    path = keeper(tmp_path / "other.keeper", manifest_json={**GOOD_MANIFEST, "format": "anki"})
    refused(services, path, "not a Keeper deck file (manifest.json does not say format 'keeper')")


def test_a_zip_without_a_manifest(tmp_path: Path, services: Services) -> None:
    path = keeper(tmp_path / "bare.keeper", manifest_json=None)
    refused(services, path, "not a Keeper deck file (manifest.json is missing)")


@pytest.mark.parametrize(
    "cards, reason",
    [
        ([{"guid": "c", "deck": "deck:a", "back": "A"}], "cards[0]: the field 'front' is missing"),
        ([{**GOOD_CARDS[0], "tags": ["two words"]}],
         "cards[0].tags[0]: must be a tag without spaces"),
        ([{**GOOD_CARDS[0], "front": 7}], "cards[0].front: must be a string"),
        ([{**GOOD_CARDS[0], "colour": "red"}], "cards[0]: unknown field 'colour'"),
        ([{**GOOD_CARDS[0], "memory": {"state": "sleeping", "reps": 0, "lapses": 0}}],
         "cards[0].memory.state: must be one of 'new', 'learning', 'review', 'relearning'"),
        ([{**GOOD_CARDS[0], "memory": {"state": "review", "reps": 1, "lapses": 0,
                                       "due": "tomorrow"}}],
         "cards[0].memory.due: must be a UTC time like 2026-01-31T09:30:00Z, or null"),
        ({"cards": []}, "cards.json: cards: must be a list"),
        ([{**GOOD_CARDS[0], "deck": "deck:nowhere"}], "cards[0].deck: no deck 'deck:nowhere'"),
        (GOOD_CARDS * 2, "cards[1].guid: 'card:1' appears twice"),
    ],
)  # fmt: skip
def test_schema_violations_name_the_entry_path_and_rule(
    tmp_path: Path, services: Services, cards: object, reason: str
) -> None:
    refused(services, keeper(tmp_path / "bad.keeper", cards_json=cards), reason)


def test_invalid_json(tmp_path: Path, services: Services) -> None:
    path = keeper(tmp_path / "broken.keeper", decks_json='[{"guid": "d", ')
    refused(services, path, "decks.json is not valid JSON (line 1, column")


@pytest.mark.parametrize("name", ["/etc/passwd", "../outside.txt", "cards/../../x", "C:/x"])
def test_absolute_or_parent_entry_names(tmp_path: Path, services: Services, name: str) -> None:
    entries = {"manifest.json": GOOD_MANIFEST, "decks.json": GOOD_DECKS, "cards.json": GOOD_CARDS}
    path = write_zip(tmp_path / "escape.keeper", {**entries, name: "x"})
    refused(services, path, f"unsafe entry name {name!r} (absolute path or '..')")


def test_a_zip_bomb_entry(tmp_path: Path, services: Services) -> None:
    path = keeper(tmp_path / "bomb.keeper", stories_json=b"\x00" * (20 * 1024 * 1024))
    refused(services, path, "expands")
    refused(services, path, "refusing a possible zip bomb")


def test_too_many_entries(
    tmp_path: Path, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safe_zip, "DEFAULT_LIMITS", safe_zip.ZipLimits(max_entries=10))
    extra = {f"padding-{n}.txt": "x" for n in range(10)}
    path = write_zip(
        tmp_path / "crowd.keeper",
        {"manifest.json": GOOD_MANIFEST, "decks.json": GOOD_DECKS, "cards.json": GOOD_CARDS,
         **extra},
    )  # fmt: skip
    refused(services, path, "too many entries (13; the limit is 10): refusing a possible zip bomb")


def test_an_absurd_uncompressed_size(
    tmp_path: Path, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safe_zip, "DEFAULT_LIMITS", safe_zip.ZipLimits(max_total_size=1024**2))
    path = keeper(tmp_path / "large.keeper", stories_json=b" " * (2 * 1024 * 1024))
    refused(services, path, "uncompressed size is absurd (2 MiB; the limit is 1 MiB)")


def test_invalid_utf8_inside_a_keeper_file(tmp_path: Path, services: Services) -> None:
    path = keeper(tmp_path / "latin1.keeper", cards_json='[{"front": "caf\xe9"}]'.encode("latin-1"))
    refused(services, path, "cards.json is not valid UTF-8 text (byte 0xe9 at offset 15)")


def test_invalid_utf8_csv(tmp_path: Path, services: Services) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("front,back\ncaf\xe9,coffee\n".encode("latin-1"))
    refused(services, path, "is not valid UTF-8 text (byte 0xe9 at offset 14)")


def test_badly_quoted_csv(tmp_path: Path, services: Services) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text('front,back\n"ok",fine\n"broken"here,x\n')
    refused(services, path, "line 3: not valid CSV")


def test_an_anki_package_without_a_collection(tmp_path: Path, services: Services) -> None:
    path = write_zip(tmp_path / "hollow.apkg", {"media": "{}"})
    refused(services, path, "not an Anki package (no collection.anki2 inside)")


def test_an_anki_package_with_a_damaged_collection(tmp_path: Path, services: Services) -> None:
    path = write_zip(
        tmp_path / "damaged.apkg", {"collection.anki2": b"SQLite format 3\x00" + b"\x07" * 5000}
    )
    refused(services, path, "the Anki collection inside is damaged")


def test_an_anki_package_whose_collection_is_not_zstd(tmp_path: Path, services: Services) -> None:
    path = write_zip(tmp_path / "fake.apkg", {"collection.anki21b": b"not zstd at all"})
    refused(services, path, "collection.anki21b is damaged (zstd:")


def test_an_anki_package_from_a_newer_anki(tmp_path: Path, services: Services) -> None:
    path = write_zip(tmp_path / "future.apkg", {"meta": b"\x08\x09", "collection.anki21b": b""})
    refused(services, path, "written by a newer Anki (package version 9")


def test_an_anki_collection_with_invalid_utf8_text(tmp_path: Path, services: Services) -> None:
    database = tmp_path / "collection.anki2"
    with sqlite3.connect(database) as connection:
        connection.executescript(
            "CREATE TABLE col (crt INTEGER, models TEXT, decks TEXT);"
            "INSERT INTO col VALUES (0, '{}', '{}');"
            "CREATE TABLE notes (id, guid, mid, tags, flds);"
            "CREATE TABLE cards (id, nid, did, odid, ord, type, queue, due, ivl, factor, reps,"
            " lapses, data);"
            "CREATE TABLE revlog (id, cid, ease, ivl, factor, time, type);"
        )
        connection.execute(
            "INSERT INTO notes VALUES (1, 'g', 1, '', CAST(? AS TEXT))", (b"caf\xe9",)
        )
    path = write_zip(tmp_path / "latin1.apkg", {"collection.anki2": database.read_bytes()})
    refused(services, path, "the Anki collection inside is damaged")
