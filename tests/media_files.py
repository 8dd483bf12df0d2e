"""Small real media files for tests: a PNG of any declared size, an MP3 frame."""

from __future__ import annotations

import struct
import zlib


def png(width: int = 4, height: int = 3, shade: int = 0) -> bytes:
    """A valid PNG. A huge `width` x `height` is a decompression bomb: its pixel rows are
    one compressed run of zeros, a few KB for gigabytes of pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    compressor = zlib.compressobj(9)
    row = b"\x00" + bytes([shade]) * width
    pixels = b"".join(compressor.compress(row) for _ in range(min(height, 4096)))
    pixels += compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def mp3(tag: bytes = b"") -> bytes:
    """An ID3 tag and one silent MPEG-1 layer III frame (enough for every type check)."""
    frame = b"\xff\xfb\x90\x64" + b"\x00" * 413
    return b"ID3\x04\x00\x00\x00\x00\x00\x00" + frame + tag
