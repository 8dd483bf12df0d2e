"""Pictures and sounds in card text: the names, the references, what is allowed.

A media file is kept under a name made from its content: the SHA-256 of its bytes in hex,
then its lowercase extension (`3a7b…e1.png`), so the same bytes are kept once and a name
can only ever mean one file. Card text (Markdown) names files two ways:

    ![a diagram](3a7b…e1.png)     a picture, as a Markdown image
    [sound:9c01…4f.mp3]           a sound, as Anki writes it

Anything else an image or link in card text names (a path, a URL) is never opened.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from typing import NamedTuple

IMAGE_TYPES = ("png", "jpg", "jpeg", "gif", "webp")
SOUND_TYPES = ("mp3", "ogg", "oga", "opus", "wav", "m4a", "flac")
ALLOWED_TYPES = IMAGE_TYPES + SOUND_TYPES  # SVG is refused: it can name other files
DEFAULT_LIMIT_MB = 20
MB = 1024 * 1024
# A picture wider or taller than this, or with more pixels, is taken for a decompression
# bomb (a few KB of PNG can declare 100,000 x 100,000 pixels: 40 GB to show).
MAX_SIDE = 16_384
MAX_PIXELS = 50_000_000

_HEX = "[0-9a-f]{64}"
_TYPES = "|".join(ALLOWED_TYPES)
NAME = re.compile(rf"{_HEX}\.(?:{_TYPES})")
_IMAGE_REFERENCE = re.compile(rf"!\[[^\[\]\n]*\]\(({_HEX}\.(?:{'|'.join(IMAGE_TYPES)}))\)")
_SOUND_REFERENCE = re.compile(rf"\[sound:({_HEX}\.(?:{'|'.join(SOUND_TYPES)}))\]")
_NO_ALT = re.compile(rf"!\[\]\(({_HEX}\.(?:{'|'.join(IMAGE_TYPES)}))\)")
_ALT_UNSAFE = re.compile(r"[\[\]\\\n\r]")


class MediaRefused(ValueError):
    """A file Keeper will not keep; the message says why in a few words."""


class MediaFile(NamedTuple):  # not a dataclass: settings read this module before first paint
    """A checked file and the name it is kept under."""

    name: str
    data: bytes


def is_media_name(name: str) -> bool:
    """True for a store name (content hash and an allowed extension), nothing else: no
    folder, no `..`, no scheme can pass."""
    return NAME.fullmatch(name) is not None


def is_image(name: str) -> bool:
    return name.rsplit(".", 1)[-1] in IMAGE_TYPES


def extension_of(filename: str) -> str:
    """The lowercase extension of `filename` ("" when none); `jpeg` is kept as written."""
    stem, dot, extension = filename.rpartition(".")
    return extension.lower() if dot and stem else ""


def media_name(data: bytes, extension: str) -> str:
    import hashlib  # OpenSSL: 3 ms the window's start (which reads a limit here) does without

    return f"{hashlib.sha256(data).hexdigest()}.{extension.lower()}"


def checked_media(data: bytes, filename: str, limit_mb: int = DEFAULT_LIMIT_MB) -> MediaFile:
    """`data` as a file Keeper keeps, named by its content; raises MediaRefused saying why
    (an unknown type, over the size limit, content that is not what its name says, or a
    picture too large to show)."""
    extension = extension_of(filename)
    if extension == "svg":
        raise MediaRefused("SVG pictures are not kept (they can load other files)")
    if extension not in ALLOWED_TYPES:
        shown = f".{extension}" if extension else "no extension"
        raise MediaRefused(f"unknown type ({shown}; Keeper keeps {', '.join(ALLOWED_TYPES)})")
    if len(data) > limit_mb * MB:
        raise MediaRefused(f"larger than the {limit_mb} MB limit ({len(data) / MB:.1f} MB)")
    if not _looks_like(extension, data):
        raise MediaRefused(f"its content is not a {extension} file")
    if extension in IMAGE_TYPES:
        size = image_size(data)
        if size is None:
            raise MediaRefused(f"a damaged {extension} picture (no size in its header)")
        width, height = size
        if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
            raise MediaRefused(f"a picture too large to show ({width} x {height} pixels)")
    return MediaFile(media_name(data, extension), data)


def referenced_names(text: str) -> list[str]:
    """The store names `text` shows as pictures or plays as sounds, in order, once each."""
    if "](" not in text and "[sound:" not in text:
        return []
    found = [(m.start(), m.group(1)) for m in _IMAGE_REFERENCE.finditer(text)]
    found += [(m.start(), m.group(1)) for m in _SOUND_REFERENCE.finditer(text)]
    return list(dict.fromkeys(name for _at, name in sorted(found)))


def sound_names(text: str) -> list[str]:
    """The sounds `text` plays, in order."""
    if "[sound:" not in text:
        return []
    return [match.group(1) for match in _SOUND_REFERENCE.finditer(text)]


def text_to_show(text: str, sound_marker: str) -> str:
    """`text` as the screen shows it: each sound reference as `sound_marker`, and each
    store picture with some alt text (Qt's Markdown reader drops `![](name)` altogether)."""
    if "![](" in text:
        text = _NO_ALT.sub(lambda m: image_reference(m.group(1)), text)
    if "[sound:" in text:
        text = _SOUND_REFERENCE.sub(sound_marker, text)
    return text


def names_in(texts: Iterable[str]) -> set[str]:
    return {name for text in texts for name in referenced_names(text)}


def image_reference(name: str, alt: str = "") -> str:
    """A picture in card text; never with empty alt text, which Qt would not show."""
    return f"![{_ALT_UNSAFE.sub(' ', alt).strip() or 'picture'}]({name})"


def sound_reference(name: str) -> str:
    return f"[sound:{name}]"


_SIGNATURES: dict[str, tuple[tuple[int, bytes], ...]] = {
    "png": ((0, b"\x89PNG\r\n\x1a\n"),),
    "jpg": ((0, b"\xff\xd8\xff"),),
    "jpeg": ((0, b"\xff\xd8\xff"),),
    "gif": ((0, b"GIF87a"), (0, b"GIF89a")),
    "webp": ((8, b"WEBP"),),
    "ogg": ((0, b"OggS"),),
    "oga": ((0, b"OggS"),),
    "opus": ((0, b"OggS"),),
    "wav": ((8, b"WAVE"),),
    "flac": ((0, b"fLaC"),),
    "m4a": ((4, b"ftyp"),),
}


def _looks_like(extension: str, data: bytes) -> bool:
    if extension == "mp3":  # an ID3 tag, or straight into an MPEG audio frame
        return data.startswith(b"ID3") or (len(data) > 1 and data[0] == 0xFF and data[1] >= 0xE0)
    return any(data[at : at + len(magic)] == magic for at, magic in _SIGNATURES[extension])


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG, GIF, JPEG or WebP header, or None when it has none."""
    try:
        if data.startswith(b"\x89PNG"):
            width, height = struct.unpack(">II", data[16:24])
            return int(width), int(height)
        if data.startswith(b"GIF"):
            width, height = struct.unpack("<HH", data[6:10])
            return int(width), int(height)
        if data[8:12] == b"WEBP":
            return _webp_size(data)
        if data.startswith(b"\xff\xd8"):
            return _jpeg_size(data)
    except struct.error:
        return None
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 9 < len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return int(width), int(height)
        at += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return int(width & 0x3FFF), int(height & 0x3FFF)
    return None
