"""A file damaged past its header: commands that write say so in one line and change nothing;
commands that only read answer unless they read the damage, which they then report the same way.

The header check runs at every open; the page check (`PRAGMA quick_check`) runs before the
first write (docs/performance.md, "The integrity check").
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.damage import add_filler, clobber, garble_schema, null_card_state
from trainer.cli.main import main

HINT = "keeper backup restore latest"
ADD = ["add", "--deck", "X", "--front", "a", "--back", "b"]


def collection(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data_dir = tmp_path / "d"
    assert main(["--data-dir", str(data_dir), "decks"]) == 0
    capsys.readouterr()
    return data_dir


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and captured.err.startswith("keeper: error: ")
    return captured.err


def test_a_write_to_a_damaged_file_is_refused_in_one_line_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = collection(tmp_path, capsys)
    database = data_dir / "collection.sqlite3"
    add_filler(database)
    damaged = clobber(database, "filler")
    add = ["add", "--deck", "X", "--front", "a", "--back", "b"]
    assert main(["--data-dir", str(data_dir), *add]) == 1
    error = one_error_line(capsys)
    assert "is damaged" in error and HINT in error
    assert database.read_bytes() == damaged, "the damaged file must not be touched"


def test_reading_around_the_damage_still_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = collection(tmp_path, capsys)
    database = data_dir / "collection.sqlite3"
    add_filler(database)
    damaged = clobber(database, "filler")
    assert main(["--data-dir", str(data_dir), "decks"]) == 0
    assert "Interview FAQ" in capsys.readouterr().out
    assert database.read_bytes() == damaged


def test_reading_the_damage_is_reported_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = collection(tmp_path, capsys)
    database = data_dir / "collection.sqlite3"
    damaged = clobber(database, "ix_cards_deck_queue")  # what the due counts read
    assert main(["--data-dir", str(data_dir), "decks"]) == 1
    error = one_error_line(capsys)
    assert "is damaged" in error and HINT in error
    assert database.read_bytes() == damaged


@pytest.mark.parametrize("index", ["ix_cards_front", "ix_reviews_card", "sqlite_autoindex_decks_1"])
def test_an_integrity_report_of_several_lines_is_still_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], index: str
) -> None:
    """SQLite's quick_check answers "*** in database main ***" and the page on a line each."""
    data_dir = collection(tmp_path, capsys)
    database = data_dir / "collection.sqlite3"
    damaged = clobber(database, index)
    add = ["add", "--deck", "X", "--front", "a", "--back", "b"]
    assert main(["--data-dir", str(data_dir), *add]) == 1
    error = one_error_line(capsys)
    assert "is damaged" in error and HINT in error
    assert database.read_bytes() == damaged


@pytest.mark.parametrize("command", [["decks"], ADD])
def test_a_damaged_schema_whose_report_is_not_utf8_is_reported_as_damage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """Was: "unexpected UnicodeDecodeError", SQLite's message carrying the damaged byte."""
    data_dir = collection(tmp_path, capsys)
    database = data_dir / "collection.sqlite3"
    damaged = garble_schema(database, "ix_cards_front")
    assert main(["--data-dir", str(data_dir), *command]) == 1
    error = one_error_line(capsys)
    assert "is damaged" in error and HINT in error
    assert database.read_bytes() == damaged


@pytest.mark.parametrize("command", [["stats"], ["cards"], ["export", "out.csv"]])
def test_a_value_that_breaks_a_read_is_checked_and_reported_as_damage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """Was: "unexpected ValueError: None is not a valid CardState"."""
    data_dir = collection(tmp_path, capsys)
    database = data_dir / "collection.sqlite3"
    damaged = null_card_state(database)
    command = [str(tmp_path / part) if part == "out.csv" else part for part in command]
    assert main(["--data-dir", str(data_dir), *command]) == 1
    error = one_error_line(capsys)
    assert "is damaged" in error and "NULL value in cards.state" in error and HINT in error
    assert database.read_bytes() == damaged
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("command", [["cards"], ["export", "out.csv"]])
def test_a_flipped_bit_in_a_stored_value_is_reported_as_damage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    """A bit flipped inside a text value ('builtin' -> 'builtiN') passes SQLite's checks;
    was: "unexpected ValueError: 'builtiN' is not a valid Origin"."""
    data_dir = collection(tmp_path, capsys)
    database = data_dir / "collection.sqlite3"
    with closing(sqlite3.connect(database)) as connection:
        connection.execute("UPDATE cards SET origin = 'builtiN' WHERE id = 1")
        connection.commit()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damaged = database.read_bytes()
    command = [str(tmp_path / part) if part == "out.csv" else part for part in command]
    assert main(["--data-dir", str(data_dir), *command]) == 1
    error = one_error_line(capsys)
    assert "cannot read" in error and "builtiN" in error and HINT in error
    assert database.read_bytes() == damaged
