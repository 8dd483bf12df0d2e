"""Any Unicode text, control characters included, survives each format's export and import.

What "exactly" means per format (README, "What a card's text keeps"):
- .keeper: every character of every text field, as it was.
- CSV: every character but white space at either end of a cell (cells are stripped).
- .apkg: fields are HTML. Keeper's Markdown goes to HTML and back (`keeper_form`): the file
  adds nothing to that, the form is stable (a second trip changes nothing), and text that is
  not Markdown syntax or white space comes back character for character.
A lone surrogate cannot be written as UTF-8 anywhere: every exporter refuses it in one line
and leaves no file.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory
from unicodedata import normalize

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.exchange.anki_helpers import anki_collection_at, import_package
from trainer.core.stories import Story
from trainer.exchange.bundle import Bundle, BundleCard, BundleDeck
from trainer.exchange.errors import ExchangeError
from trainer.exchange.formats import Format, read_file, write_file
from trainer.exchange.html_text import html_to_markdown
from trainer.exchange.markdown_html import markdown_to_html

NOW = datetime(2026, 3, 10, 10, 0, tzinfo=UTC)
ODD = [
    "\x00", "\x01", "\x07", "\t", "\x0b", "\x0c", "\r", "\x1b", "\x1c", "\x1e", "\x1f", "\x7f",
    "\x85", "\x9f", "\xa0", "\xad", "\u061c", "\u200b", "\u200d", "\u200e", "\u200f", "\u2028",
    "\u2029", "\u202a", "\u202e", "\u2066", "\u2069", "\u3000", "\ue000", "\ue001", "\ufeff",
    "\ufffd", "\U0001f600", "&", "<", ">", "&#31;", "&amp;", "[sound:a.mp3]", "'", "=", '"',
    ",", ";", "\n", "\r\n", " ", "  ",
]  # fmt: skip
# Any character but a lone surrogate, with the odd ones above drawn often.
TEXT = st.lists(st.one_of(st.text(max_size=6), st.sampled_from(ODD)), max_size=12).map("".join)
SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
TAG = st.text(
    st.characters(blacklist_categories=["Cs"]).filter(lambda c: not c.isspace() and c != ","),
    min_size=1, max_size=12,
)  # fmt: skip
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _bundle(front: str, back: str, source: str = "", tags: tuple[str, ...] = (),
            deck: str = "Deck", description: str = "") -> Bundle:  # fmt: skip
    return Bundle(
        decks=(BundleDeck("deck:1", deck, description),),
        cards=(BundleCard("card:1", "deck:1", front, back, tags, source),),
    )


def _through(kind: Format, bundle: Bundle) -> Bundle:
    with TemporaryDirectory() as folder:
        path = Path(folder) / f"trip.{kind}"
        write_file(path, bundle, kind, NOW)
        return read_file(path, NOW, deck_name="Imported").bundle


# .keeper ------------------------------------------------------------------------------


@SETTINGS
@given(front=TEXT, back=TEXT, source=TEXT, description=TEXT, tags=st.lists(TAG, max_size=4),
       deck=TEXT.filter(lambda name: name.strip() == name != ""),
       story=st.lists(TEXT, min_size=8, max_size=8))  # fmt: skip
def test_any_text_survives_a_keeper_file_exactly(
    front: str, back: str, source: str, description: str, tags: list[str], deck: str,
    story: list[str],
) -> None:  # fmt: skip
    bundle = _bundle(front, back, source, tuple(tags), deck, description)
    written = Story(None, *story, tags=tuple(tags))
    came = _through(Format.KEEPER, Bundle(bundle.decks, bundle.cards, stories=(written,)))
    assert came.cards == bundle.cards
    assert came.decks == bundle.decks
    assert came.stories == (written,)


# CSV ----------------------------------------------------------------------------------


@SETTINGS
@given(front=TEXT, back=TEXT, source=TEXT, tags=st.lists(TAG, max_size=4, unique=True),
       deck=TEXT, separator=st.sampled_from([Format.CSV, "tsv"]))  # fmt: skip
def test_any_text_survives_a_csv_file_but_white_space_at_the_ends(
    front: str, back: str, source: str, tags: list[str], deck: str, separator: str
) -> None:
    front, back, source, deck = (text.strip() for text in (front, back, source, deck))
    assume(front and back)
    bundle = _bundle(front, back, source, tuple(tags), deck or "Deck")
    with TemporaryDirectory() as folder:
        path = Path(folder) / f"trip.{separator}"
        write_file(path, bundle, Format.CSV, NOW)
        came = read_file(path, NOW, deck_name="Imported").bundle
    (card,) = came.cards
    assert (card.guid, card.front, card.back, card.source, card.tags) == (
        "card:1", front, back, source, tuple(tags)
    )  # fmt: skip
    assert [d.name for d in came.decks] == [deck or "Deck"]


# .apkg --------------------------------------------------------------------------------


def keeper_form(text: str) -> str:
    """The text as Keeper writes it after its Markdown went to HTML and back."""
    return html_to_markdown(markdown_to_html(text))


@settings(SETTINGS, max_examples=40)  # a package takes a fraction of a second to write
@given(front=TEXT, back=TEXT, source=TEXT, tags=st.lists(TAG, max_size=4, unique=True))
def test_an_anki_package_adds_nothing_to_keepers_html_round_trip(
    front: str, back: str, source: str, tags: list[str]
) -> None:
    assume(keeper_form(front))  # a card whose front shows nothing is not imported
    (card,) = _through(Format.APKG, _bundle(front, back, source, tuple(tags))).cards
    assert (card.guid, card.front, card.back, card.source, card.tags) == (
        "card:1", keeper_form(front), keeper_form(back), keeper_form(source), tuple(tags)
    )  # fmt: skip


# Known, left for a later change: a paragraph whose text opens with white space and then a
# quote, list or heading mark (" >", " - x") loses that space in HTML and comes back as the
# mark itself. Keeper's Markdown would need an escape (`\>`) that its HTML also reads.
_SPACE_THEN_MARK = re.compile(r"\s+(?:>|(?:[-+*]|#{1,6}|\d{1,9}[.)])(?:\s|$))")


@settings(max_examples=400, deadline=None)
@given(text=TEXT.filter(lambda text: not _SPACE_THEN_MARK.match(text)))
def test_keepers_html_round_trip_is_stable(text: str) -> None:
    once = keeper_form(text)
    assert keeper_form(once) == once


@pytest.mark.parametrize(
    "text",
    [
        "+\xa00",
        "-\xa0x",
        "1.\xa0x",
        "\x85>",
        "\u3000>",
        "\xa0>",
        "\x85>0",
        "\r\r\n0",
        "\r\u2028\n0",
        "\r\x85\n0",
    ],  # fmt: skip
)
def test_no_break_and_unicode_spaces_never_make_a_mark_of_text(text: str) -> None:
    """Found by the property above: each came back as a list or quote on the second trip."""
    once = keeper_form(text)
    assert keeper_form(once) == once
    assert once.strip() != ""  # the text is still there


# Text with no Markdown syntax and no white space but single spaces and line breaks between
# words: every character comes back, controls, bidi marks and U+001F included.
WORD = st.text(
    st.one_of(
        st.characters(blacklist_categories=["Cs"], blacklist_characters="*`>-+_\n\r\xa0"),
        st.sampled_from([c for c in ODD if len(c) == 1 and c not in "*`>-+_\n\r\xa0 "]),
    ).filter(lambda c: not c.isspace() or ord(c) < 32),
    min_size=1, max_size=8,
).filter(lambda word: not word[:1].isdigit())  # fmt: skip
LINE = st.lists(WORD, min_size=1, max_size=5).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(lines=st.lists(LINE, min_size=1, max_size=4), blank=st.booleans())
def test_text_without_markdown_comes_back_from_html_character_for_character(
    lines: list[str], blank: bool
) -> None:
    text = ("\n\n" if blank else "\n").join(lines)
    assert keeper_form(text) == text


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(lines=st.lists(LINE, min_size=1, max_size=3), back=TEXT)
def test_anki_itself_reads_the_fields_keeper_wrote(
    tmp_path: Path, lines: list[str], back: str
) -> None:
    front = "\n".join(lines)
    with TemporaryDirectory(dir=tmp_path) as folder:
        package = Path(folder) / "trip.apkg"
        write_file(package, _bundle(front, back), Format.APKG, NOW)
        with anki_collection_at(Path(folder) / "anki" / "collection.anki2") as collection:
            import_package(collection, package)
            (note_id,) = collection.find_notes("")
            fields = dict(collection.get_note(note_id).items())
    # Anki itself composes accents (NFC) as it imports: its choice, not a loss of Keeper's.
    assert html_to_markdown(fields["Front"]) == normalize("NFC", front)
    assert html_to_markdown(fields["Back"]) == normalize("NFC", keeper_form(back))
    assert fields["Keeper ID"] == "card:1"


# Lone surrogates ------------------------------------------------------------------------


@settings(SETTINGS, max_examples=40)
@given(kind=st.sampled_from(list(Format)), field=st.sampled_from(["front", "back", "source"]),
       text=TEXT, surrogate=SURROGATE, at=st.integers(0, 12))  # fmt: skip
def test_every_exporter_refuses_a_lone_surrogate_in_one_line_and_writes_nothing(
    kind: Format, field: str, text: str, surrogate: str, at: int
) -> None:
    texts = {"front": "Q", "back": "A", "source": ""}
    texts[field] = text[:at] + surrogate + text[at:]
    with TemporaryDirectory() as folder:
        path = Path(folder) / f"trip.{kind}"
        with pytest.raises(ExchangeError) as caught:
            write_file(path, _bundle(**texts), kind, NOW)
        assert list(Path(folder).iterdir()) == []
    message = str(caught.value)
    assert "\n" not in message
    assert f"card 'card:1': the {field} holds a lone surrogate (U+{ord(surrogate):04X})" in message
