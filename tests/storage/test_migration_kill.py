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

from tests.conftest import START
from trainer.app import open_services
from trainer.core.clock import FixedClock
from trainer.storage.migrations import SCHEMA_VERSION, schema_version

OLD_SCHEMA = Path(__file__).parent / "fixtures" / "schema_v5.sqlite3"

# Killed during step 1 (version 6 rebuilds the decks, cards, reviews and stories tables),
# once SQLite has reported twice from inside it: mid-copy.
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


def test_an_upgrade_killed_mid_step_is_run_again_and_the_collection_is_whole(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    database = data / "collection.sqlite3"
    shutil.copy(OLD_SCHEMA, database)
    child = subprocess.run(
        [sys.executable, "-c", KILLED_MID_STEP, str(data)], capture_output=True, timeout=120
    )
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    with closing(sqlite3.connect(database)) as connection:
        assert schema_version(connection) == 5  # the step was rolled back, not left half done
    assert any(data.joinpath("backups").glob("*before-migration-v5*"))
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
