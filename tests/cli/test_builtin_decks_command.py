"""`keeper builtin-decks`: list the shipped decks, add and remove the optional one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from trainer.cli.main import main

OPTIONAL = "NetflixCS service floor"


def keeper(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> dict[str, Any]:
    code, out, err = keeper(capsys, data_dir, "builtin-decks", *args, "--json")
    assert code == 0, err
    return {deck["name"]: deck for deck in json.loads(out)}


def deck_names(capsys: pytest.CaptureFixture[str], data_dir: Path) -> set[str]:
    code, out, _ = keeper(capsys, data_dir, "decks", "--json")
    return {deck["name"] for deck in json.loads(out)}


def test_the_optional_deck_is_listed_and_added_then_removed_by_name(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    decks = listed(capsys, data_dir)
    assert decks[OPTIONAL]["optional"] and not decks[OPTIONAL]["installed"]
    assert all(d["installed"] for d in decks.values() if not d["optional"])
    assert OPTIONAL not in deck_names(capsys, data_dir)

    assert listed(capsys, data_dir, "--add", "netflixcs  service floor")[OPTIONAL]["installed"]
    assert OPTIONAL in deck_names(capsys, data_dir)
    assert not listed(capsys, data_dir, "--remove", OPTIONAL)[OPTIONAL]["installed"]
    assert OPTIONAL not in deck_names(capsys, data_dir)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--add", "No such deck"), "no built-in deck called 'No such deck'"),
        (("--remove", "Interview FAQ"), "Interview FAQ is in every collection"),
    ],
)
def test_a_wrong_name_is_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: tuple[str, str], message: str
) -> None:
    before = deck_names(capsys, data_dir)
    code, out, err = keeper(capsys, data_dir, "builtin-decks", *args)
    assert code == 1 and out == ""
    assert err.startswith("keeper: error: ") and message in err
    assert len(err.strip().splitlines()) == 1
    assert deck_names(capsys, data_dir) == before
