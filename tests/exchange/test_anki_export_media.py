"""Keeper's .apkg carries its pictures and sounds so that Anki shows and plays them (judged
by the official `anki` package), and they come home to Keeper unchanged."""

from __future__ import annotations

from pathlib import Path

from tests.exchange.anki_helpers import anki_collection_at, import_package
from tests.media_files import mp3, png
from trainer.core.cards import NewCard
from trainer.core.media import image_reference, sound_reference
from trainer.services.services import Services

PICTURE, SOUND = png(12, 9, 77), mp3(b"hello")


def export_a_card_with_media(services: Services, tmp_path: Path) -> tuple[Path, str, str]:
    picture = services.media.add(PICTURE, "map.png")
    sound = services.media.add(SOUND, "hello.mp3")
    services.card_edits.add_cards(
        "Media",
        [NewCard(front=f"Where? {image_reference(picture, 'a map')}",
                 back=f"Here {sound_reference(sound)}", guid="media-card")],
    )  # fmt: skip
    package = tmp_path / "media.apkg"
    services.exchange.export_file(package, deck="Media")
    return package, picture, sound


def test_anki_shows_the_picture_and_plays_the_sound(services: Services, tmp_path: Path) -> None:
    package, picture, sound = export_a_card_with_media(services, tmp_path)
    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as collection:
        import_package(collection, package)
        (note_id,) = collection.find_notes("")
        note = collection.get_note(note_id)
        assert f'<img src="{picture}"' in note["Front"]
        assert f"[sound:{sound}]" in note["Back"]
        media = Path(collection.media.dir())
        assert (media / picture).read_bytes() == PICTURE
        assert (media / sound).read_bytes() == SOUND


def test_the_media_come_home_to_keeper(services: Services, tmp_path: Path) -> None:
    package, picture, sound = export_a_card_with_media(services, tmp_path)
    from trainer.app import open_services

    other = open_services(tmp_path / "other", services.clock, fuzzing=False)
    try:
        other.exchange.import_file(package)
        (card_id,) = other.browse.search("deck:Media")
        card = other.browse.card(card_id)
        assert card is not None
        assert card.front == f"Where? {image_reference(picture, 'a map')}"
        assert card.back == f"Here {sound_reference(sound)}"
        assert other.media.read(picture) == PICTURE and other.media.read(sound) == SOUND
    finally:
        other.close()


def test_a_keeper_file_carries_the_media(services: Services, tmp_path: Path) -> None:
    _package, picture, sound = export_a_card_with_media(services, tmp_path)
    keeper = tmp_path / "media.keeper"
    services.exchange.export_file(keeper, deck="Media")
    from trainer.app import open_services

    other = open_services(tmp_path / "other", services.clock, fuzzing=False)
    try:
        other.exchange.import_file(keeper)
        assert other.media.read(picture) == PICTURE and other.media.read(sound) == SOUND
    finally:
        other.close()


def test_a_keeper_file_whose_media_do_not_match_their_names_is_refused(
    services: Services, tmp_path: Path
) -> None:
    import zipfile

    import pytest

    from trainer.exchange.errors import ExchangeError

    _package, picture, _sound = export_a_card_with_media(services, tmp_path)
    keeper, tampered = tmp_path / "media.keeper", tmp_path / "tampered.keeper"
    services.exchange.export_file(keeper, deck="Media")
    with zipfile.ZipFile(keeper) as source, zipfile.ZipFile(tampered, "w") as target:
        for entry in source.namelist():
            data = source.read(entry)
            target.writestr(entry, png(3, 3) if entry == f"media/{picture}" else data)
    before = services.browse.search("")
    with pytest.raises(ExchangeError, match=f"media/{picture}: its content does not match"):
        services.exchange.import_file(tampered)
    assert services.browse.search("") == before


def test_a_csv_export_names_the_files_and_can_copy_them_beside_it(
    services: Services, tmp_path: Path
) -> None:
    _package, picture, sound = export_a_card_with_media(services, tmp_path)
    csv, folder = tmp_path / "media.csv", tmp_path / "media-files"
    services.exchange.export_file(csv, deck="Media", media_folder=folder)
    text = csv.read_text(encoding="utf-8")
    assert picture in text and sound in text
    assert (folder / picture).read_bytes() == PICTURE and (folder / sound).read_bytes() == SOUND
