"""`keeper stats`, `keeper decks` and `keeper builtin-decks` read through plain sqlite3:
SQLAlchemy's import was most of `keeper stats` (0.76 s at 10,000 cards). The numbers are
those the collection's own cards and review log give, counted here another way; a card a
damaged state hides is repaired (and counted as new) first, as before."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.history_builder import build_history
from trainer.app import DATABASE_FILE, open_services
from trainer.core.card_statistics import due_forecast
from trainer.core.model import CardState
from trainer.core.study_days import YEAR_DAYS, study_date, study_date_start
from trainer.core.today import streak

# Runs the command in this process, then says whether it loaded SQLAlchemy.
RUN_AND_TELL = """
import sys
from trainer.cli.main import main
status = main(sys.argv[1:])
print("SQLALCHEMY LOADED" if "sqlalchemy" in sys.modules else "no sqlalchemy", flush=True)
sys.exit(status)
"""


def keeper(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUN_AND_TELL, "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )


@pytest.fixture(scope="module")
def studied(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A collection with a few thousand reviews over 60 days, two cards suspended."""
    folder = tmp_path_factory.mktemp("light") / "data"
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    services = open_services(folder, lambda: now, fuzzing=False)
    try:
        build_history(services, now, days=60, extra_cards=50)
        cards = services.browse.find("")
        services.card_edits.set_suspended([found.card.id for found in cards[:2]], True)
    finally:
        services.close()
    return folder


def told(result: subprocess.CompletedProcess[str]) -> tuple[str, str]:
    """The command's own output, and what the last line said about SQLAlchemy."""
    assert result.returncode == 0, result.stderr
    *printed, verdict = result.stdout.splitlines()
    return "\n".join(printed), verdict


@pytest.mark.parametrize(
    "arguments",
    [["stats"], ["stats", "--json"], ["decks"], ["decks", "--json"], ["builtin-decks", "--json"]],
)
def test_read_commands_do_not_load_sqlalchemy(studied: Path, arguments: list[str]) -> None:
    printed, verdict = told(keeper(studied, *arguments))
    assert printed
    assert verdict == "no sqlalchemy"


def test_stats_json_counts_what_the_collection_holds(studied: Path) -> None:
    today = study_date(datetime.now(UTC))
    printed, _ = told(keeper(studied, "stats", "--json"))
    if study_date(datetime.now(UTC)) != today:  # a new study day began meanwhile: ask again
        today = study_date(datetime.now(UTC))
        printed, _ = told(keeper(studied, "stats", "--json"))
    stats = json.loads(printed)
    services = open_services(studied)
    try:
        with services.uow() as collection:
            cards = collection.cards.all()
            reviews = collection.reviews.logged()
    finally:
        services.close()
    by_state = {state.name.lower(): 0 for state in CardState}
    for card in cards:
        by_state[card.memory.state.name.lower()] += 1
    since = study_date_start(today - timedelta(days=YEAR_DAYS - 1))
    graded = [r for r in reviews if r.reviewed_at >= since and r.before_state == CardState.REVIEW]
    dues = [
        card.memory.due
        for card in cards
        if not card.suspended and card.memory.state != CardState.NEW and card.memory.due
    ]
    assert stats == {
        "reviews": len(reviews),
        "reviews_today": sum(study_date(r.reviewed_at) == today for r in reviews),
        "cards": len(cards),
        "cards_by_state": by_state,
        "suspended": sum(card.suspended for card in cards),
        "forecast": due_forecast(dues, today, None, 30),
        "retention": sum(r.rating > 1 for r in graded) / len(graded),
        "streak": streak({study_date(r.reviewed_at) for r in reviews}, today),
    }
    assert stats["reviews"] > 500 and stats["cards_by_state"]["review"] > 0
    assert stats["suspended"] == 2


def test_stats_repairs_a_card_a_damaged_state_hides_and_counts_it_new(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    open_services(folder).close()
    with closing(sqlite3.connect(folder / DATABASE_FILE)) as connection, connection:
        connection.execute("UPDATE cards SET state = 9 WHERE id = (SELECT min(id) FROM cards)")
    before = json.loads(told(keeper(folder, "stats", "--json"))[0])
    assert before["cards_by_state"]["new"] == before["cards"]
    with closing(sqlite3.connect(folder / DATABASE_FILE)) as connection:
        states = {state for (state,) in connection.execute("SELECT DISTINCT state FROM cards")}
    assert states == {int(CardState.NEW)}
