"""The little of protobuf Anki's packages need: the top-level fields of one message."""

from __future__ import annotations

from collections import defaultdict


def protobuf_fields(data: bytes) -> dict[int, list[int | bytes]]:
    """The top-level fields of a protobuf message (enough for Anki's small config blobs)."""
    fields: dict[int, list[int | bytes]] = defaultdict(list)
    index = 0
    while index < len(data):
        key, index = _varint(data, index)
        number, wire = key >> 3, key & 7
        value: int | bytes
        if wire == 0:
            value, index = _varint(data, index)
        elif wire == 2:
            length, index = _varint(data, index)
            value, index = data[index : index + length], index + length
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            value, index = data[index : index + size], index + size
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
        if index > len(data):
            raise ValueError("truncated protobuf message")
        fields[number].append(value)
    return fields


def _varint(data: bytes, index: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if index >= len(data) or shift > 63:
            raise ValueError("truncated protobuf varint")
        byte = data[index]
        index += 1
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, index
        shift += 7
