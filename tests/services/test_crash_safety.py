"""A hard kill at any moment loses at most the grade in flight: real processes, SIGKILL."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from trainer.app import open_services

WORKER = """
import sys
from pathlib import Path
from trainer.app import open_services
from trainer.core.cards import Rating

services = open_services(Path(sys.argv[1]))
ratings = [Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY]
kept = 0
while True:
    session = services.study.start_session()
    if session.current is None:
        break
    while session.current is not None:
        session.reveal()
        services.study.record(session.grade(ratings[kept % 4]))
        kept += 1
        print(kept, flush=True)
print("done", flush=True)
"""
RUNS = 20


def test_sigkill_mid_session_keeps_every_committed_grade(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    rng = random.Random(20261125)
    total_confirmed = 0
    for _run in range(RUNS):
        stop_after = rng.randint(1, 12)
        worker = subprocess.Popen(
            [sys.executable, "-c", WORKER, str(data_dir)], stdout=subprocess.PIPE, text=True
        )
        assert worker.stdout is not None
        confirmed = 0
        for line in worker.stdout:
            if line.strip() == "done":
                break
            confirmed = int(line)
            if confirmed >= stop_after:
                break
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        # A slow reader (a loaded machine) leaves grades the worker confirmed before the kill
        # in the pipe: they count too, or a kept grade would look like a phantom one.
        for line in worker.stdout:
            if line.strip().isdigit():
                confirmed = int(line)
        total_confirmed += confirmed

        with closing(sqlite3.connect(data_dir / "collection.sqlite3")) as connection:
            assert connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            # A review and the card's new memory are one transaction: never one without the other.
            reps = connection.execute("SELECT sum(reps) FROM cards").fetchone()[0]
            logged = connection.execute("SELECT count(*) FROM reviews").fetchone()[0]
            assert reps == logged
        services = open_services(data_dir)
        reviews = services.stats.collection_stats().reviews
        services.close()
        # Every confirmed grade is there; at most the one in flight when killed is extra.
        assert total_confirmed <= reviews <= total_confirmed + 1
        total_confirmed = reviews
