"""The .keeper file: a full round trip, its schema, and what the documents look like."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from tests.exchange.helpers import snapshot, story, study
from trainer.app import open_services
from trainer.core.cards import NewCard, Rating
from trainer.core.clock import FixedClock
from trainer.exchange.keeper_file import read_keeper, write_keeper
from trainer.exchange.keeper_schema import FILES, SCHEMA
from trainer.services.services import Services

DOC = Path(__file__).resolve().parents[2] / "docs" / "file-format.md"


def fill(services: Services, clock: FixedClock) -> None:
    services.card_edits.add_cards(
        "Product sense", [NewCard(f"Q{n}", f"A{n}", ("ps",)) for n in range(5)]
    )
    services.stories.create(story("The trade show"))
    services.stories.create(story("The pricing page", "I chose to raise prices by 20%."))
    study(services, clock, [Rating.GOOD, Rating.AGAIN, Rating.EASY, Rating.HARD])


def test_round_trip_into_an_empty_data_folder_keeps_decks_counts_history_and_stories(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    fill(services, clock)
    package = tmp_path / "everything.keeper"
    exported = services.exchange.export_file(package, with_history=True, with_stories=True)
    assert exported.reviews > 0 and exported.stories == 2

    other = open_services(tmp_path / "elsewhere", clock, fuzzing=False)
    try:
        other.stories.create(story("Already here", "I decided to ship on Friday."))
        report = other.exchange.import_file(package)
        mine, theirs = snapshot(services), snapshot(other)
        assert report.reviews == exported.reviews
        assert report.stories == 2
        assert theirs["decks"] == mine["decks"]
        assert theirs["reviews"] == mine["reviews"]
        story_cards = [c for c in theirs["cards"] if c[1].startswith("story:")]
        assert [c for c in theirs["cards"] if not c[1].startswith("story:")] == [
            c for c in mine["cards"] if not c[1].startswith("story:")
        ]
        assert len(theirs["stories"]) == 3  # theirs and the two imported
        # Each imported story keeps its cards, under its new id.
        for imported in other.stories.list():
            assert other.stories.cards(imported.id).count == 2
        assert len(story_cards) == 6

        again = other.exchange.import_file(package)
        assert (again.added, again.updated, again.reviews, again.stories) == (0, 0, 0, 0)
        assert snapshot(other) == theirs
    finally:
        other.close()


def test_a_deck_shared_without_stories_leaves_the_story_cards_behind(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    fill(services, clock)
    package = tmp_path / "shared.keeper"
    report = services.exchange.export_file(package)
    assert any("story cards left out" in warning for warning in report.warnings)
    loaded = read_keeper(package)
    assert not any(card.guid.startswith("story:") for card in loaded.bundle.cards)
    assert not loaded.bundle.reviews and not loaded.bundle.stories
    assert all(card.memory is None for card in loaded.bundle.cards)  # progress stays private


def test_the_documented_schema_is_the_one_enforced() -> None:
    block = re.search(r"## JSON Schema.*?```json\n(.*?)```", DOC.read_text(), re.DOTALL)
    assert block is not None
    assert json.loads(block.group(1)) == SCHEMA


def test_files_keeper_writes_pass_the_schema_with_a_reference_validator(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    fill(services, clock)
    package = tmp_path / "checked.keeper"
    services.exchange.export_file(package, with_history=True, with_stories=True)
    with zipfile.ZipFile(package) as archive:
        assert set(archive.namelist()) == set(FILES)
        for name, definition in FILES.items():
            document = json.loads(archive.read(name))
            wrapper = {**SCHEMA, "$ref": f"#/$defs/{definition}"}
            jsonschema.validate(document, wrapper, cls=jsonschema.Draft202012Validator)


def test_a_written_bundle_reads_back_equal(
    tmp_path: Path, services: Services, clock: FixedClock
) -> None:
    fill(services, clock)
    package = tmp_path / "bundle.keeper"
    services.exchange.export_file(package, with_history=True, with_stories=True)
    first = read_keeper(package).bundle
    copy = tmp_path / "copy.keeper"
    write_keeper(copy, first, clock())
    assert read_keeper(copy).bundle == first
