"""`keeper decks`, `keeper stats`, `--version`, `--data-dir`/KEEPER_DATA_DIR and error lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.content.shipped import offered_builtin_decks
from trainer import __version__


def keeper(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_version() -> None:
    result = keeper("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"keeper {__version__}"


def test_decks_json_on_an_empty_folder_lists_the_four_builtin_decks(tmp_path: Path) -> None:
    result = keeper("--data-dir", str(tmp_path / "d"), "decks", "--json")
    assert result.returncode == 0, result.stderr
    decks = json.loads(result.stdout)
    assert {d["name"] for d in decks} == {
        "Interview mistakes",
        "Interview FAQ",
        "Culture principles",
        "Preparation checklist",
    }
    assert sum(d["cards"] for d in decks) >= 40
    for deck in decks:
        assert {"name", "cards", "new", "due"} <= set(deck)
        # one card of each cloze text is offered: its siblings wait a day
        assert deck["new"] == min(offered_builtin_decks()[deck["name"]], 20)
        assert deck["due"] == 0


def test_decks_plain_output_is_a_table(tmp_path: Path) -> None:
    result = keeper("--data-dir", str(tmp_path / "d"), "decks")
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Deck", "Cards", "New", "Learning", "Due"]
    assert any(line.startswith("Interview FAQ") for line in lines)


def test_the_data_folder_can_come_from_the_environment(tmp_path: Path) -> None:
    folder = tmp_path / "from-env"
    result = keeper("stats", "--json", env={"KEEPER_DATA_DIR": str(folder)})
    assert result.returncode == 0, result.stderr
    assert (folder / "collection.sqlite3").exists()


def test_stats_json_on_a_fresh_collection(tmp_path: Path) -> None:
    result = keeper("--data-dir", str(tmp_path / "d"), "stats", "--json")
    stats = json.loads(result.stdout)
    assert stats["reviews"] == 0
    assert stats["reviews_today"] == 0
    assert stats["cards_by_state"]["new"] == stats["cards"] >= 40
    assert set(stats["cards_by_state"]) == {"new", "learning", "review", "relearning"}


def test_a_damaged_collection_gives_one_error_line_and_no_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "collection.sqlite3").write_bytes(b"garbage" * 1000)
    result = keeper("--data-dir", str(folder), "decks")
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("keeper: error: ")
    assert "not a Keeper collection" in lines[0]
    assert (folder / "collection.sqlite3").read_bytes() == b"garbage" * 1000


def test_an_unusable_data_folder_is_named_in_the_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = keeper("--data-dir", str(blocker / "inside"), "decks")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("keeper: error: ")
    assert str(blocker) in result.stderr


def test_cards_json_says_each_cards_type_and_where_a_builtin_card_comes_from(
    tmp_path: Path,
) -> None:
    folder = str(tmp_path / "d")
    added = keeper("--data-dir", folder, "add", "--deck", "Mine", "--front", "Q", "--back", "A")
    assert added.returncode == 0, added.stderr
    result = keeper("--data-dir", folder, "cards", "--json")
    assert result.returncode == 0, result.stderr
    cards = json.loads(result.stdout)
    builtin = [card for card in cards if card["origin"] == "builtin"]
    assert builtin and all(card["type"] in {"basic", "cloze", "spoken"} for card in builtin)
    assert all(".txt §" in card["source"] for card in builtin), "a guide file and section"
    (mine,) = [card for card in cards if card["deck"] == "Mine"]
    assert (mine["type"], mine["source"]) == ("basic", "")
