"""Every schema version ever released opens and upgrades, with a backup taken first.

tests/storage/fixtures/schema_vN.sqlite3 is a small real collection written by release N.
When a migration is added, add the fixture of the version it upgrades from.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import START
from trainer.app import open_services
from trainer.core.browse import front_sort_key
from trainer.core.clock import FixedClock
from trainer.core.study_days import study_date
from trainer.storage.codecs import from_micros
from trainer.storage.migrations import SCHEMA_VERSION, schema_version

FIXTURES = sorted(Path(__file__).parent.joinpath("fixtures").glob("schema_v*.sqlite3"))


def version_of(fixture: Path) -> int:
    match = re.search(r"schema_v(\d+)", fixture.name)
    assert match
    return int(match[1])


def test_there_is_a_fixture_for_every_released_version_below_the_current_one() -> None:
    versions = {version_of(fixture) for fixture in FIXTURES}
    assert set(range(1, SCHEMA_VERSION + 1)) - {SCHEMA_VERSION} <= versions
    assert 1 in versions


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.stem)
def test_an_old_collection_opens_upgraded_with_its_reviews_and_stories(
    fixture: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copy(fixture, data_dir / "collection.sqlite3")
    services = open_services(data_dir, FixedClock(START), fuzzing=False)
    try:
        stats = services.stats.collection_stats()
        assert stats.reviews == 5
        assert stats.cards >= 85
        assert "My own deck" in {row.name for row in services.study.overview()}
    finally:
        services.close()
    with closing(sqlite3.connect(data_dir / "collection.sqlite3")) as connection:
        assert schema_version(connection) == SCHEMA_VERSION
        # Old reviews got the study day they were made on, in the system's time zone.
        days = connection.execute("SELECT reviewed_at, study_day FROM reviews").fetchall()
        assert days and all(day == study_date(from_micros(at)).toordinal() for at, day in days)
        assert connection.execute("SELECT title FROM stories").fetchall() == [
            ("Ending the free trial",)
        ]
        # Old cards got the key the browser sorts their front by (the text shown).
        keys = connection.execute("SELECT front, front_key FROM cards").fetchall()
        assert keys and all(key == front_sort_key(front) for front, key in keys)
    backups = list((data_dir / "backups").glob(f"*before-migration-v{version_of(fixture)}*"))
    assert len(backups) == (1 if version_of(fixture) < SCHEMA_VERSION else 0)
