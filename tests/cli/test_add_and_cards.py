"""`keeper add` then `keeper cards --search`: found by text, deck:, tag:, is:new and `or`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from trainer.cli.main import main


def keeper(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def cards(capsys: pytest.CaptureFixture[str], data_dir: Path, query: str) -> list[dict[str, Any]]:
    code, out, err = keeper(capsys, data_dir, "cards", "--search", query, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def added(capsys: pytest.CaptureFixture[str], data_dir: Path) -> int:
    code, out, err = keeper(
        capsys, data_dir, "add", "--deck", "Système Design",
        "--front", "Qu'est-ce qu'un **cache**?",
        "--back", "A fast store in front of a slow one.",
        "--tags", "caching", "infra, perf",
    )  # fmt: skip
    assert code == 0, err
    assert out.startswith("Added card ") and "to deck 'Système Design'" in out
    return int(out.split()[2])


def test_the_added_card_is_found_by_text(
    capsys: pytest.CaptureFixture[str], data_dir: Path, added: int
) -> None:
    for query in ("cache", "CACHE", "qu'est", '"fast store"', "slow cache"):
        assert [card["id"] for card in cards(capsys, data_dir, query)] == [added], query
    [card] = cards(capsys, data_dir, "cache")
    assert card == {
        "id": added,
        "deck": "Système Design",
        "front": "Qu'est-ce qu'un **cache**?",
        "back": "A fast store in front of a slow one.",
        "tags": ["caching", "infra", "perf"],
        "state": "new",
        "due": None,
        "suspended": False,
        "reps": 0,
        "lapses": 0,
        "origin": "user",
        "type": "basic",
        "source": "",
    }


def test_the_added_card_is_found_by_deck_tag_state_and_or(
    capsys: pytest.CaptureFixture[str], data_dir: Path, added: int
) -> None:
    assert [c["id"] for c in cards(capsys, data_dir, "deck:systeme*")] == [added]
    assert [c["id"] for c in cards(capsys, data_dir, 'deck:"système design"')] == [added]
    assert [c["id"] for c in cards(capsys, data_dir, "tag:infra")] == [added]
    assert [c["id"] for c in cards(capsys, data_dir, "tag:infra is:new")] == [added]
    new = cards(capsys, data_dir, "is:new")
    assert added in {c["id"] for c in new} and all(c["state"] == "new" for c in new)
    either = cards(capsys, data_dir, "tag:infra or deck:interview*")
    assert added in {c["id"] for c in either}
    assert {c["deck"] for c in either} == {"Système Design", "Interview FAQ", "Interview mistakes"}
    assert cards(capsys, data_dir, "cache -tag:infra") == []
    assert cards(capsys, data_dir, "cache is:suspended") == []


def test_adding_to_the_same_deck_again_uses_it(
    capsys: pytest.CaptureFixture[str], data_dir: Path, added: int
) -> None:
    code, _out, err = keeper(
        capsys, data_dir, "add", "--deck", "Système Design", "--front", "Q2", "--back", "A2"
    )
    assert code == 0, err
    found = cards(capsys, data_dir, "deck:système*")
    assert [c["front"] for c in found] == ["Qu'est-ce qu'un **cache**?", "Q2"]
    assert found[1]["tags"] == []


@pytest.mark.parametrize(
    ("front", "back", "field"),
    [("", "answer", "--front"), ("   ", "answer", "--front"), ("question", "\n", "--back")],
)
def test_an_empty_front_or_back_is_refused_naming_the_field(
    capsys: pytest.CaptureFixture[str], data_dir: Path, front: str, back: str, field: str
) -> None:
    code, out, err = keeper(
        capsys, data_dir, "add", "--deck", "D", "--front", front, "--back", back
    )
    assert code == 1 and out == ""
    assert err.startswith(f"keeper: error: {field}: the {field[2:]} is empty")
    code, out, err = keeper(capsys, data_dir, "decks", "--json")
    assert '"D"' not in out  # nothing was created


def test_the_plain_listing_and_a_bad_search(
    capsys: pytest.CaptureFixture[str], data_dir: Path, added: int
) -> None:
    code, out, _err = keeper(capsys, data_dir, "cards", "--search", "tag:caching")
    assert code == 0
    header, row = out.splitlines()
    assert header.split() == ["Id", "Deck", "State", "Due", "Front"]
    assert row.split()[0] == str(added) and row.endswith("Qu'est-ce qu'un cache?")
    code, out, err = keeper(capsys, data_dir, "cards", "--search", "is:later")
    assert code == 1 and err.startswith("keeper: error: --search: is:later is not known")
    code, out, _err = keeper(capsys, data_dir, "cards", "--json", "--limit", "2")
    assert len(json.loads(out)) == 2


def test_add_type_cloze_adds_one_card_per_gap_and_a_text_without_a_gap_is_refused(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    text = "Offers after {{c1::four}} rounds, decided on {{c2::60%}} of the data"
    code, out, err = keeper(
        capsys, data_dir, "add", "--deck", "Numbers", "--type", "cloze", "--front", text, "--json"
    )
    assert code == 0, err
    added = json.loads(out)
    assert (added["type"], added["cards"], added["back"]) == ("cloze", 2, "")
    found = cards(capsys, data_dir, "deck:Numbers type:cloze")
    assert [card["front"] for card in found] == [text, text]
    code, out, err = keeper(
        capsys, data_dir, "add", "--deck", "Numbers", "--type", "cloze", "--front", "No gap"
    )
    assert code != 0 and "--front" in err and "no gap" in err and err.count("\n") == 1
    assert len(cards(capsys, data_dir, "deck:Numbers")) == 2
