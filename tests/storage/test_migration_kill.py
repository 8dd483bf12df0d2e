"""An upgrade killed half way (a power cut, kill -9) leaves the file as it was before the
step that was running: the next start runs that step again and opens a whole collection."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import START
from trainer.app import open_services
from trainer.core.clock import FixedClock
from trainer.storage.migrations import SCHEMA_VERSION, schema_version

FIXTURES = Path(__file__).parent / "fixtures"

# Killed during step 1, once SQLite has reported twice from inside it: from version 5,
# mid-copy (version 6 rebuilds the decks, cards, reviews and stories tables); from version
# 11, mid-rebuild of the full-text index (version 12 makes it again with prefix indexes).
KILLED_MID_STEP = """
import os, signal, sys
from pathlib import Path
import trainer.storage.migrations as migrations
migrations.PROGRESS_EVERY = 200
from trainer.app import open_services
heard = []
def upgrading(step, steps):
    heard.append(step)
    if heard.count(1) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
open_services(Path(sys.argv[1]), upgrading=upgrading)
"""


def searches(data: Path) -> dict[str, list[int]]:
    services = open_services(data, FixedClock(START), fuzzing=False)
    try:
        return {query: services.browse.search(query) for query in QUERIES}
    finally:
        services.close()


QUERIES = ("a", "th", "my", "-a", "tag:a*", "deck")


@pytest.mark.parametrize("version", [5, 11])
def test_an_upgrade_killed_mid_step_is_run_again_and_the_collection_is_whole(
    tmp_path: Path, version: int
) -> None:
    untouched = tmp_path / "untouched"
    untouched.mkdir()
    shutil.copy(FIXTURES / f"schema_v{version}.sqlite3", untouched / "collection.sqlite3")
    data = tmp_path / "data"
    data.mkdir()
    database = data / "collection.sqlite3"
    shutil.copy(FIXTURES / f"schema_v{version}.sqlite3", database)
    child = subprocess.run(
        [sys.executable, "-c", KILLED_MID_STEP, str(data)], capture_output=True, timeout=120
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    with closing(sqlite3.connect(database)) as connection:
        assert schema_version(connection) == version  # rolled back, not left half done
    assert any(data.joinpath("backups").glob(f"*before-migration-v{version}*"))
    services = open_services(data, FixedClock(START), fuzzing=False)
    try:
        stats = services.stats.collection_stats()
        assert (stats.reviews, stats.cards >= 85) == (5, True)
        assert "My own deck" in {row.name for row in services.study.overview()}
        assert services.database.integrity.passed
    finally:
        services.close()
    with closing(sqlite3.connect(database)) as connection:
        assert schema_version(connection) == SCHEMA_VERSION
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.execute("INSERT INTO card_text (card_text, rank) VALUES ('integrity-check', 1)")
    assert searches(data) == searches(untouched)  # as if never killed
