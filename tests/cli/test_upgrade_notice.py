"""A command that opens a collection written by an older Keeper says, in one line on
stderr, that it is upgrading it (it may take half a minute), then does its work."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from trainer.cli.main import main
from trainer.storage.migrations import SCHEMA_VERSION

OLD_SCHEMA = Path(__file__).parents[1] / "storage" / "fixtures" / "schema_v5.sqlite3"


def test_the_upgrade_is_announced_once_then_the_command_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(OLD_SCHEMA, data / "collection.sqlite3")
    assert main(["--data-dir", str(data), "decks", "--json"]) == 0
    out, err = capsys.readouterr()
    assert "My own deck" in {deck["name"] for deck in json.loads(out)}
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("keeper: upgrading"), err
    assert f"{SCHEMA_VERSION - 5} steps" in lines[0] and "once" in lines[0]
    assert main(["--data-dir", str(data), "decks", "--json"]) == 0
    assert capsys.readouterr().err == ""  # upgraded: nothing more to say
