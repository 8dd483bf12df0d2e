"""Pictures and sounds in a .keeper file (format 3 on): `media/<sha256>.<ext>` entries,
each named by its own content, checked like any file the store keeps."""

from __future__ import annotations

from pathlib import Path

from trainer.core.media import MediaFile, MediaRefused, checked_media, is_media_name
from trainer.exchange.errors import ExchangeError
from trainer.exchange.safe_zip import SafeZip

MEDIA_PREFIX = "media/"


def read_media(path: Path, archive: SafeZip) -> tuple[MediaFile, ...]:
    """The files under media/, each named by its content: anything else refuses the file."""
    files = []
    for entry in archive.names:
        if not entry.startswith(MEDIA_PREFIX):
            continue
        name = entry.removeprefix(MEDIA_PREFIX)
        if not is_media_name(name):
            raise ExchangeError(path, f"{entry}: not a media file name (hash.extension)")
        try:
            media = checked_media(archive.read(entry), name)
        except MediaRefused as why:
            raise ExchangeError(path, f"{entry}: {why}") from None
        if media.name != name:
            raise ExchangeError(path, f"{entry}: its content does not match its name")
        files.append(media)
    return tuple(files)
