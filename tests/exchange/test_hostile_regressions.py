"""Regressions found by fuzzing the importers: each input once crashed or hung an import.

Before the fixes each of these raised something other than ExchangeError (ValueError,
OverflowError, AttributeError, RecursionError, AssertionError) or took from seconds to
minutes (quadratic time in html.parser, in regexes, in csv.Sniffer, in padding CSV rows).
Now each is imported whole or refused with one line, and quickly.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.exchange.helpers import snapshot
from tests.exchange.test_bad_input import GOOD_CARDS, keeper, refused, write_zip
from trainer.core.cloze import answer, question
from trainer.exchange.anki_notes import NoteType, card_text
from trainer.exchange.html_text import html_to_markdown, html_to_markdown_counting
from trainer.services.services import Services

QUICK = 3.0  # seconds; the slowest of these took from 7 s to several minutes before


@contextmanager
def quick(limit: float = QUICK) -> Iterator[None]:
    started = time.perf_counter()
    yield
    assert time.perf_counter() - started < limit


# .keeper ---------------------------------------------------------------------------------

MEMORY = {"state": "review", "reps": 1, "lapses": 0, "stability": 3.0, "difficulty": 5.0}
REVIEW = {"card": "card:1", "rating": 3, "reviewed_at": "2026-03-01T10:00:00Z",
          "before": {"state": "new", "reps": 0, "lapses": 0}, "after": MEMORY}  # fmt: skip


@pytest.mark.parametrize(
    "memory, reason",
    [
        ({**MEMORY, "due": "2026-13-45T00:00:00Z"}, "'2026-13-45T00:00:00Z' is not a real time"),
        ({**MEMORY, "last_review": "0000-01-01T00:00:00Z"}, "is not a real time (year 0"),
        ({**MEMORY, "due": "2026-02-30T10:00:00Z"}, "is not a real time (day is out of range"),
        ({**MEMORY, "reps": 10**30}, "cards.json is not valid JSON (the number 1000"),
        ({**MEMORY, "step": -(2**63) - 1}, "is too large"),
        ({**MEMORY, "stability": 10**400}, "is too large"),
    ],
)  # fmt: skip
def test_keeper_times_and_numbers_out_of_range_are_refused(
    tmp_path: Path, services: Services, memory: dict[str, Any], reason: str
) -> None:
    cards = [{**GOOD_CARDS[0], "memory": memory}]
    refused(services, keeper(tmp_path / "range.keeper", cards_json=cards), reason)


def test_keeper_floats_too_large_for_a_double_are_refused(
    tmp_path: Path, services: Services
) -> None:
    """1e400 is infinity once parsed: it was stored as an infinite stability."""
    text = json.dumps([{**GOOD_CARDS[0], "memory": MEMORY}]).replace("3.0", "1e400")
    refused(services, keeper(tmp_path / "inf.keeper", cards_json=text), "1e400 is too large")


def test_a_keeper_review_lasting_longer_than_sqlite_holds_is_refused(
    tmp_path: Path, services: Services
) -> None:
    """It passed the schema, then failed inside the transaction with OverflowError."""
    path = keeper(tmp_path / "long.keeper", reviews_json=[{**REVIEW, "duration_ms": 10**20}])
    refused(services, path, "reviews.json is not valid JSON (the number 1000")


def test_the_largest_numbers_sqlite_holds_are_refused_by_card_and_field(
    tmp_path: Path, services: Services
) -> None:
    """They imported, then `keeper plan` died and the next grade overflowed reps + 1."""
    memory = {**MEMORY, "reps": 2**63 - 1, "stability": 1e308}
    cards = [{**GOOD_CARDS[0], "memory": memory}]
    path = keeper(tmp_path / "big.keeper", cards_json=cards)
    refused(services, path, "card 'card:1' at cards[0].memory.reps: must be at most 1000000")


# CSV -------------------------------------------------------------------------------------


def csv_file(tmp_path: Path, text: str, name: str = "cards.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("number", ["²", "٣", "9" * 5000, "0", "-1"])
def test_odd_column_numbers_in_anki_header_lines_are_ignored(
    tmp_path: Path, services: Services, number: str
) -> None:
    """`int("²")` raised ValueError, and 5,000 digits exceed int()'s limit."""
    path = csv_file(tmp_path, f"#tags column:{number}\nq,a,t1\n")
    with quick():
        report = services.exchange.import_file(path)
    assert report.added == 1


def test_a_far_tags_column_does_not_pad_every_row(tmp_path: Path, services: Services) -> None:
    """Rows were padded to the column named: 30 MB of cells per row, minutes per file."""
    rows = "".join(f"q{n},a{n}\n" for n in range(2000))
    path = csv_file(tmp_path, "#tags column:3000000\n" + rows)
    with quick():
        report = services.exchange.import_file(path)
    assert report.added == 2000


def test_a_header_naming_a_far_column_does_not_pad_every_row(
    tmp_path: Path, services: Services
) -> None:
    header = "front,back" + "," * 100_000 + "tags\n"
    path = csv_file(tmp_path, header + "".join(f"q{n},a{n}\n" for n in range(2000)))
    with quick():
        assert services.exchange.import_file(path).added == 2000


@pytest.mark.parametrize("unit", [",'a", ", 'a", ",'", "a,'"])
def test_sniffing_the_separator_of_a_long_line_is_quick(
    tmp_path: Path, services: Services, unit: str
) -> None:
    """csv.Sniffer is quadratic in its sample: a 64 KiB sample took 10 to 40 seconds."""
    path = csv_file(tmp_path, unit * 30_000 + "\nx,y\n", name="cards.txt")
    before = snapshot(services)
    with quick():
        try:
            services.exchange.import_file(path)
        except Exception as error:  # noqa: BLE001 - the point: only ExchangeError may come
            assert type(error).__name__ == "ExchangeError", error
            assert snapshot(services) == before


def test_a_csv_of_unclosed_html_imports_quickly(tmp_path: Path, services: Services) -> None:
    rows = '"<a <a <a","<![x"\n' + f'"{"<a " * 40_000}","{{{{c1::"\n'
    with quick():
        report = services.exchange.import_file(csv_file(tmp_path, "#html:true\n" + rows))
    assert report.added == 2


# HTML and cloze text ----------------------------------------------------------------------

SLOW_HTML = {
    "unclosed tags": "<a " * 40_000,
    "unclosed quoted attributes": "<a b='" * 20_000,
    "comments without an end": "<!--" * 40_000,
    "marked sections without an end": "<![CDATA[ ]>" * 40_000,
    "sound tags without an end": "[sound:" * 40_000,
    "spaces in pre": "<pre><b>" + " " * 200_000 + "x</b></pre>",
}


@pytest.mark.parametrize("text", SLOW_HTML.values(), ids=SLOW_HTML.keys())
def test_html_that_was_quadratic_converts_quickly(text: str) -> None:
    with quick():
        html_to_markdown_counting(text)


@pytest.mark.parametrize("text", ["<![x", "<![ x ]>", "a <![if]> b <![foo x]> c", "<![ "])
def test_marked_sections_html_parser_cannot_read_are_text(text: str) -> None:
    """html.parser raised AssertionError on these."""
    assert "<![" in html_to_markdown(text)


@pytest.mark.parametrize(
    "html, markdown",
    [
        ("<p>a<br>b</p>", "a\nb"),
        ("x <!-- c --> y", "x y"),
        ("<![if !supportLists]>·<![endif]> item", "· item"),
        ("<![CDATA[dropped]]>kept", "kept"),
        ("a < b and <b>c</b> <", "a < b and **c** <"),
        ("<pre>  <b>x</b>  </pre>", "**x**"),
        ("[sound:a.mp3]text [sound:b.mp3]", "text"),
    ],
)
def test_well_formed_html_reads_as_before(html: str, markdown: str) -> None:
    assert html_to_markdown(html) == markdown


CLOZE = NoteType(1, "Cloze", True, ("Text", "Back Extra"), (("{{cloze:Text}}", "{{cloze:Text}}"),))


@pytest.mark.parametrize(
    "text",
    ["{{c1::" * 40_000, "{{c1::" + ":" * 40_000 + "{}}", "{{c1::" + "::a" * 40_000 + "{}}"],
)
def test_cloze_text_that_was_quadratic_converts_quickly(text: str) -> None:
    with quick():
        card_text(CLOZE, {"Text": text}, 0)


@pytest.mark.parametrize(
    "text, front, back",
    [
        ("{{c1::Paris::city}} in {{c2::France}}", "[city] in France", "**Paris** in France"),
        ("{{c1::a::b::c}}", "[b::c]", "**a**"),
        ("{{c1::{x}::hint}}", "[hint]", "**{x}**"),
        ("{{c1::x::{y}}}", "[{y]}", "**x**}"),  # the first `}}` closes the gap
        ("{{c1::::hint}} and {{c1::}}", "[hint] and [...]", "and"),
    ],
)  # fmt: skip
def test_cloze_answers_and_hints_read_as_before(text: str, front: str, back: str) -> None:
    """The cloze text arrives whole; the study screen asks and answers it (`core.cloze`)."""
    found = card_text(CLOZE, {"Text": text}, 0)
    assert found is not None and (found.front, found.cloze) == (text, 1)
    assert (question(text, 1), answer(text, 1).strip()) == (front, back)


# Anki collections ----------------------------------------------------------------------------

MODELS = {"1": {"id": 1, "name": "Basic", "type": 0,
                "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}],
                "tmpls": [{"ord": 0, "qfmt": "{{Front}}", "afmt": "{{Back}}"}]}}  # fmt: skip


def anki_package(tmp_path: Path, change: Callable[[sqlite3.Connection], object]) -> Path:
    """A small schema-11 package (one studied card), changed by `change` before zipping."""
    database = tmp_path / "collection.anki2"
    with sqlite3.connect(database) as connection:
        connection.executescript(
            "CREATE TABLE col (crt, models, decks);"
            "CREATE TABLE notes (id, guid, mid, tags, flds);"
            "CREATE TABLE cards (id, nid, did, odid, ord, type, queue, due, ivl, factor, reps,"
            " lapses, data);"
            "CREATE TABLE revlog (id, cid, ease, ivl, factor, time, type);"
            "INSERT INTO notes VALUES (1, 'note-1', 1, ' t ', 'Q' || char(31) || 'A');"
            "INSERT INTO cards VALUES (10, 1, 1, 0, 0, 2, 2, 5, 3, 2500, 1, 0, '');"
            "INSERT INTO revlog VALUES (1700000000000, 10, 3, 3, 2500, 5000, 1);"
        )
        connection.execute(
            "INSERT INTO col VALUES (1700000000, ?, ?)",
            (json.dumps(MODELS), json.dumps({"1": {"id": 1, "name": "Default"}})),
        )
        change(connection)
    return write_zip(tmp_path / "hostile.apkg", {"collection.anki2": database.read_bytes()})


def test_the_small_anki_package_imports(tmp_path: Path, services: Services) -> None:
    report = services.exchange.import_file(anki_package(tmp_path, lambda c: None))
    assert (report.added, report.reviews) == (1, 1)


@pytest.mark.parametrize(
    "sql, params",
    [
        ("UPDATE notes SET tags = NULL", ()),  # AttributeError
        ("UPDATE notes SET flds = NULL", ()),  # AttributeError
        ("UPDATE revlog SET id = 9000000000000000000", ()),  # OverflowError
        ("UPDATE col SET crt = 9000000000000000000", ()),  # OverflowError
        ("UPDATE cards SET queue = 1, type = 1, due = 9000000000000000000", ()),  # OverflowError
        ("UPDATE cards SET data = ?", ('{"lrt": 9000000000000000}',)),  # OverflowError
        ("UPDATE cards SET data = ?", ('{"a":' * 100_000 + "1" + "}" * 100_000,)),  # Recursion
        ("UPDATE col SET models = ?", ("[" * 100_000 + "]" * 100_000,)),  # RecursionError
    ],
)
def test_anki_values_of_the_wrong_type_or_range_are_refused(
    tmp_path: Path, services: Services, sql: str, params: tuple[object, ...]
) -> None:
    package = anki_package(tmp_path, lambda connection: connection.execute(sql, params))
    refused(services, package, "the Anki collection inside is damaged")
