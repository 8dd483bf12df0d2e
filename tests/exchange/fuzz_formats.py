"""Hostile variants of each format's contents: Keeper's JSON documents, Anki's SQLite
rows, CSV text. Like `fuzz_mutations`, operations are drawn as data, then applied."""

from __future__ import annotations

import contextlib
import copy
import json
import sqlite3
from typing import Any

from hypothesis import strategies as st

from tests.exchange.fuzz_mutations import (
    HOSTILE_NUMBERS,
    HOSTILE_TEXT,
    ODD_CELLS,
    byte_ops,
    json_values,
    mutate_bytes,
    positions,
    strings,
)

DOCUMENTS = ["manifest.json", "decks.json", "cards.json", "reviews.json", "stories.json"]

# Keeper documents -------------------------------------------------------------------------

json_ops = st.lists(
    st.tuples(
        st.sampled_from(DOCUMENTS[1:] * 3 + DOCUMENTS[:1]),  # the manifest less often
        st.lists(positions, max_size=5),
        st.sampled_from(
            ["replace", "delete", "add key", "wrap list", "wrap object", "duplicate", "as text"]
        ),
        json_values,
    ),
    max_size=2,
)
TEXT_KINDS = [
    "deep", "truncate", "invalid utf-8", "bom", "nan", "big number", "huge float", "drop",
    "empty", "duplicate key", "latin-1",
]  # fmt: skip
text_ops = st.lists(
    st.tuples(
        st.sampled_from(DOCUMENTS),
        st.sampled_from(TEXT_KINDS),
        positions,
    ),
    max_size=2,
)
versions = st.just(1) | st.sampled_from([0, 3, 99, -1, "1", 1.0, True, None, 10**30, [1], "x"])
# Every field the schema names, by kind: one occurrence is set to a hostile value of that
# kind (a time that does not exist, a number no column holds) or to anything at all.
TIME_FIELDS = ["due", "last_review", "reviewed_at", "created"]
NUMBER_FIELDS = [
    "reps", "lapses", "step", "stability", "difficulty", "duration_ms", "rating", "id",
    "target_seconds", "new_per_day", "reviews_per_day", "desired_retention",
]  # fmt: skip
OTHER_FIELDS = [
    "state", "learning_steps", "relearning_steps", "guid", "deck", "card", "front", "back",
    "tags", "name", "title", "format", "before", "after", "memory", "options", "suspended",
    "counts",
]  # fmt: skip
TIMES = [
    "2026-13-45T00:00:00Z", "2026-02-30T10:00:00Z", "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z", "2026-01-01T24:00:00Z", "2026-01-01T00:00:60Z",
    "0001-01-01T00:00:00+00:00", "2026-03-10T10:00:00.123456Z",
]  # fmt: skip
field_ops = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(TIME_FIELDS), positions, st.sampled_from(TIMES) | json_values),
        st.tuples(st.sampled_from(NUMBER_FIELDS), positions, st.sampled_from(HOSTILE_NUMBERS)),
        st.tuples(st.sampled_from(OTHER_FIELDS), positions, json_values),
    ),
    min_size=1,
    max_size=2,
)


def freshen(documents: dict[str, Any], tag: str) -> dict[str, Any]:
    """New guids, deck names and story titles, so the example adds cards, history, stories."""
    docs = copy.deepcopy(documents)

    def renamed(guid: str) -> str:
        return guid if guid.startswith("story:") else f"{guid}~{tag}"

    for deck in docs.get("decks.json", []):
        deck["guid"], deck["name"] = renamed(deck["guid"]), f"{deck['name']} {tag}"
    for card in docs.get("cards.json", []):
        card["guid"], card["deck"] = renamed(card["guid"]), renamed(card["deck"])
    for review in docs.get("reviews.json", []):
        review["card"] = renamed(review["card"])
    for item in docs.get("stories.json", []):
        item["title"] = f"{item['title']} {tag}"
    return docs


def mutate_json(documents: dict[str, Any], ops: list[tuple[Any, ...]]) -> dict[str, Any]:
    docs = copy.deepcopy(documents)
    for name, path, kind, value in ops:
        if name not in docs:
            continue
        parent: Any = docs
        key: Any = name
        for step in path:
            node = parent[key]
            if isinstance(node, dict) and node:
                parent, key = node, sorted(node)[step % len(node)]
            elif isinstance(node, list) and node:
                parent, key = node, step % len(node)
            else:
                break
        node = parent[key]
        if kind == "replace":
            parent[key] = value
        elif kind == "delete" and parent is not docs:
            del parent[key]
        elif kind == "add key" and isinstance(node, dict):
            node[str(value)[:20]] = value
        elif kind == "wrap list":
            parent[key] = [node]
        elif kind == "wrap object":
            parent[key] = {"value": node}
        elif kind == "duplicate" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(node))
        elif kind == "as text":
            parent[key] = json.dumps(node)
    return docs


def set_fields(documents: dict[str, Any], ops: list[tuple[str, int, Any]]) -> dict[str, Any]:
    docs = copy.deepcopy(documents)
    for field, which, value in ops:
        found = [node for node in _objects(docs) if field in node]
        if found:
            found[which % len(found)][field] = value
    return docs


def _objects(value: Any) -> list[dict[str, Any]]:
    """Every JSON object inside `value`, outermost first."""
    found, stack = [], [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            found.append(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def serialise(documents: dict[str, Any], ops: list[tuple[str, str, int]]) -> dict[str, bytes]:
    files = {name: json.dumps(doc, ensure_ascii=False).encode() for name, doc in documents.items()}
    for name, kind, at in ops:
        if name not in files:
            continue
        data = files[name]
        where = at % (len(data) + 1)
        number = next((i for i in range(where, len(data)) if data[i] in b"0123456789"), None)
        if kind == "deep":
            depth = (100, 10_000, 200_000)[at % 3]
            files[name] = b"[" * depth + b"]" * depth
        elif kind == "truncate":
            files[name] = data[:where]
        elif kind == "invalid utf-8":
            files[name] = data[:where] + b"\xff\xc3(" + data[where:]
        elif kind == "bom":
            files[name] = b"\xef\xbb\xbf" + data
        elif kind in ("nan", "big number", "huge float") and number is not None:
            literal = {"nan": b"NaN", "big number": b"9" * 40, "huge float": b"1e400"}[kind]
            files[name] = data[:number] + literal + data[number:]
        elif kind == "drop":
            del files[name]
        elif kind == "empty":
            files[name] = b""
        elif kind == "duplicate key" and data.startswith(b"{"):
            files[name] = b'{"version": 7, ' + data[1:]
        elif kind == "latin-1":
            files[name] = data.decode("utf-8", "replace").encode("latin-1", "replace")
    return files


# Anki collections (SQL) -------------------------------------------------------------------

# Times in Anki are seconds, milliseconds or days: these overflow one or the other.
EXTREME_INTS = [2**63 - 1, -(2**63), 2**62, 10**15, 10**12, 2**31, -1, 0]
SQL_TEXT = [
    '{"lrt": 9000000000000000}', '{"s": 1e308, "d": -5}', '{"s": NaN}', "[" * 5000 + "]" * 5000,
    '{"1": {"id": 1, "name": null}}', "{}", "", "a\x1fb", "\x1f" * 3, "{{c1::x}}",
]  # fmt: skip
sql_values = st.one_of(
    st.none(),
    st.sampled_from(EXTREME_INTS),
    st.sampled_from(SQL_TEXT),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    strings,
    st.binary(max_size=24),
)


# The columns Keeper reads: mutating the others would mostly test nothing.
READ = {
    "col": ["crt", "models", "decks"], "notes": ["id", "guid", "mid", "tags", "flds"],
    "cards": ["id", "nid", "did", "odid", "ord", "type", "queue", "due", "ivl", "factor",
              "reps", "lapses", "data"],
    "revlog": ["id", "cid", "ease", "ivl", "factor", "time", "type"],
    "notetypes": ["id", "name", "config"], "fields": ["ntid", "ord", "name"],
    "templates": ["ntid", "ord", "config"], "decks": ["id", "name"],
}  # fmt: skip


def sql_ops(columns: dict[str, list[str]]) -> st.SearchStrategy[list[tuple[Any, ...]]]:
    tables = sorted(table for table in columns if table in READ)
    cells = st.sampled_from([(t, c) for t in tables for c in READ[t] if c in columns[t]])
    return st.lists(
        st.one_of(
            st.tuples(st.just("set"), cells, st.none() | st.integers(0, 8), sql_values),
            st.tuples(st.just("corrupt"), cells, st.integers(0, 8), byte_ops),
            st.tuples(st.just("delete"), st.sampled_from(tables), st.none() | st.integers(0, 8)),
            st.tuples(st.just("copy rows"), st.sampled_from(tables)),
            st.tuples(st.just("drop"), st.sampled_from(tables)),
        ),
        min_size=1,
        max_size=4,
    )


def mutate_collection(collection: bytes, ops: list[tuple[Any, ...]], tag: str) -> bytes:
    connection = sqlite3.connect(":memory:")
    connection.deserialize(collection)
    connection.execute("UPDATE notes SET guid = guid || ?", (tag,))  # new cards every example
    for op in ops:
        with contextlib.suppress(sqlite3.OperationalError):  # a table an earlier op dropped
            _sql(connection, op)
    connection.commit()
    data = connection.serialize()
    connection.close()
    return data


def _sql(connection: sqlite3.Connection, op: tuple[Any, ...]) -> None:
    def rows(table: str, row: int | None) -> str:
        every = f"SELECT rowid FROM {table}"
        return every if row is None else f"{every} LIMIT 1 OFFSET {row}"

    if op[0] == "set":
        (table, column), row, value = op[1], op[2], op[3]
        if isinstance(value, str):
            value = value.encode("utf-8", "surrogatepass")
            cast = "CAST(? AS TEXT)"  # stored as text even when it is not valid UTF-8
        else:
            cast = "?"
        connection.execute(
            f'UPDATE {table} SET "{column}" = {cast} WHERE rowid IN ({rows(table, row)})',
            (value,),
        )
    elif op[0] == "corrupt":
        (table, column), row, ops = op[1], op[2], op[3]
        found = connection.execute(f'SELECT rowid, "{column}" FROM {table} LIMIT 1 OFFSET {row}')
        for rowid, value in found.fetchall():
            if isinstance(value, str | bytes):
                raw = value.encode() if isinstance(value, str) else value
                cast = "CAST(? AS TEXT)" if isinstance(value, str) else "?"
                connection.execute(
                    f'UPDATE {table} SET "{column}" = {cast} WHERE rowid = ?',
                    (mutate_bytes(raw, ops), rowid),
                )
    elif op[0] == "delete":
        connection.execute(f"DELETE FROM {op[1]} WHERE rowid IN ({rows(op[1], op[2])})")
    elif op[0] == "copy rows":
        connection.execute(f"INSERT INTO {op[1]} SELECT * FROM {op[1]}")
    elif op[0] == "drop":
        connection.execute(f"DROP TABLE {op[1]}")


# CSV --------------------------------------------------------------------------------------

cells = st.one_of(
    st.text(max_size=10),
    st.sampled_from(ODD_CELLS),
    st.sampled_from([text for text in HOSTILE_TEXT if len(text) < 131_072]),
)
# csv's field limit is 131,072 characters: one file in a few has a field at or over it.
long_cell = st.none() | st.none() | st.none() | st.sampled_from([131_072, 131_073])
anki_lines = st.lists(
    st.sampled_from([
        "#separator:tab", "#separator:Comma", "#separator:semicolon", "#separator:pipe",
        "#separator:space", "#separator:bogus", "#html:true", "#html:false",
        "#columns:front,back,tags", "#columns:back\tfront", "#columns:", "#tags column:3",
        "#tags column:0", "#tags column:²", "#tags column:99999999", "#deck column:4",
        "#guid column:1", "#guid column:" + "9" * 5000, "#notetype column:2", "#deck:x",
    ]),
    max_size=4,
)  # fmt: skip


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[str, bytes]:
    header = draw(st.none() | st.lists(st.sampled_from(
        ["front", "back", "tags", "deck", "id", "guid", "source", "question", "answer", "x", ""]
    ), max_size=6))  # fmt: skip
    rows = draw(st.lists(st.lists(cells, min_size=1, max_size=6), min_size=1, max_size=8))
    if (length := draw(long_cell)) is not None:
        rows[-1].append("x" * length)
    separator = draw(st.sampled_from([",", "\t", ";", "|", " "]))
    quoting = draw(st.sampled_from(["minimal", "raw", "minimal", "all"]))
    lines = []
    for row in ([header] if header is not None else []) + rows:
        if quoting == "raw":
            lines.append(separator.join(row))
        else:
            special = f'"\r\n{separator}'
            lines.append(separator.join(
                '"' + cell.replace('"', '""') + '"'
                if quoting == "all" or any(c in cell for c in special) else cell
                for cell in row
            ))  # fmt: skip
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = ending.join(draw(anki_lines) + lines) + draw(st.sampled_from(["", ending]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-8", "utf-16", "utf-8", "latin-1"]))
    data = text.encode(encoding, "replace") if encoding != "utf-8" else text.encode(
        "utf-8", "surrogatepass"
    )  # fmt: skip
    suffix = draw(st.sampled_from([".csv", ".tsv", ".txt", ".tab", ".CSV", "", ".dat"]))
    return f"cards{suffix}", data
