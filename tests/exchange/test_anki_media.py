"""Pictures and sounds in Anki packages (both manifests) arrive in Keeper, renamed to
their content hash, and the cards name them; bad media gets one line."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.exchange.anki_helpers import add_note, anki_collection_at, export_package
from tests.media_files import mp3, png
from trainer.core.clock import FixedClock
from trainer.core.media import media_name
from trainer.exchange.anki_import import read_anki_package
from trainer.exchange.errors import ExchangeError

PICTURE = png(8, 6, 90)
SOUND = mp3()


def package_with_media(tmp_path: Path, *, legacy: bool) -> Path:
    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as collection:
        picture = collection.media.write_data("map of japan.png", PICTURE)
        sound = collection.media.write_data("konnichiwa.mp3", SOUND)
        add_note(
            collection,
            "Basic",
            "Geography",
            {"Front": f'Where is Tokyo? <img src="{picture}" alt="a map">',
             "Back": f"East [sound:{sound}]"},
        )  # fmt: skip
        return export_package(collection, tmp_path / "deck.apkg", legacy=legacy, scheduling=False)


@pytest.mark.parametrize("legacy", [False, True], ids=["modern", "legacy"])
def test_an_image_and_a_sound_arrive_with_the_card_naming_them(
    tmp_path: Path, clock: FixedClock, legacy: bool
) -> None:
    package = package_with_media(tmp_path, legacy=legacy)
    with zipfile.ZipFile(package) as archive:
        manifest = archive.read("media")
    assert manifest.startswith(b"{") == legacy  # both kinds of manifest are really read

    loaded = read_anki_package(package, clock())

    picture, sound = media_name(PICTURE, "png"), media_name(SOUND, "mp3")
    (card,) = loaded.bundle.cards
    assert card.front == f"Where is Tokyo? ![a map]({picture})"
    assert card.back == f"East [sound:{sound}]"
    assert {file.name: file.data for file in loaded.bundle.media} == {
        picture: PICTURE,
        sound: SOUND,
    }
    assert not any("skipped" in line or "left out" in line for line in loaded.warnings)


def legacy_package(tmp_path: Path, manifest: object, entries: dict[str, bytes]) -> Path:
    """A package made by hand from a real one: its collection, this manifest and files."""
    real = package_with_media(tmp_path / "real", legacy=True)
    path = tmp_path / "crafted.apkg"
    with zipfile.ZipFile(real) as source, zipfile.ZipFile(path, "w") as target:
        for entry in source.namelist():
            if entry.startswith("collection."):
                target.writestr(entry, source.read(entry))
        target.writestr("media", json.dumps(manifest))
        for name, data in entries.items():
            target.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "name", ["../evil.png", "a/b.png", "c:evil.png", "x\x00.png", "..", "sub\\x.png"]
)
def test_a_manifest_naming_an_unsafe_path_refuses_the_package(
    tmp_path: Path, clock: FixedClock, name: str
) -> None:
    path = legacy_package(tmp_path, {"0": name}, {"0": PICTURE})
    with pytest.raises(ExchangeError) as refused:
        read_anki_package(path, clock())
    assert "unsafe file name" in str(refused.value)
    assert str(path) in str(refused.value) and "\n" not in str(refused.value)


def test_a_manifest_naming_a_file_not_in_the_archive_refuses_the_package(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = legacy_package(tmp_path, {"0": "map of japan.png", "7": "gone.mp3"}, {"0": PICTURE})
    with pytest.raises(ExchangeError, match="'gone.mp3' \\(entry 7\\), not in the archive"):
        read_anki_package(path, clock())


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("map of japan.png", png(100_000, 100_000), "a picture too large to show (100000 x 100000"),
        ("map of japan.png", b"<html>not a picture</html>", "its content is not a png file"),
        ("map of japan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (21 * 1024 * 1024),
         "larger than the 20 MB limit"),
    ],
    ids=["decompression-bomb", "wrong-content", "over-the-size-limit"],
)  # fmt: skip
def test_a_file_keeper_will_not_keep_is_left_out_with_one_line(
    tmp_path: Path, clock: FixedClock, name: str, data: bytes, reason: str
) -> None:
    path = legacy_package(tmp_path, {"0": name, "1": "konnichiwa.mp3"}, {"0": data, "1": SOUND})
    loaded = read_anki_package(path, clock())
    (card,) = loaded.bundle.cards
    assert card.front == "Where is Tokyo?"  # no reference to a file Keeper does not have
    assert [file.name for file in loaded.bundle.media] == [media_name(SOUND, "mp3")]
    (line,) = [line for line in loaded.warnings if "media file" in line]
    assert line.startswith(f"media file 'map of japan.png' left out: {reason}")


@pytest.mark.parametrize("name", ["drawing.svg", "clip.mp4", "script.js"])
def test_svg_and_unknown_types_are_left_out(tmp_path: Path, clock: FixedClock, name: str) -> None:
    manifest = {"0": name}
    path = legacy_package(tmp_path, manifest, {"0": b'<svg><image href="file:///etc/passwd"/>'})
    loaded = read_anki_package(path, clock())
    assert loaded.bundle.media == ()
    (line,) = [line for line in loaded.warnings if "media file" in line]
    expected = "SVG pictures are not kept" if name.endswith("svg") else "unknown type"
    assert line.startswith(f"media file {name!r} left out: {expected}")
