"""CSV and TSV: header or not, RFC 4180 quoting, separators, and writing them back."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck
from trainer.exchange.csv_file import read_csv, write_csv
from trainer.services.services import Services


def cards_of(path: Path, deck: str = "Deck") -> list[tuple[str, str, tuple[str, ...]]]:
    return [(card.front, card.back, card.tags) for card in read_csv(path, deck).bundle.cards]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_without_a_header_the_columns_are_front_back_tags(tmp_path: Path) -> None:
    path = write(tmp_path, "plain.csv", "What is 2+2?,4,math easy\nCapital of France?,Paris\n")
    assert cards_of(path) == [
        ("What is 2+2?", "4", ("math", "easy")),
        ("Capital of France?", "Paris", ()),
    ]


def test_a_header_names_the_columns_in_any_order(tmp_path: Path) -> None:
    path = write(tmp_path, "named.csv", "Tags,Back,Front,Source\nmath,4,2+2?,book p. 3\n")
    loaded = read_csv(path, "Deck")
    (card,) = loaded.bundle.cards
    assert (card.front, card.back, card.tags, card.source) == ("2+2?", "4", ("math",), "book p. 3")


def test_rfc4180_quoting_commas_quotes_and_line_breaks(tmp_path: Path) -> None:
    text = (
        'front,back,tags\r\n'
        '"Say ""hello"", then wave","Line one\r\nLine two","a,b"\r\n'
        '"Ünïcødé, ok",   "trailing spaces trimmed  ",\r\n'
    )  # fmt: skip
    path = write(tmp_path, "quoted.csv", text)
    assert cards_of(path) == [
        ('Say "hello", then wave', "Line one\r\nLine two", ("a", "b")),
        ("Ünïcødé, ok", "trailing spaces trimmed", ()),
    ]


@pytest.mark.parametrize("name", ["cards.tsv", "cards.txt"])
def test_tab_separated_by_extension_or_by_sniffing(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, "front\tback\ttags\nhola, amigo\thello, friend\tspanish\n")
    assert cards_of(path) == [("hola, amigo", "hello, friend", ("spanish",))]


def test_a_byte_order_mark_and_anki_header_lines_are_understood(tmp_path: Path) -> None:
    text = '\ufeff#separator:semicolon\n#html:true\n#tags column:3\nA <b>bold</b>;"B&amp;C";x y\n'
    path = write(tmp_path, "anki.txt", text)
    assert cards_of(path) == [("A **bold**", "B&C", ("x", "y"))]


def test_rows_without_a_front_or_back_are_skipped_and_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "gaps.csv", "front,back\nq1,a1\nq2,\n,,\n,a4\nq5,a5\n")
    loaded = read_csv(path, "Deck")
    assert [card.front for card in loaded.bundle.cards] == ["q1", "q5"]
    assert loaded.warnings == ("2 rows skipped without a front or a back (rows 3, 5)",)


def test_ids_are_stable_so_the_same_file_imports_once(tmp_path: Path, services: Services) -> None:
    path = write(tmp_path, "vocab.csv", "front,back\nperro,dog\ngato,cat\nperro,dog (again)\n")
    assert read_csv(path, "Vocab").bundle == read_csv(path, "Vocab").bundle
    first = services.exchange.import_file(path)
    second = services.exchange.import_file(path)
    assert (first.added, first.decks) == (3, ("vocab",))
    assert (second.added, second.updated, second.skipped) == (0, 0, 3)


def test_a_changed_back_updates_the_card_in_place(tmp_path: Path, services: Services) -> None:
    path = write(tmp_path, "vocab.csv", "perro,dog\n")
    services.exchange.import_file(path, deck="Spanish")
    path.write_text("perro,dog; also a hot dog\n")
    report = services.exchange.import_file(path, deck="Spanish")
    assert (report.added, report.updated) == (0, 1)


def test_writing_and_reading_back(tmp_path: Path) -> None:
    bundle = Bundle(
        decks=(BundleDeck("d1", "One"), BundleDeck("d2", "Two")),
        cards=(
            BundleCard("c1", "d1", 'He said "hi", twice', "Line 1\nLine 2", ("a", "b")),
            BundleCard("c2", "d2", "Tabs\there", "plain"),
        ),
    )
    for name in ("out.csv", "out.tsv"):
        path = tmp_path / name
        write_csv(path, bundle)
        loaded = read_csv(path, "ignored").bundle
        assert [(c.guid, c.front, c.back, c.tags) for c in loaded.cards] == [
            ("c1", 'He said "hi", twice', "Line 1\nLine 2", ("a", "b")),
            ("c2", "Tabs\there", "plain", ()),
        ]
        assert [deck.name for deck in loaded.decks] == ["One", "Two"]
    header = b"front,back,tags,source,deck,id,type\r\n"
    assert (tmp_path / "out.csv").read_bytes().startswith(header)


def test_a_file_without_any_card_is_refused(tmp_path: Path, services: Services) -> None:
    from trainer.exchange.errors import ExchangeError

    path = write(tmp_path, "fronts.csv", "only a front\n")
    with pytest.raises(ExchangeError, match="no cards found"):
        services.exchange.import_file(path)


# Formula injection: a spreadsheet opening Keeper's CSV would run a cell starting with
# = + - @ (or a tab or carriage return before one). Such cells are written after a single
# quote, the spreadsheets' mark for "text" (OWASP's advice), and read back without it.
RISKY = {
    "front": '=HYPERLINK("https://evil.example","click")',
    "back": "+cmd|' /C calc'!A0",
    "source": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tag": "-2+3",
    "deck": "=Deck",
}


def test_cells_a_spreadsheet_would_run_are_written_as_text_and_read_back_exactly(
    tmp_path: Path,
) -> None:
    bundle = Bundle(
        decks=(BundleDeck("=1+1", RISKY["deck"]),),
        cards=(
            BundleCard("@guid", "=1+1", RISKY["front"], RISKY["back"], (RISKY["tag"], "ok"),
                       RISKY["source"]),
            BundleCard("c2", "=1+1", "\t=1+2", "\r=1+3"),
        ),
    )  # fmt: skip
    path = tmp_path / "risky.csv"
    write_csv(path, bundle)
    import csv

    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell
    assert rows[1][0] == "'" + RISKY["front"]
    (first, second) = read_csv(path, "ignored").bundle.cards
    assert (first.guid, first.front, first.back, first.source, first.tags) == (
        "@guid", RISKY["front"], RISKY["back"], RISKY["source"], (RISKY["tag"], "ok")
    )  # fmt: skip
    assert (second.front, second.back) == ("\t=1+2", "\r=1+3")
    assert read_csv(path, "ignored").bundle.decks[0].name == RISKY["deck"]


@pytest.mark.parametrize(
    "text", ["'=already quoted", "''+twice", "'tis the season", "'", "it's -1", "'@'"]
)
def test_text_that_starts_with_a_quote_comes_back_exactly(tmp_path: Path, text: str) -> None:
    bundle = Bundle(decks=(BundleDeck("d", "D"),), cards=(BundleCard("c", "d", text, text),))
    path = tmp_path / "quoted.csv"
    write_csv(path, bundle)
    (card,) = read_csv(path, "ignored").bundle.cards
    assert (card.front, card.back) == (text, text)


def test_a_spreadsheets_quote_before_a_formula_is_its_text_mark(tmp_path: Path) -> None:
    path = write(tmp_path, "sheet.csv", "front,back\n'=A1+B1,'-5\n'tis,it's\n")
    assert cards_of(path) == [("=A1+B1", "-5", ()), ("'tis", "it's", ())]


def test_a_card_longer_than_the_csv_modules_field_limit_comes_back(tmp_path: Path) -> None:
    long = "word " * 30_000  # 150,000 characters: csv's default limit is 131,072
    bundle = Bundle(decks=(BundleDeck("d", "D"),), cards=(BundleCard("c", "d", long, "b"),))
    path = tmp_path / "long.csv"
    write_csv(path, bundle)
    assert cards_of(path) == [(long.strip(), "b", ())]


@pytest.mark.parametrize(
    "text", [';";"', ';"a";', 'x\t"a"\ty', '"a"; "b"; "c"', "'a';'b'", "a;b;c;d;e;f"]
)
def test_keepers_own_csv_is_read_with_its_own_separator_whatever_the_cards_hold(
    tmp_path: Path, text: str
) -> None:
    """The separator was sniffed from the cards: semicolons and quotes in them made csv's
    Sniffer choose `;` or a tab, and the file was refused or misread."""
    cards = tuple(BundleCard(f"c{i}", "d", text, text) for i in range(3))
    path = tmp_path / "own.csv"
    write_csv(path, Bundle(decks=(BundleDeck("d", "D"),), cards=cards))
    assert cards_of(path) == [(text, text, ())] * 3


@pytest.mark.parametrize(
    "text, expected",
    [
        ("#guid column:1\nid1,Q,A\n", [("Q", "A", ())]),
        ("#tags column:2\nQ,t1 t2,A\n", [("Q", "A", ("t1", "t2"))]),
        ("#deck column:1\nfront,back\nQ,A\n", [("Q", "A", ())]),
    ],
)
def test_anki_column_lines_never_take_the_front_or_back_column(
    tmp_path: Path, text: str, expected: list[tuple[str, str, tuple[str, ...]]]
) -> None:
    """Found by test_generated_csv: `#guid column:1` put the id where the front was, and the
    import ended in KeyError 'front'. The front and back take the columns left free."""
    assert cards_of(write(tmp_path, "placed.csv", text)) == expected
