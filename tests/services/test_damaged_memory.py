"""Any scheduling state stored in the database (edited by hand, written by an older
version): `keeper plan`, `keeper stats` and studying still work, and grading the card
leaves a memory FSRS can use."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trainer.app import DATABASE_FILE, open_services
from trainer.cli.main import main
from trainer.core.cards import Rating
from trainer.core.memory_rules import memory_problem
from trainer.core.study_days import study_date

GUID = "builtin:faq.pay.structure"
NOW = datetime.now(UTC).replace(microsecond=0)
DAY_MICROS = 86_400 * 10**6
NOW_MICROS = int(NOW.timestamp()) * 10**6
REVIEWED = f"state = 2, step = NULL, stability = 5, difficulty = 5, due = {NOW_MICROS},"
DAMAGES = [
    f"{REVIEWED} due = NULL",
    f"{REVIEWED} stability = 0",
    f"{REVIEWED} stability = NULL",
    f"{REVIEWED} stability = -3",
    f"{REVIEWED} stability = 1e308",
    f"{REVIEWED} difficulty = 0",
    f"{REVIEWED} difficulty = NULL",
    f"{REVIEWED} reps = -5, lapses = -1",
    f"{REVIEWED} reps = {2**63 - 1}, lapses = {2**63 - 1}",
    f"{REVIEWED} last_review = {NOW_MICROS + 400 * 365 * DAY_MICROS}",
    f"{REVIEWED} due = {-(10**15)}",
    f"{REVIEWED} state = 3",
    f"{REVIEWED} state = 1, step = 57",
    "state = 1, step = NULL, due = NULL",
    "state = 0, step = NULL",
    "state = 0, stability = 0, difficulty = 0",
    f"{REVIEWED} stability = 'x'",
    "state = 7",
    f"{REVIEWED} state = 1, step = 0.5",
]


def keeper(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str]:
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return code, out


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda damage: damage.split(",")[-1])
def test_any_stored_memory_still_plans_counts_and_studies(
    damage: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    open_services(data, lambda: NOW, fuzzing=False).close()
    with sqlite3.connect(data / DATABASE_FILE) as connection:
        changed = connection.execute(f"UPDATE cards SET {damage} WHERE guid = ?", (GUID,))
        assert changed.rowcount == 1
    interview = study_date(NOW) + timedelta(days=10)
    _, out = keeper(capsys, data, "plan", "--interview-date", str(interview), "--json")
    assert json.loads(out)["decks"]
    keeper(capsys, data, "stats", "--json")

    later = NOW + timedelta(days=400)
    services = open_services(data, lambda: later, fuzzing=False)
    try:
        deck = next(d for d in services.decks.decks() if d.name == "Interview FAQ")
        session = services.study.start_session(deck.id)
        graded = None
        while session.current is not None and graded is None:
            session.reveal()
            if session.current.guid == GUID:
                assert all(delta.total_seconds() > 0 for delta in session.preview().values())
                graded = session.grade(Rating.GOOD, keep=services.study.record)
            else:
                session.grade(Rating.EASY, keep=services.study.record)
        assert graded is not None, "the damaged card never came up for study"
        assert memory_problem(graded.after) is None
    finally:
        services.close()
