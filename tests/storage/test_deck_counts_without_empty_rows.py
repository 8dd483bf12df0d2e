"""Deck counts are exactly a function of the cards: a count that drops to zero loses its
row, so an undo that puts the cards back leaves the table as it was."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

from tests.conftest import START
from trainer.app import open_services
from trainer.core.cards import NewCard
from trainer.core.clock import FixedClock

FIXTURE = Path(__file__).parent / "fixtures" / "schema_v6.sqlite3"


def empty_rows(database: Path) -> list[tuple[int, ...]]:
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute("SELECT * FROM deck_card_counts WHERE cards = 0").fetchall()


def test_an_old_collection_loses_its_empty_count_rows_when_upgraded(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database = data_dir / "collection.sqlite3"
    shutil.copy(FIXTURE, database)
    with closing(sqlite3.connect(database)) as connection, connection:
        (deck,) = connection.execute("SELECT min(id) FROM decks").fetchone()
        connection.execute("INSERT INTO deck_card_counts VALUES (?, 1, 3, 0)", (deck,))
    open_services(data_dir, FixedClock(START), fuzzing=False).close()
    assert empty_rows(database) == []


def test_suspending_and_deleting_leave_no_empty_count_rows(tmp_path: Path) -> None:
    services_dir = tmp_path / "data"
    services = open_services(services_dir, FixedClock(START), fuzzing=False)
    try:
        services.card_edits.add_cards("Counted", [NewCard("One?", "1")])
        [card_id] = services.browse.search("deck:Counted")
        services.card_edits.set_suspended([card_id], True)
        services.card_edits.delete([card_id])
    finally:
        services.close()
    assert empty_rows(services_dir / "collection.sqlite3") == []
