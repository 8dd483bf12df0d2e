"""Arguments that are not UTF-8 (a terminal in Latin-1, a script passing raw bytes).

Python keeps such bytes as lone surrogates ('\\udcff'), which SQLite cannot store: `keeper
add` once died with "unexpected UnicodeEncodeError". Text is refused in one line naming the
option; a file path may hold any bytes and is used as given.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.cli.main import main

BAD = "caf\udce9"  # b"caf\xe9": "café" typed in Latin-1


def every_front(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["--data-dir", str(data_dir), "cards", "--json"]) == 0
    return sorted(card["front"] for card in json.loads(capsys.readouterr().out))


@pytest.mark.parametrize(
    ("option", "args"),
    [
        ("--deck", ["add", "--deck", BAD, "--front", "f", "--back", "b"]),
        ("--front", ["add", "--deck", "D", "--front", BAD, "--back", "b"]),
        ("--back", ["add", "--deck", "D", "--front", "f", "--back", BAD]),
        ("--tags", ["add", "--deck", "D", "--front", "f", "--back", "b", "--tags", "ok", BAD]),
        ("--search", ["cards", "--search", BAD]),
        ("--deck", ["export", "out.keeper", "--deck", BAD]),
        ("NAME|latest", ["backup", "restore", BAD]),
    ],
)
def test_text_that_is_not_utf8_is_refused_in_one_line_naming_the_option(
    tmp_path: Path, option: str, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    before = every_front(data_dir, capsys)
    assert main(["--data-dir", str(data_dir), *args]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith(f"keeper: error: {option}: ") and "not valid UTF-8" in err
    assert "0xe9" in err, "the byte that could not be read is named"
    assert every_front(data_dir, capsys) == before


def test_raw_bytes_through_the_real_command_line(tmp_path: Path) -> None:
    data_dir = os.fsencode(tmp_path / "data")
    command = [sys.executable.encode(), b"-m", b"trainer", b"--data-dir", data_dir]
    done = subprocess.run(
        [*command, b"add", b"--deck", b"D", b"--front", b"caf\xe9", b"--back", b"b"],
        capture_output=True, timeout=120, env=os.environ.copy(),
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.count(b"\n") == 1 and done.stderr.startswith(b"keeper: error: --front: ")


def test_a_file_path_with_any_bytes_is_used_and_printed_as_given(tmp_path: Path) -> None:
    """PYTHONIOENCODING=utf-8: standard output as strict as in a UTF-8 terminal."""
    target = os.fsencode(tmp_path) + b"/caf\xe9.keeper"
    done = subprocess.run(
        [sys.executable.encode(), b"-m", b"trainer", b"--data-dir", os.fsencode(tmp_path / "d"),
         b"export", target, b"--deck", b"Interview FAQ"],
        capture_output=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.rstrip().endswith(b" to " + target + b".")
    assert Path(os.fsdecode(target)).is_file()
