"""Text printed by `keeper` shows control characters, never sends them to the terminal.

A card or deck from an imported file may hold escape sequences: clearing the screen,
retitling the window, or writing the clipboard (OSC 52) when `keeper cards` or `keeper
decks` prints it. Each is printed as `\\u001b`, which JSON reads back as the same text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trainer.cli.main import main

ESCAPES = "\x1b]52;c;aGk=\x07\x1b[2J\r\x9b31m\x7f"
SHOWN = "\\u001b]52;c;aGk=\\u0007\\u001b[2J"


def keeper(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[str, str]:
    main(["--data-dir", str(data_dir), *args])
    return capsys.readouterr()


@pytest.fixture
def hostile_card(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    keeper(capsys, data_dir, "add", "--deck", f"deck{ESCAPES}", "--front", f"f{ESCAPES}",
           "--back", "b")  # fmt: skip


@pytest.mark.parametrize("command", [("cards",), ("decks",), ("cards", "--search", "is:nope\x1b")])
def test_control_characters_are_shown_not_sent(
    capsys: pytest.CaptureFixture[str], data_dir: Path, hostile_card: None, command: tuple[str, ...]
) -> None:
    out, err = keeper(capsys, data_dir, *command)
    for stream in (out, err):
        assert not any(c in stream for c in "\x1b\x07\r\x9b\x7f"), repr(stream)
    assert SHOWN in out or "nope\\u001b is not known" in err


def test_json_output_still_reads_back_as_the_stored_text(
    capsys: pytest.CaptureFixture[str], data_dir: Path, hostile_card: None
) -> None:
    out, _err = keeper(capsys, data_dir, "cards", "--search", "deck:deck*", "--json")
    assert "\x9b" not in out and "\x1b" not in out
    [card] = json.loads(out)
    assert card["front"] == f"f{ESCAPES}"
    assert card["deck"].startswith("deck\x1b]52;c;aGk=\x07")  # a name keeps no "\r"
