"""The media store through the services: adding, checking, deleting unused files (undoable),
backups that share the store, restores that bring back what the cards name."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

from tests.media_files import mp3, png
from trainer.core.cards import NewCard
from trainer.core.media import MediaRefused, image_reference, media_name, sound_reference
from trainer.services.services import Services

PICTURE = png(5, 5, 10)


def add_card_naming(services: Services, text: str) -> None:
    services.card_edits.add_cards("Pictures", [NewCard(front=text, back="answer")])


def test_a_file_is_kept_once_under_its_content_hash(services: Services, data_dir: Path) -> None:
    first = services.media.add(PICTURE, "Diagram.PNG")
    again = services.media.add(PICTURE, "copy.png")
    assert first == again == media_name(PICTURE, "png")
    assert (data_dir / "media" / first).read_bytes() == PICTURE
    assert [path.name for path in (data_dir / "media").iterdir()] == [first]  # no temp left


@pytest.mark.parametrize(
    ("data", "filename", "reason"),
    [
        (PICTURE, "notes.txt", "unknown type (.txt"),
        (b"<svg/>", "drawing.svg", "SVG pictures are not kept"),
        (png(60_000, 60_000), "bomb.png", "a picture too large to show"),
        (b"\x89PNG\r\n\x1a\n" + bytes(21 * 2**20), "big.png", "larger than the 20 MB limit"),
    ],
    ids=["unknown-type", "svg", "decompression-bomb", "over-the-limit"],
)
def test_bad_media_is_refused_and_nothing_is_kept(
    services: Services, data_dir: Path, data: bytes, filename: str, reason: str
) -> None:
    with pytest.raises(MediaRefused, match=reason.replace("(", r"\(")):
        services.media.add(data, filename)
    assert not (data_dir / "media").exists() or not any((data_dir / "media").iterdir())


def test_the_size_limit_is_a_setting(services: Services) -> None:
    services.settings.save(services.settings.load()._replace(media_limit_mb=1))
    with pytest.raises(MediaRefused, match="larger than the 1 MB limit"):
        services.media.add(b"\x89PNG\r\n\x1a\n" + bytes(2 * 2**20), "big.png")


def test_check_media_lists_unused_files_and_cards_naming_missing_ones(services: Services) -> None:
    used = services.media.add(PICTURE, "used.png")
    unused = services.media.add(mp3(b"unused"), "unused.mp3")
    missing = media_name(b"never stored", "png")
    add_card_naming(services, f"{image_reference(used)} and {image_reference(missing)}")

    check = services.media.check()

    assert check.unused == (unused,)
    assert [name for name, _cards in check.missing] == [missing]


def test_deleting_unused_files_is_one_undo_step(services: Services, data_dir: Path) -> None:
    used = services.media.add(PICTURE, "used.png")
    unused = services.media.add(mp3(b"unused"), "unused.mp3")
    add_card_naming(services, sound_reference(used.replace(".png", ".mp3")) + image_reference(used))

    assert services.media.delete_unused([unused, used]) == 1  # a used file is never deleted
    assert services.media.read(unused) is None and services.media.read(used) == PICTURE
    assert services.undo.next_label == "Delete 1 unused media files"

    services.undo.undo()
    assert services.media.read(unused) == mp3(b"unused")


def test_backups_share_the_store_and_a_restore_brings_back_what_cards_name(
    services: Services, data_dir: Path
) -> None:
    name = services.media.add(PICTURE, "map.png")
    add_card_naming(services, f"Where? {image_reference(name)}")
    first = services.backups.create()
    shared = data_dir / "backups" / "media" / name
    # One shared copy, by hard link: the backup did not copy the picture's bytes.
    assert os.path.samefile(shared, data_dir / "media" / name)

    services.card_edits.delete(services.browse.search("deck:Pictures"))
    assert services.media.delete_unused([name]) == 1
    services.media.forget_deleted()  # the session ends: the file's undo is gone
    assert services.media.read(name) is None

    services.restore_backup(first)

    assert services.media.read(name) == PICTURE


def test_an_import_keeps_no_file_over_the_users_size_limit(
    services: Services, tmp_path: Path
) -> None:
    big = b"\x89PNG\r\n\x1a\n" + struct.pack(">II", 10, 10) + bytes(2 * 2**20)
    big = big[:8] + b"\x00\x00\x00\x0dIHDR" + struct.pack(">II", 10, 10) + big[16:]
    name = services.media.add(big, "big.png")
    add_card_naming(services, image_reference(name))
    package = tmp_path / "big.keeper"
    services.exchange.export_file(package, deck="Pictures")

    from trainer.app import open_services

    other = open_services(tmp_path / "other", services.clock, fuzzing=False)
    try:
        other.settings.save(other.settings.load()._replace(media_limit_mb=1))
        report = other.exchange.import_file(package)
        assert "1 media files left out: larger than the 1 MB limit" in report.warnings
        assert other.media.read(name) is None
    finally:
        other.close()
