"""`keeper add --type spoken`: a question to answer aloud, its back a rubric of points."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_add_and_cards import cards, keeper

RUBRIC = "- I decided\n- the 60% I had\n- the result against its baseline"


def test_a_spoken_card_is_added_with_its_type(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, err = keeper(
        capsys, data_dir, "add", "--deck", "Spoken", "--type", "spoken",
        "--front", "A decision made on 60% of the data?", "--back", RUBRIC, "--json",
    )  # fmt: skip
    assert code == 0, err
    added = json.loads(out)
    assert added["type"] == "spoken" and added["back"] == RUBRIC
    [card] = cards(capsys, data_dir, "deck:Spoken")
    assert card["id"] == added["id"] and card["type"] == "spoken"
    code, out, err = keeper(
        capsys, data_dir, "add", "--deck", "Spoken", "--front", "Q", "--back", "A", "--json"
    )
    assert code == 0 and json.loads(out)["type"] == "basic"  # basic unless asked


def test_an_unknown_type_is_refused_and_adds_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    with pytest.raises(SystemExit) as refused:
        main_args = ["add", "--deck", "D", "--type", "sung", "--front", "Q", "--back", "A"]
        keeper(capsys, data_dir, *main_args)
    assert refused.value.code == 2
    assert "--type: invalid choice: 'sung'" in capsys.readouterr().err
