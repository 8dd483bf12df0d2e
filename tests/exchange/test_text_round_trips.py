"""Card text that once broke an export or an import: each case now comes home exactly.

Before the fixes, a U+001F in a front (Anki's field separator) lost the card's answer in an
.apkg, a NUL and a digit crashed the .apkg export, 1,200 nested quotes hit Python's recursion
limit, `**a ` repeated took a minute, and private-use characters vanished.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from tests.exchange.anki_helpers import anki_collection_at, import_package
from tests.exchange.test_bad_input import refused
from trainer.core.cards import NewCard
from trainer.exchange.html_text import DEEPEST, html_to_markdown
from trainer.exchange.markdown_html import markdown_to_html
from trainer.services.services import Services

QUICK = 5.0  # seconds: a guard against a hang; these take well under a second


def _export_and_import(services: Services, tmp_path: Path, suffix: str, front: str) -> str:
    """The front of the one card of deck "Odd" after exporting it and importing it again."""
    services.card_edits.add_cards("Odd", [NewCard(front, "The answer")])
    path = tmp_path / f"odd{suffix}"
    services.exchange.export_file(path, deck="Odd")
    services.decks.delete(services.decks.named("Odd").id)
    report = services.exchange.import_file(path)
    assert report.added == 1
    with services.uow() as collection:
        deck = collection.decks.named("Odd")
        assert deck is not None
        (card,) = collection.cards.all(deck.id)
    assert card.back == "The answer"
    return card.front


@pytest.mark.parametrize(
    "front",
    [
        "Field\x1fsecond half",  # Anki's field separator
        "nul\x00 and bell\x07 and escape\x1b",
        "a tab\tinside and a lone\rreturn",
        "code `x` then \x000\x00",  # once mistaken for the exporter's own code placeholder
        "private use \ue000 and \ue001 marks",  # once the converter's own marks
    ],
)
def test_control_and_private_characters_come_home_from_an_anki_package(
    tmp_path: Path, services: Services, front: str
) -> None:
    assert _export_and_import(services, tmp_path, ".apkg", front) == front


@pytest.mark.parametrize("front", ["Field\x1fsecond half", "nul\x00 bell\x07 delete\x7f"])
def test_anki_itself_keeps_a_fronts_control_characters_in_its_one_field(
    tmp_path: Path, services: Services, front: str
) -> None:
    services.card_edits.add_cards("Odd", [NewCard(front, "The answer")])
    package = tmp_path / "odd.apkg"
    services.exchange.export_file(package, deck="Odd")
    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as collection:
        import_package(collection, package)
        (note_id,) = collection.find_notes("")
        note = collection.get_note(note_id)
        fields = dict(note.items())
    assert html_to_markdown(fields["Front"]) == front  # raw, Anki deleted all but U+001F
    assert html_to_markdown(fields["Back"]) == "The answer"


def test_deeply_nested_quotes_export_and_come_home(tmp_path: Path, services: Services) -> None:
    front = ">" * 1200 + " deep"
    started = time.perf_counter()
    came_home = _export_and_import(services, tmp_path, ".apkg", front)
    assert time.perf_counter() - started < QUICK
    assert came_home == "> " * DEEPEST + "deep"  # quotes deeper than anyone writes: at DEEPEST


def test_unclosed_bold_marks_export_quickly(tmp_path: Path, services: Services) -> None:
    front = "**a " * 30_000
    started = time.perf_counter()
    came_home = _export_and_import(services, tmp_path, ".apkg", front.strip())
    assert time.perf_counter() - started < QUICK
    assert came_home == front.strip()


@pytest.mark.parametrize(
    "markdown",
    [">" * 5000 + " x", "> a\n>> b\n> c\n>>> d\n\ne", "**a " * 30_000, "*a " * 30_000],
)
def test_markdown_converts_without_recursion_or_quadratic_time(markdown: str) -> None:
    started = time.perf_counter()
    html = markdown_to_html(markdown)
    assert time.perf_counter() - started < QUICK
    assert html_to_markdown(markdown_to_html(html_to_markdown(html))) == html_to_markdown(html)


def test_many_deeply_quoted_lines_convert_quickly() -> None:
    markdown = "\n".join([">" * 2000 + " a"] * 2000)  # took 35 s: each `>` copied its line
    started = time.perf_counter()
    html = markdown_to_html(markdown)
    assert time.perf_counter() - started < QUICK
    assert html.count("<blockquote>") == 2000


def test_a_long_field_of_many_tags_converts_quickly() -> None:
    field = "<p>" + "word <b>bold</b> " * 100_000  # took 49 s: the line was copied per piece
    started = time.perf_counter()
    markdown = html_to_markdown(field)
    assert time.perf_counter() - started < 6 * QUICK  # 4 s on a busy machine; 49 s before
    assert markdown == ("word **bold** " * 100_000).strip()


def test_nesting_deeper_than_anyone_writes_does_not_multiply_the_text() -> None:
    field = "<blockquote>" * 3000 + "line<br>" * 3000 + "<ul>" * 3000 + "<li>item</li>" * 3000
    markdown = html_to_markdown(field)  # 18 MB before: each line repeated its 3,000 marks
    assert len(markdown) < 100 * len(field)
    assert markdown.count("line") == 3000 and markdown.count("item") == 3000


def test_a_sound_tag_written_in_a_card_is_text_not_a_sound(
    tmp_path: Path, services: Services
) -> None:
    front = "Anki writes a sound as [sound:hello.mp3] in a field"
    assert _export_and_import(services, tmp_path, ".apkg", front) == front


@pytest.mark.parametrize(
    "row, reason",
    [
        (["x" * 200_001, "b", "", "D"], "card 1 ('xxxxxxxxxxxxxxxxxxxx...'): front is longer than"),
        (["f", "b", "t" * 201, "D"], "card 1 ('f'): tags[0] is longer than 200 characters"),
        (["f", "b", "", "D" * 501], "deck 1 ('DDDDDDDDDDDDDDDDDDDD...'): name is longer than 500"),
        (["f", "b", "", "D", "my id"], "card 1 ('f'): guid must be a stable id without spaces"),
    ],
)
def test_an_import_a_keeper_file_could_not_hold_is_refused(
    tmp_path: Path, services: Services, row: list[str], reason: str
) -> None:
    """Imported, it would make Keeper's own .keeper export one that Keeper refuses."""
    import csv

    path = tmp_path / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["front", "back", "tags", "deck", "id"], row])
    refused(services, path, reason)


def test_a_keeper_file_keeper_would_refuse_is_never_written(tmp_path: Path) -> None:
    """A story field has no length limit as it is typed; a .keeper file holds 200,000
    characters a field. The export says so in one line instead of writing a file whose
    import fails."""
    from datetime import UTC, datetime

    from tests.exchange.helpers import story
    from trainer.exchange.bundle import Bundle
    from trainer.exchange.errors import ExchangeError
    from trainer.exchange.formats import Format, write_file

    long_story = replace(story("Launch"), situation="x" * 200_001)
    path = tmp_path / "stories.keeper"
    with pytest.raises(ExchangeError) as caught:
        write_file(path, Bundle(stories=(long_story,)), Format.KEEPER, datetime.now(UTC))
    assert str(caught.value) == (
        f"{path}: story 1 ('Launch'): situation is longer than 200000 characters "
        "(what a Keeper deck file holds)"
    )
    assert not path.exists()
