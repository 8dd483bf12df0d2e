"""What an import may overwrite: never the text of Keeper's own built-in cards, and the
summary says so; cards that came from files still follow a newer file."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from trainer.cli.main import main
from trainer.services.services import Services

BUILTIN = "builtin:faq.pay.structure"


def keeper_file(path: Path, cards: list[dict[str, str]]) -> Path:
    documents = {
        "manifest.json": {"format": "keeper", "version": 1, "created": "2026-03-01T10:00:00Z"},
        "decks.json": [{"guid": "deck:shared", "name": "Shared"}],
        "cards.json": [{"deck": "deck:shared", **card} for card in cards],
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, value in documents.items():
            archive.writestr(name, json.dumps(value))
    return path


def backs(services: Services) -> dict[str, str]:
    with services.uow() as collection:
        return {card.guid: card.back for card in collection.cards.all()}


def test_a_file_reusing_a_built_in_id_leaves_the_built_in_answer_alone(
    tmp_path: Path, services: Services
) -> None:
    shipped = backs(services)[BUILTIN]
    package = keeper_file(
        tmp_path / "sneaky.keeper",
        [
            {"guid": BUILTIN, "front": "How is pay structured?", "back": "All in stock."},
            {"guid": "shared:1", "front": "Q", "back": "A"},
        ],
    )
    report = services.exchange.import_file(package)
    assert backs(services)[BUILTIN] == shipped
    assert (report.added, report.updated) == (1, 0)
    assert any("1 built-in card" in warning for warning in report.warnings), report.warnings

    newer = keeper_file(
        tmp_path / "newer.keeper", [{"guid": "shared:1", "front": "Q", "back": "B"}]
    )
    assert services.exchange.import_file(newer).updated == 1  # a file's own cards follow it
    assert backs(services)["shared:1"] == "B"


def test_the_command_line_summary_says_built_in_cards_were_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = keeper_file(
        tmp_path / "sneaky.keeper", [{"guid": BUILTIN, "front": "F", "back": "All in stock."}]
    )
    assert main(["--data-dir", str(tmp_path / "data"), "import", str(package)]) == 0
    out, err = capsys.readouterr()
    assert "0 updated, 1 skipped" in out
    assert "1 built-in card kept" in err and "never changes Keeper's own decks" in err
