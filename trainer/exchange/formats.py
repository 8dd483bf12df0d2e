"""Which format a file is in, and reading or writing it through the right module."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path

from trainer.core.storable_text import LONE_SURROGATE
from trainer.exchange import anki_export, anki_import, csv_file, keeper_file
from trainer.exchange.bundle import Bundle, Loaded
from trainer.exchange.errors import Cancel, ExchangeError
from trainer.exchange.keeper_limits import check_keepable
from trainer.exchange.safe_zip import SafeZip, check_input_file, looks_like_zip


class Format(StrEnum):
    KEEPER = "keeper"
    APKG = "apkg"
    CSV = "csv"


_BY_SUFFIX = {
    keeper_file.SUFFIX: Format.KEEPER,
    **dict.fromkeys(anki_import.SUFFIXES, Format.APKG),
    **dict.fromkeys(csv_file.SUFFIXES, Format.CSV),
}
# Each deck is created on its own (about 1.6 ms): 5,000 take seconds, 150,000 minutes.
MAX_DECKS = 5_000


def export_format(path: Path, chosen: str | None = None) -> Format:
    """The format asked for, else the one the file name's extension says."""
    if chosen:
        try:
            return Format(chosen.lower())
        except ValueError:
            raise ExchangeError(
                path, f"unknown format {chosen!r} (use keeper, apkg or csv)"
            ) from None
    found = _BY_SUFFIX.get(path.suffix.lower())
    if found is None:
        raise ExchangeError(
            path,
            "cannot tell the format from the extension (use .keeper, .apkg or .csv, "
            "or choose a format)",
        )
    return found


def import_format(path: Path) -> Format:
    """The format by extension; for other names, a zip is looked into and text is CSV."""
    found = _BY_SUFFIX.get(path.suffix.lower())
    if found is not None:
        return found
    check_input_file(path)
    if not looks_like_zip(path):
        return Format.CSV
    with SafeZip(path) as archive:
        if archive.has("manifest.json"):
            return Format.KEEPER
        if any(archive.has(name) for name in anki_import.COLLECTIONS):
            return Format.APKG
    raise ExchangeError(
        path, "a zip archive that is neither a Keeper deck file nor an Anki package"
    )


def read_file(
    path: Path, now: datetime, deck_name: str | None = None, cancel: Cancel | None = None
) -> Loaded:
    """The file's bundle; CSV rows go to `deck_name`, or a deck named after the file.
    `cancel` is asked between chunks of work; when it answers True, ImportCancelled."""
    kind = import_format(path)
    if kind is Format.KEEPER:
        loaded = keeper_file.read_keeper(path, cancel)
    else:
        if kind is Format.APKG:
            loaded = anki_import.read_anki_package(path, now, cancel)
        else:
            loaded = csv_file.read_csv(path, deck_name or path.stem or "Imported", cancel)
        check_keepable(path, loaded.bundle)  # what Keeper imports, its own export can hold
    decks = len(loaded.bundle.decks)
    if decks > MAX_DECKS:
        raise ExchangeError(
            path, f"{decks:,} decks: Keeper imports at most {MAX_DECKS:,} decks from one file"
        )
    return loaded


def write_file(path: Path, bundle: Bundle, kind: Format, now: datetime) -> None:
    """Write the bundle atomically; raises ExchangeError for text no file can hold."""
    try:
        if kind is Format.KEEPER:
            keeper_file.write_keeper(path, bundle, now)
        elif kind is Format.APKG:
            anki_export.write_anki_package(path, bundle, now)
        else:
            csv_file.write_csv(path, bundle)
    except UnicodeEncodeError:  # the output was a temporary file, removed: nothing written
        raise ExchangeError(path, _lone_surrogate(bundle)) from None


def _lone_surrogate(bundle: Bundle) -> str:
    """Where the bundle holds a lone surrogate (what makes UTF-8 fail), in words."""
    places = [
        *((f"deck {d.guid!r}", {"name": d.name, "description": d.description})
          for d in bundle.decks),
        *((f"card {c.guid!r}", {"front": c.front, "back": c.back, "source": c.source,
                                "tags": " ".join(c.tags), "deck": c.deck_guid, "id": c.guid})
          for c in bundle.cards),
        *((f"story {s.title!r}", vars(s)) for s in bundle.stories),
    ]  # fmt: skip
    for place, fields in places:
        for field, value in fields.items():
            if isinstance(value, str) and (found := LONE_SURROGATE.search(value)):
                return (  # repr() writes a surrogate in a name as \\udcff
                    f"{place}: the {field} holds a lone surrogate (U+{ord(found.group()):04X}), "
                    "which is not text"
                )
    return "some text cannot be written as UTF-8"
