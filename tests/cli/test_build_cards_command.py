"""`keeper build-cards`: proposals as text and JSON, reading errors, adding to a deck."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from trainer.app import open_services
from trainer.cli.context import CliContext
from trainer.cli.main import main
from trainer.core.cards import Card, NewCard
from trainer.core.guide_reader import propose_cards

# The source guides are ours, not the project's: tests marked `seeds` read them from
# <repo>/../shared/seeds and run only when asked (`pytest -m seeds`, as CI does).
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
PMM_GUIDE = SEEDS / "000_c7f265c2d61c5611.txt"
GUIDE = """\
Mistakes to Avoid

  • Seeking Permission: Asking who approves your work.
  • BAD: "I would check with my manager."
  • GOOD: "I would make the call and inform my manager."

Is the process long?

About four weeks.
"""


@dataclass
class AddResult:
    added: int
    skipped: int = 0


@dataclass
class FakeCards:
    """Stands in for the cards service: records each call, adds everything."""

    calls: list[tuple[str, list[NewCard]]] = field(default_factory=list)

    def add_cards(self, deck_name: str, new_cards: Sequence[NewCard]) -> AddResult:
        self.calls.append((deck_name, list(new_cards)))
        return AddResult(added=len(new_cards))


@dataclass
class FakeServices:
    card_edits: FakeCards = field(default_factory=FakeCards)

    def close(self) -> None:
        pass


@pytest.fixture
def services(monkeypatch: pytest.MonkeyPatch) -> FakeServices:
    fake = FakeServices()
    monkeypatch.setattr(CliContext, "services", lambda self, write=False: fake)
    return fake


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    path = tmp_path / "guide.txt"
    path.write_text(GUIDE, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["build-cards", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_json_lists_each_proposal(capsys: pytest.CaptureFixture[str], guide: Path) -> None:
    code, out, err = run(capsys, str(guide), "--json")
    assert (code, err) == (0, "")
    assert json.loads(out) == [
        {
            "kind": "mistake",
            "title": "Seeking Permission",
            "front": "**Seeking Permission**: what is the stronger answer?\n\n"
            "> I would check with my manager.",
            "back": "I would make the call and inform my manager.",
            "source_lines": [3, 5],
        },
        {
            "kind": "faq",
            "title": "",
            "front": "Is the process long?",
            "back": "About four weeks.",
            "source_lines": [7, 9],
        },
    ]


@pytest.mark.seeds
def test_json_on_the_seed_guide(capsys: pytest.CaptureFixture[str]) -> None:
    if not PMM_GUIDE.is_file():
        pytest.fail(f"seed guide missing: {PMM_GUIDE}")
    code, out, _ = run(capsys, str(PMM_GUIDE), "--json")
    proposals = json.loads(out)
    assert code == 0
    assert len(proposals) == 16
    assert all({"kind", "front", "back", "source_lines"} <= set(p) for p in proposals)
    assert proposals[0]["front"] == "What are the PMM levels and titles at Netflix?"
    assert proposals[0]["source_lines"] == [9, 11]


def test_text_output_shows_cards_and_a_summary(
    capsys: pytest.CaptureFixture[str], guide: Path
) -> None:
    code, out, _ = run(capsys, str(guide))
    assert code == 0
    assert "1. [mistake] lines 3-5" in out
    assert "   Front: Is the process long?" in out
    assert "   Back:  About four weeks." in out
    assert out.rstrip().endswith("2 cards proposed from guide.txt: 1 faq, 1 mistake")


def test_missing_file_is_an_error_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere.md"
    code, out, err = run(capsys, str(missing))
    assert (code, out) == (1, "")
    assert err == f"keeper: error: {missing}: no such file\n"


def test_invalid_utf8_is_an_error_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 questions?\n".encode("latin-1"))
    code, _, err = run(capsys, str(path))
    assert code == 1
    assert err.startswith(f"keeper: error: {path}: not UTF-8 text")


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n"])
def test_empty_file_is_an_error_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    code, _, err = run(capsys, str(path))
    assert code == 1
    assert err == f"keeper: error: {path}: the file is empty\n"


def test_a_folder_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, str(tmp_path))
    assert code == 1
    assert str(tmp_path) in err


def test_utf8_with_bom_is_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(GUIDE.encode("utf-8-sig"))
    code, out, _ = run(capsys, str(path), "--json")
    assert code == 0
    assert len(json.loads(out)) == 2


def test_deck_adds_the_cards_through_the_service(
    capsys: pytest.CaptureFixture[str], guide: Path, services: FakeServices
) -> None:
    code, out, _ = run(capsys, str(guide), "--deck", "Netflix PMM")
    assert code == 0
    assert out == "Added 2 of 2 proposed cards to deck 'Netflix PMM'.\n"
    [(deck, cards)] = services.card_edits.calls
    assert deck == "Netflix PMM"
    assert [(c.tags, c.source) for c in cards] == [
        (("mistake",), "guide.txt lines 3-5"),
        (("faq",), "guide.txt lines 7-9"),
    ]
    assert cards[1] == NewCard(
        front="Is the process long?",
        back="About four weeks.",
        tags=("faq",),
        source="guide.txt lines 7-9",
        guid=cards[1].guid,
    )
    assert cards[1].guid.startswith("guide:") and cards[0].guid != cards[1].guid


def test_deck_with_json_reports_counts(
    capsys: pytest.CaptureFixture[str], guide: Path, services: FakeServices
) -> None:
    code, out, _ = run(capsys, str(guide), "--deck", "PMM", "--json")
    assert code == 0
    assert json.loads(out) == {"deck": "PMM", "proposed": 2, "added": 2, "skipped": 0}


def test_deck_with_nothing_to_add_does_not_call_the_service(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, services: FakeServices
) -> None:
    path = tmp_path / "prose.txt"
    path.write_text("Only a long paragraph of prose that has no questions in it at all.\n")
    code, out, _ = run(capsys, str(path), "--deck", "PMM")
    assert code == 0
    assert services.card_edits.calls == []
    assert out == "No cards found in prose.txt; nothing added to deck 'PMM'.\n"


# --- end to end, through a real collection in a temporary data folder ---


def deck_cards(data_dir: Path, deck_name: str) -> list[Card]:
    """The deck's cards, read through a freshly opened collection."""
    services = open_services(data_dir)
    try:
        with services.uow() as collection:
            deck = collection.decks.named(deck_name)
            assert deck is not None, f"no deck {deck_name!r}"
            return collection.cards.all(deck.id)
    finally:
        services.close()


@pytest.mark.seeds
def test_deck_adds_the_seed_guide_to_a_real_collection(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    if not PMM_GUIDE.is_file():
        pytest.fail(f"seed guide missing: {PMM_GUIDE}")
    data = str(tmp_path / "data")
    code = main(["--data-dir", data, "build-cards", str(PMM_GUIDE), "--deck", "Netflix PMM"])
    assert code == 0
    assert capsys.readouterr().out == "Added 16 of 16 proposed cards to deck 'Netflix PMM'.\n"
    cards = deck_cards(tmp_path / "data", "Netflix PMM")
    assert len(cards) == 16
    assert Counter(card.tags for card in cards) == {("faq",): 7, ("checklist",): 6, ("mistake",): 3}
    proposals = propose_cards(PMM_GUIDE.read_text(encoding="utf-8"))
    assert sorted((c.front, c.back) for c in cards) == sorted((p.front, p.back) for p in proposals)
    assert f"{PMM_GUIDE.name} lines 9-11" in {card.source for card in cards}


def test_adding_the_same_guide_twice_adds_no_duplicates(
    capsys: pytest.CaptureFixture[str], guide: Path, tmp_path: Path
) -> None:
    data = str(tmp_path / "data")
    argv = ["--data-dir", data, "build-cards", str(guide), "--deck", "PMM"]
    assert main(argv) == 0
    assert capsys.readouterr().out == "Added 2 of 2 proposed cards to deck 'PMM'.\n"
    assert main([*argv, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "deck": "PMM",
        "proposed": 2,
        "added": 0,
        "skipped": 2,
    }
    assert main(argv) == 0
    assert capsys.readouterr().out == (
        "Added 0 of 2 proposed cards to deck 'PMM' (2 already in the collection).\n"
    )
    cards = deck_cards(tmp_path / "data", "PMM")
    assert sorted(card.front for card in cards) == [
        "**Seeking Permission**: what is the stronger answer?\n\n> I would check with my manager.",
        "Is the process long?",
    ]
