"""The pictures and sounds in an Anki package, and the names its cards use for them.

A package holds its media as numbered zip entries (`0`, `1`, ...) and a manifest `media`
naming them: JSON `{"0": "cat.jpg"}` in older packages; in newer ones (package version 3)
a zstd-compressed protobuf `MediaEntries` list whose n-th entry is zip entry `n`, each file
zstd-compressed too. Every file is checked (core/media.py) and renamed to its content
hash; card text is rewritten to those names before it becomes Markdown.

A manifest that names an unsafe path or a file the archive lacks refuses the package; a
file Keeper does not keep (its type, size, a picture too large to show) is left out with a
warning, and the cards keep no reference to it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import zstandard

from trainer.core.media import (
    DEFAULT_LIMIT_MB,
    MB,
    MediaFile,
    MediaRefused,
    checked_media,
    image_reference,
    sound_reference,
)
from trainer.exchange.anki_protobuf import protobuf_fields
from trainer.exchange.errors import ExchangeError
from trainer.exchange.safe_zip import SafeZip

MANIFEST = "media"
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_DRIVE = re.compile(r"^[A-Za-z]:")
_SOUND = re.compile(r"\[sound:([^\[\]]*)\]")
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\b(src|alt)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.I)


@dataclass
class PackageMedia:
    files: dict[str, MediaFile] = field(default_factory=dict)  # by the name Anki used
    warnings: list[str] = field(default_factory=list)


def read_package_media(
    path: Path, archive: SafeZip, limit_mb: int = DEFAULT_LIMIT_MB
) -> PackageMedia:
    """Every file the manifest names, checked; raises ExchangeError for a bad manifest."""
    found = PackageMedia()
    if not archive.has(MANIFEST):
        return found
    raw = archive.read(MANIFEST)
    modern = raw.startswith(ZSTD_MAGIC)
    entries = _modern_entries(path, archive, raw) if modern else _legacy_entries(path, raw)
    refused: dict[str, list[str]] = {}
    for entry, name in entries:
        _check_name(path, name)
        if not archive.has(entry):
            raise ExchangeError(
                path, f"the media manifest names {name!r} (entry {entry}), not in the archive"
            )
        if name.startswith("_"):
            continue  # Anki's files for templates (fonts, scripts): no card text names them
        if archive.size(entry) > limit_mb * MB + MB and not modern:
            refused.setdefault(f"larger than the {limit_mb} MB limit", []).append(name)
            continue
        data = _unzstd(path, archive, entry, limit_mb) if modern else archive.read(entry)
        try:
            found.files[name] = checked_media(data, name, limit_mb)
        except MediaRefused as why:
            refused.setdefault(str(why), []).append(name)
    for reason, names in refused.items():
        others = f" and {len(names) - 1} more" if len(names) > 1 else ""
        found.warnings.append(f"media file {names[0]!r}{others} left out: {reason}")
    return found


def _legacy_entries(path: Path, raw: bytes) -> list[tuple[str, str]]:
    try:
        manifest = json.loads(raw.decode("utf-8") or "{}")
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ExchangeError(path, "the media manifest is damaged (not JSON)") from None
    if not isinstance(manifest, dict) or not all(
        isinstance(name, str) for name in manifest.values()
    ):
        raise ExchangeError(path, "the media manifest is damaged (not a map of names)")
    return list(manifest.items())


def _modern_entries(path: Path, archive: SafeZip, raw: bytes) -> list[tuple[str, str]]:
    try:
        data = zstandard.ZstdDecompressor().stream_reader(raw).read(archive.size(MANIFEST) * 64)
        entries = []
        for index, entry in enumerate(protobuf_fields(data).get(1, [])):
            if not isinstance(entry, bytes):
                raise ValueError("an entry is not a message")
            fields = protobuf_fields(entry)
            name = fields.get(1, [b""])[0]
            if not isinstance(name, bytes):
                raise ValueError("a name is not text")
            legacy = fields.get(255, [index])[0]
            entries.append((str(legacy), name.decode("utf-8")))
    except (zstandard.ZstdError, ValueError) as error:
        raise ExchangeError(path, f"the media manifest is damaged ({error})") from None
    return entries


def _check_name(path: Path, name: str) -> None:
    unsafe = any(part in name for part in ("/", "\\", "\x00", ".."))
    if unsafe or not name.strip() or _DRIVE.match(name):
        raise ExchangeError(path, f"the media manifest names an unsafe file name {name!r}")


def _unzstd(path: Path, archive: SafeZip, entry: str, limit_mb: int) -> bytes:
    """The file, decompressed up to one byte past the size limit (then it is refused)."""
    try:
        reader = zstandard.ZstdDecompressor().stream_reader(archive.read(entry))
        data = reader.read(limit_mb * MB + 1)
    except zstandard.ZstdError as error:
        raise ExchangeError(path, f"media entry {entry} is damaged (zstd: {error})") from None
    archive.expand(entry, len(data))
    return data


def rename_references(text: str, names: Mapping[str, str]) -> str:
    """Anki field HTML with each `<img>` and `[sound:]` naming a kept file rewritten to
    Keeper's reference (`![alt](hash.png)`, `[sound:hash.mp3]`); others are left for the
    HTML converter to drop and count."""
    if not names or ("<img" not in text.lower() and "[sound:" not in text):
        return text

    def sound(match: re.Match[str]) -> str:
        kept = _lookup(match.group(1), names)
        return sound_reference(kept) if kept else match.group()

    def image(match: re.Match[str]) -> str:
        attributes = {
            key.lower(): html.unescape("".join(values))  # one of the three matched
            for key, *values in _ATTRIBUTE.findall(match.group())
        }
        kept = _lookup(attributes.get("src", ""), names)
        if kept is None:
            return match.group()
        return html.escape(image_reference(kept, attributes.get("alt", "")), quote=False)

    return _IMG.sub(image, _SOUND.sub(sound, text))


def _lookup(name: str, names: Mapping[str, str]) -> str | None:
    return names.get(name) or names.get(html.unescape(name)) or names.get(unquote(name))
