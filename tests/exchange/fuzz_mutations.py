"""Hypothesis strategies for hostile files, and the mutations they apply to real ones.

Mutations are drawn as plain data (tuples), then applied, so a failing example prints as
a readable list of operations. Positions are taken modulo the current length.
"""

from __future__ import annotations

import hashlib
import struct
import warnings
import zipfile
from io import BytesIO
from typing import Any

from hypothesis import strategies as st

from tests.exchange.fuzz_sandbox import ESCAPE_MARK

# Text that has hurt parsers: deep nesting, quadratic-time patterns, remote resources.
HOSTILE_TEXT = [
    "", " ", "\x00", "\ufeff", "\x1f", "a\x1fb\x1fc", "é" * 3, "\ud7ff", "null", "{}", "[]",
    '{"lrt": 9000000000000000}', '{"s": 1e308, "d": -5, "lrt": -1}', '{"s": "x", "d": []}',
    "[" * 5000 + "]" * 5000, "<a " * 20000, "<!-- >" * 20000, "<![x", "<![CDATA[" * 5000,
    "{{c1::" * 20000, "{{c1::" + ":" * 20000 + "{}}", "[sound:" * 20000, "<!--",
    "<pre>" + " " * 30000 + "x</pre>", "<script>alert(1)</script>", "{{c1::a::b}}",
    '<img src="http://example.com/x.png">', "![x](https://example.com/y.png)",
    "2026-13-45T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
    "story:1:question", "story:deck", f"../{ESCAPE_MARK}", "\r\n", '"', "x" * 300_000,
]  # fmt: skip
HOSTILE_NUMBERS = [
    0, -1, 1, 2, 3, 4, 5, 11, 2**31, 2**53 + 1, 2**63 - 1, -(2**63), 10**30, 10**400,
    1_700_000_000_000, 0.5, -0.0, 1e308, 1e-320,
]  # fmt: skip
EVIL_NAMES = [
    f"../{ESCAPE_MARK}", f"../../{ESCAPE_MARK}", f"../../../../../../../../tmp/{ESCAPE_MARK}",
    f"/tmp/{ESCAPE_MARK}-absolute", f"..\\{ESCAPE_MARK}", f"C:/{ESCAPE_MARK}",
    f"C:\\{ESCAPE_MARK}", f"a/../../{ESCAPE_MARK}", f"\\\\server\\share\\{ESCAPE_MARK}",
    f"{ESCAPE_MARK}/../../x", f"./{ESCAPE_MARK}", f"~/{ESCAPE_MARK}", f"{ESCAPE_MARK}/",
    f"{ESCAPE_MARK}\x00.json", "",
]  # fmt: skip
ODD_BYTES = [
    b"\x00", b"\xff\xfe", b"\xc3(", b'"', b"\r", b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06",
    b"\xed\xa0\x80", b"\n,\n",
]  # fmt: skip
ODD_CELLS = [
    '"', '""', 'a"b', '"x"', ' "x"', '"open', "\x00", "\r", "\n", "\r\n", ",", "\t", ";", "|",
    "#", "front", "back", "tags", "deck", "id", "a b,c", "  padded  ",
]  # fmt: skip
KNOWN_NAMES = [
    "manifest.json", "decks.json", "cards.json", "reviews.json", "stories.json", "meta",
    "media", "0", "1", "collection.anki2", "collection.anki21", "collection.anki21b",
    "MANIFEST.JSON", "cards.json/", "ä.json",
]  # fmt: skip

positions = st.integers(min_value=0, max_value=2**32)
numbers = st.one_of(st.integers(), st.sampled_from(HOSTILE_NUMBERS), st.floats(width=64))
strings = st.one_of(st.text(max_size=12), st.sampled_from(HOSTILE_TEXT))
keys = st.text(max_size=8) | st.sampled_from(["guid", "deck", "front", "state", "version"])
json_values = st.recursive(
    st.none() | st.booleans() | numbers | strings,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(keys, children, max_size=3),
    max_leaves=6,
)


def tag_of(*parts: object) -> str:
    """A short tag, the same for the same example, so each example brings new cards."""
    return hashlib.sha1(repr(parts).encode()).hexdigest()[:10]


# Bytes ------------------------------------------------------------------------------------

byte_ops = st.lists(
    st.one_of(
        st.tuples(st.just("flip"), positions, st.integers(1, 255)),
        st.tuples(st.just("truncate"), positions),
        st.tuples(st.just("insert"), positions, st.binary(min_size=1, max_size=16)),
        st.tuples(st.just("insert"), positions, st.sampled_from(ODD_BYTES)),
        st.tuples(st.just("delete"), positions, st.integers(1, 64)),
        st.tuples(st.just("repeat"), positions, st.integers(1, 256)),
    ),
    min_size=1,
    max_size=4,
)


def mutate_bytes(data: bytes, ops: list[tuple[Any, ...]]) -> bytes:
    out = bytearray(data)
    for op in ops:
        at = op[1] % (len(out) + 1)
        if op[0] == "flip" and out:
            out[at % len(out)] ^= op[2]
        elif op[0] == "truncate":
            del out[at:]
        elif op[0] == "insert":
            out[at:at] = op[2]
        elif op[0] == "delete":
            del out[at : at + op[2]]
        elif op[0] == "repeat":
            out[at:at] = out[at : at + op[2]]
    return bytes(out)


# Zip archives -----------------------------------------------------------------------------

entry_names = st.sampled_from(EVIL_NAMES + KNOWN_NAMES) | st.text(max_size=12)
payloads = st.one_of(
    st.binary(max_size=64), strings.map(lambda text: text.encode("utf-8", "surrogatepass"))
)
entry_ops = st.lists(
    st.one_of(
        st.tuples(st.just("drop"), positions),
        st.tuples(st.just("duplicate"), positions),
        st.tuples(st.just("rename"), positions, entry_names),
        st.tuples(st.just("add"), entry_names, payloads),
        st.tuples(st.just("replace"), positions, payloads),
        st.tuples(st.just("mutate"), positions, byte_ops),
        st.tuples(st.just("method"), positions, st.sampled_from([0, 8, 12, 14])),
    ),
    min_size=1,
    max_size=3,
)
_CENTRAL, _LOCAL, _END = b"PK\x01\x02", b"PK\x03\x04", b"PK\x05\x06"
# (signature, offset, struct format): sizes, method, flags, crc, name length, offsets.
_FIELDS = {
    "central size": (_CENTRAL, 24, "<I"), "central packed": (_CENTRAL, 20, "<I"),
    "central method": (_CENTRAL, 10, "<H"), "central flags": (_CENTRAL, 8, "<H"),
    "central crc": (_CENTRAL, 16, "<I"), "central name": (_CENTRAL, 28, "<H"),
    "central extra": (_CENTRAL, 30, "<H"), "central offset": (_CENTRAL, 42, "<I"),
    "local size": (_LOCAL, 22, "<I"), "local packed": (_LOCAL, 18, "<I"),
    "local method": (_LOCAL, 8, "<H"), "local flags": (_LOCAL, 6, "<H"),
    "local name": (_LOCAL, 26, "<H"), "end count": (_END, 10, "<H"),
    "end size": (_END, 12, "<I"), "end offset": (_END, 16, "<I"),
}  # fmt: skip
header_ops = st.lists(
    st.tuples(
        st.sampled_from(sorted(_FIELDS)),
        positions,
        st.sampled_from([0, 1, 0x7F, 0xFF, 0x0801, 0xFFFF, 2**31, 0xFFFFFFFF]) | positions,
    ),
    min_size=1,
    max_size=3,
)


def build_zip(entries: list[tuple[str, bytes, int]]) -> bytes:
    """A zip with these (name, data, method) entries, duplicates and odd names kept."""
    out = BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": exactly what is wanted here
        with zipfile.ZipFile(out, "w") as archive:
            for name, data, method in entries:
                info = zipfile.ZipInfo(name or "x", date_time=(2026, 3, 10, 10, 0, 0))
                info.filename = name  # keeps '', '../x' and '/x' exactly
                info.compress_type = method
                archive.writestr(info, data)
    return out.getvalue()


def zipped(files: dict[str, bytes]) -> bytes:
    return build_zip([(name, data, zipfile.ZIP_DEFLATED) for name, data in files.items()])


def mutate_entries(entries: dict[str, bytes], ops: list[tuple[Any, ...]]) -> bytes:
    items = [(name, data, zipfile.ZIP_DEFLATED) for name, data in entries.items()]
    for op in ops:
        at = op[1] % len(items) if items and isinstance(op[1], int) else 0
        if op[0] == "add":
            items.append((op[1], op[2], zipfile.ZIP_DEFLATED))
        elif not items:
            continue
        elif op[0] == "drop":
            del items[at]
        elif op[0] == "duplicate":
            items.append(items[at])
        elif op[0] == "rename":
            items[at] = (op[2], *items[at][1:])
        elif op[0] == "replace":
            items[at] = (items[at][0], op[2], items[at][2])
        elif op[0] == "mutate":
            items[at] = (items[at][0], mutate_bytes(items[at][1], op[2]), items[at][2])
        elif op[0] == "method":
            items[at] = (*items[at][:2], op[2])
    return build_zip(items)


def patch_headers(data: bytes, ops: list[tuple[str, int, int]]) -> bytes:
    """Overwrite header fields in place: declared sizes, methods, flags, offsets, counts."""
    out = bytearray(data)
    for field, which, value in ops:
        signature, offset, fmt = _FIELDS[field]
        found, at = [], out.find(signature)
        while at >= 0:
            found.append(at)
            at = out.find(signature, at + 1)
        if not found:
            continue
        at = found[which % len(found)] + offset
        size = struct.calcsize(fmt)
        if at + size <= len(out):
            out[at : at + size] = struct.pack(fmt, value % (1 << (8 * size)))
    return bytes(out)
