"""Text from a shared deck cannot drive the terminal: control characters and bidi overrides
in deck names and card text are printed as escapes (`\\x1b`), not sent raw. Before, a deck
named with `\\x1b[2J` cleared the screen of whoever ran `keeper decks`."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.cli.main import main

HOSTILE_DECK = "Deck\x1b]0;pwned\x07"
HOSTILE_FRONT = "Clear\x1b[2J the screen\r, \u202eflip\u202c and \x9b31m"


@pytest.mark.parametrize("command", [["decks"], ["cards"], ["cards", "--search", "Clear"]])
def test_tables_print_control_characters_as_escapes(
    capsys: pytest.CaptureFixture[str], data_dir: Path, command: list[str]
) -> None:
    added = ["add", "--deck", HOSTILE_DECK, "--front", HOSTILE_FRONT, "--back", "b"]
    assert main(["--data-dir", str(data_dir), *added]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), *command]) == 0
    out = capsys.readouterr().out
    for raw in ("\x1b", "\x07", "\r", "\u202e", "\x9b"):
        assert raw not in out
    assert "Deck\\u001b]0;pwned\\u0007" in out
    if command != ["decks"]:
        assert "Clear\\u001b[2J the screen , \\u202eflip\\u202c and \\u009b31m" in out
