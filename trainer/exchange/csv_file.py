"""CSV and TSV: one card per row — front, back, tags — with or without a header row.

Reading follows RFC 4180 (quoted fields may hold commas, quotes and line breaks). The
separator comes from the extension (.tsv, .tab) or is sniffed. A header row may name the
columns (front/question, back/answer, tags, source, deck, id, type) in any order; without
one the columns are front, back, tags. A row of type `cloze` is a cloze text (its back the
optional extra) and makes one card per gap number (see `csv_kinds`). Anki's
`#separator:`, `#html:` and `#columns:` lines are honoured. Rows without an id get one
derived from their deck, front and position among equal fronts, so importing the same file
twice adds nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import re
from pathlib import Path
from typing import Any

from trainer.core.model import CardKind
from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck, Loaded
from trainer.exchange.csv_kinds import row_cards, row_kind, rows_to_write
from trainer.exchange.errors import Cancel, ExchangeError, check_cancel
from trainer.exchange.html_text import html_to_markdown
from trainer.exchange.safe_zip import atomic_output, read_text_file

SUFFIXES = (".csv", ".tsv", ".tab", ".txt")
_TAB_SUFFIXES = (".tsv", ".tab")
_HEADER_NAMES = {
    "front": "front", "question": "front", "back": "back", "answer": "back", "tags": "tags",
    "tag": "tags", "source": "source", "deck": "deck", "id": "guid", "guid": "guid",
    "type": "type",
}  # fmt: skip
_ANKI_HEADER = re.compile(r"^#([a-z ]+):(.*)$")
_TAG_SPLIT = re.compile(r"[\s,]+")
_SEPARATORS = {"comma": ",", "tab": "\t", "semicolon": ";", "pipe": "|", "space": " "}
_COLUMN_NUMBER = re.compile(r"0*[1-9][0-9]{0,8}")  # `#tags column:3`; not "²", not 10**5000
_SNIFF_SAMPLE = 8192  # csv.Sniffer's quote guess takes time quadratic in the sample's length


def deck_guid(name: str) -> str:
    return "csv-deck:" + hashlib.sha1(name.encode()).hexdigest()[:20]


def read_csv(path: Path, deck_name: str, cancel: Cancel | None = None) -> Loaded:
    """Cards from a CSV/TSV file; rows go to `deck_name` unless a deck column says otherwise."""
    text = read_text_file(path)
    text, options = _anki_header_lines(text)
    separator = _SEPARATORS.get(options.get("separator", "").lower()) or _separator(path, text)
    html = options.get("html", "").lower() == "true"
    # The whole file is in memory already: a cell may be as long as it (Keeper's own export of
    # a 150,000-character card once went past csv's 131,072 limit).
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    try:
        rows = list(_reader(text, separator))
    except csv.Error as error:
        line = _error_line(text, separator)
        raise ExchangeError(path, f"line {line}: not valid CSV ({error})") from None
    columns, start = _columns(rows, options, separator)
    where = {field: index for index, field in columns.items()}
    i_front, i_back = where["front"], where["back"]
    i_tags, i_source, i_deck, i_guid, i_type = (
        where.get(f) for f in ("tags", "source", "deck", "guid", "type")
    )
    decks: dict[str, BundleDeck] = {}
    cards: list[BundleCard] = []
    seen: dict[tuple[str, str], int] = {}
    incomplete: list[int] = []
    for number, row in enumerate(rows[start:], start=start + 1):
        if not number % 1000:
            check_cancel(cancel)
        front, back = _cell(row, i_front), _cell(row, i_back)
        if html:
            front, back = html_to_markdown(front), html_to_markdown(back)
        kind = row_kind(path, number, _cell(row, i_type), front)
        if not front or (not back and kind is not CardKind.CLOZE):
            if any(cell.strip() for cell in row):
                incomplete.append(number)
            continue
        name = _cell(row, i_deck) or deck_name
        deck = decks.get(name)
        if deck is None:
            deck = decks[name] = BundleDeck(deck_guid(name), name)
        occurrence = seen.get((name, front), 0)
        seen[(name, front)] = occurrence + 1
        tags = _TAG_SPLIT.split(_cell(row, i_tags)) if i_tags is not None else ()
        card = BundleCard(
            guid=_cell(row, i_guid) or _card_guid(name, front, occurrence),
            deck_guid=deck.guid,
            front=front,
            back=back,
            tags=tuple(dict.fromkeys(tag for tag in tags if tag)),
            source=_cell(row, i_source),
            kind=kind,
        )
        cards.extend(row_cards(card))
    if not cards:
        raise ExchangeError(path, "no cards found (each row needs a front and a back)")
    warnings = []
    if incomplete:
        shown = ", ".join(str(line) for line in incomplete[:10])
        more = ", ..." if len(incomplete) > 10 else ""
        warnings.append(
            f"{len(incomplete)} rows skipped without a front or a back (rows {shown}{more})"
        )
    return Loaded(Bundle(decks=tuple(decks.values()), cards=tuple(cards)), tuple(warnings))


def _cell(row: list[str], index: int | None) -> str:
    """The stripped cell without its text mark, or "" past the row's end. Rows are not padded:
    a `#tags column:` line or a header row naming column 1,000,000 would make every row that
    long."""
    return _unmarked(row[index].strip()) if index is not None and index < len(row) else ""


# Formula injection: a spreadsheet runs a cell starting with = + - @ (or a tab or carriage
# return). Such a cell is written after a single quote, the spreadsheets' mark for text
# (OWASP's advice). Quotes already before such a cell count too (`'=x` is written `''=x`), so
# reading takes off exactly the one quote written, and any other text is left as it is.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def _as_text(cell: str) -> str:
    return "'" + cell if _FORMULA.match(cell) else cell


def _unmarked(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


def _anki_header_lines(text: str) -> tuple[str, dict[str, str]]:
    """Anki's `#separator:tab`, `#html:true`... lines at the top: read them, then drop them."""
    options: dict[str, str] = {}
    lines = text.split("\n")
    index = 0
    while index < len(lines) and (match := _ANKI_HEADER.match(lines[index].rstrip("\r"))):
        options[match.group(1).strip()] = match.group(2).strip()
        index += 1
    return "\n".join(lines[index:]), options


def _separator(path: Path, text: str) -> str:
    if path.suffix.lower() in _TAB_SUFFIXES:
        return "\t"
    # A header row naming the front and back says the separator (Keeper's own export has
    # one): sniffed from the cards, semicolons and quotes in them could win.
    first = text[: text.find("\n")] if "\n" in text else text
    for candidate in (",", "\t", ";"):
        named = {_HEADER_NAMES.get(cell.strip(' "\r').lower()) for cell in first.split(candidate)}
        if {"front", "back"} <= named:
            return candidate
    sample = "\n".join(text[:_SNIFF_SAMPLE].split("\n")[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;").delimiter
    except csv.Error:
        counts = {sep: sample.count(sep) for sep in (",", "\t", ";")}
        best = max(counts, key=lambda sep: counts[sep])
        return best if counts[best] else ","


def _columns(
    rows: list[list[str]], options: dict[str, str], separator: str
) -> tuple[dict[int, str], int]:
    """Column index -> field, and the first data row (1 when there is a header row)."""
    in_options = "columns" in options  # Anki's `#columns:` line instead of a header row
    named = _named(options["columns"].split(separator) if in_options else rows[0] if rows else [])
    placed = {
        int(options[key]) - 1: field
        for key, field in (
            ("tags column", "tags"),
            ("deck column", "deck"),
            ("guid column", "guid"),
        )
        if _COLUMN_NUMBER.fullmatch(options.get(key, ""))
    }
    if "front" in named.values() and "back" in named.values():
        return {**placed, **named}, 0 if in_options else 1  # the names win over a clash
    # Front, back and tags take the columns the `#... column:` lines leave free, in order:
    # over them, `#guid column:1` left no front (KeyError).
    free = (index for index in itertools.count() if index not in placed)
    unplaced = [field for field in ("front", "back", "tags") if field not in placed.values()]
    return {**placed, **{next(free): field for field in unplaced}}, 0


def _named(cells: list[str]) -> dict[int, str]:
    names = [cell.strip().lower() for cell in cells]
    return {index: _HEADER_NAMES[name] for index, name in enumerate(names) if name in _HEADER_NAMES}


def _card_guid(deck: str, front: str, occurrence: int) -> str:
    digest = hashlib.blake2b(f"{deck}\x1f{front}\x1f{occurrence}".encode(), digest_size=12)
    return f"csv:{digest.hexdigest()}"


def _reader(text: str, separator: str) -> Any:  # csv's reader type is private
    """RFC 4180, strict about quotes; a space before an opening quote is allowed."""
    return csv.reader(
        io.StringIO(text, newline=""), delimiter=separator, strict=True, skipinitialspace=True
    )


def _error_line(text: str, separator: str) -> int:
    reader = _reader(text, separator)
    try:
        for _row in reader:
            pass
    except csv.Error:
        return reader.line_num
    return reader.line_num


def write_csv(path: Path, bundle: Bundle) -> None:
    """A header row, then front, back, tags (space separated), source, deck, the card's id
    and its type, so importing the file again updates the same cards instead of adding
    copies; a cloze text is one row (its note's id), whatever the number of its cards. Cells a
    spreadsheet would run as formulas are written as text (see `_FORMULA`)."""
    separator = "\t" if path.suffix.lower() in _TAB_SUFFIXES else ","
    names = {deck.guid: deck.name for deck in bundle.decks}
    with atomic_output(path) as temporary, temporary.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
        writer.writerow(["front", "back", "tags", "source", "deck", "id", "type"])
        for card in rows_to_write(bundle.cards):
            row = [card.front, card.back, " ".join(card.tags), card.source,
                   names.get(card.deck_guid, ""), card.guid, str(card.kind)]  # fmt: skip
            writer.writerow([_as_text(cell) for cell in row])
