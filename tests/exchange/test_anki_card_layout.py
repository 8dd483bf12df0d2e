"""A card's text from positions in its note's values is the text its fields would give.

The reader never builds a note's fields as a dict (a dict a card was a tenth of the read):
it works out, once per note type, card ordinal and number of values, where each side takes
its text from. A note may hold fewer or more values than its type has fields, and a
hand-made type may name a field twice; these must read as `dict(zip(fields, values))`
reads them (the later of two equal names wins, missing fields are empty).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.exchange.test_hostile_regressions import anki_package
from trainer.exchange.anki_notes import NoteText, NoteType, card_layout, card_text
from trainer.services.services import Services

_NAMES = st.sampled_from(["Front", "Back", "Source", "SOURCE", "Keeper ID", "Extra", "Text"])
_VALUES = st.sampled_from(["", "plain", "<b>bold</b>", "{{c1::gap}} and {{c2::more}}",
                           "<p>one</p>", "a&nbsp;b", "[sound:x.mp3]", "  spaced  "])  # fmt: skip
_TEMPLATE = st.lists(
    st.tuples(st.sampled_from(["", "cloze:", "type:", "text:", "#", "/"]), _NAMES), max_size=4
).map(lambda parts: "".join(f"{{{{{prefix}{name}}}}}" for prefix, name in parts))


@settings(max_examples=400)
@given(
    fields=st.lists(_NAMES, min_size=1, max_size=5),
    templates=st.lists(st.tuples(_TEMPLATE, _TEMPLATE), max_size=3),
    values=st.lists(_VALUES, max_size=6),
    is_cloze=st.booleans(),
    ordinal=st.integers(0, 3),
)
def test_a_layout_reads_the_note_as_its_fields_would(
    fields: list[str],
    templates: list[tuple[str, str]],
    values: list[str],
    is_cloze: bool,
    ordinal: int,
) -> None:
    note_type = NoteType(7, "Hand-made", is_cloze, tuple(fields), tuple(templates))
    as_fields = dict(zip(fields, values, strict=False))
    layout = card_layout(note_type, ordinal, tuple(fields[: len(values)]))
    note = NoteText(tuple(values))
    assert layout.text(note) == card_text(note_type, as_fields, ordinal)
    assert layout.keeper_id_of(note) == as_fields.get("Keeper ID", "").strip()


_TWICE = {"1": {"id": 1, "name": "Twice", "type": 0,
                "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1},
                         {"name": "Back", "ord": 2}, {"name": "Source", "ord": 3}],
                "tmpls": [{"ord": 0, "qfmt": "{{Front}}", "afmt": "{{Back}}"},
                          {"ord": 1, "qfmt": "{{Back}}", "afmt": "{{Front}}"}]}}  # fmt: skip


def test_notes_of_odd_shapes_import_as_their_fields_read(
    tmp_path: Path, services: Services
) -> None:
    """A field named twice (the later value counts), a note short of values (no back, no
    source), a note with values to spare (ignored), a reversed note's two cards."""

    def odd_notes(connection: sqlite3.Connection) -> None:
        connection.execute("UPDATE col SET models = ?", (json.dumps(_TWICE),))
        connection.execute("DELETE FROM notes")
        connection.execute("DELETE FROM cards")
        connection.execute("DELETE FROM revlog")
        notes = [(1, "twice", "Q1\x1fearlier\x1flater\x1fa book"), (2, "short", "Q2"),
                 (3, "spare", "Q3\x1fA3\x1fA3b\x1fsrc\x1fleft over")]  # fmt: skip
        for note_id, guid, values in notes:
            connection.execute("INSERT INTO notes VALUES (?, ?, 1, '', ?)", (note_id, guid, values))
            for ordinal in (0, 1):
                connection.execute(
                    "INSERT INTO cards VALUES (?, ?, 1, 0, ?, 0, 0, 1, 0, 0, 0, 0, '')",
                    (note_id * 10 + ordinal, note_id, ordinal),
                )

    report = services.exchange.import_file(anki_package(tmp_path, odd_notes))
    with services.uow() as collection:
        cards = collection.cards.with_guids(
            [f"anki:{guid}/{ordinal}" for guid in ("twice", "short", "spare") for ordinal in (0, 1)]
        )
    shown = {guid: (card.front, card.back, card.source) for guid, card in cards.items()}
    assert shown == {
        "anki:twice/0": ("Q1", "later", "a book"),
        "anki:twice/1": ("later", "Q1", "a book"),
        "anki:short/0": ("Q2", "", ""),
        "anki:spare/0": ("Q3", "A3b", "src"),
        "anki:spare/1": ("A3b", "Q3", "src"),
    }  # the short note's reverse shows nothing: skipped
    assert report.added == 5
