"""`keeper export` and `keeper import`: summaries, JSON, and one-line errors."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from trainer.cli.main import main


def keeper(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def decks(capsys: pytest.CaptureFixture[str], data: Path) -> list[dict[str, object]]:
    code, out, _err = keeper(capsys, data, "decks", "--json")
    assert code == 0
    return json.loads(out)


def test_export_then_import_elsewhere(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = tmp_path / "faq.apkg"
    code, out, err = keeper(
        capsys, tmp_path / "a", "export", str(package), "--deck", "Interview FAQ"
    )
    assert code == 0, err
    assert out.startswith("Exported 1 deck, ") and out.rstrip().endswith(f"to {package}.")

    csv_path = tmp_path / "vocab.csv"
    csv_path.write_text("front,back,tags\nperro,dog,spanish\ngato,cat,spanish\n")
    code, out, err = keeper(capsys, tmp_path / "b", "import", str(csv_path))
    assert (code, err) == (0, "")
    assert out == f"Imported {csv_path}: 2 added, 0 updated, 0 skipped.\nDecks: vocab\n"

    code, out, _ = keeper(capsys, tmp_path / "b", "import", str(csv_path), "--json")
    result = json.loads(out)
    assert (result["added"], result["updated"], result["skipped"]) == (0, 0, 2)
    assert result["decks"] == []  # no deck received a new card


def test_import_into_a_named_deck(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    csv_path = tmp_path / "words.tsv"
    csv_path.write_text("hola\thello\n")
    code, out, _ = keeper(capsys, tmp_path / "d", "import", str(csv_path), "--deck", "Spanish")
    assert code == 0 and "Decks: Spanish" in out
    assert {"name": "Spanish", "cards": 1} in [
        {"name": d["name"], "cards": d["cards"]} for d in decks(capsys, tmp_path / "d")
    ]


def test_format_option_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "backup.bin"
    code, out, err = keeper(
        capsys, tmp_path / "d", "export", str(target), "--format", "keeper", "--json"
    )
    assert code == 0, err
    result = json.loads(out)
    assert result["format"] == "keeper" and result["decks"] == 4
    assert zipfile.ZipFile(target).namelist()[0] == "manifest.json"
    code, out, err = keeper(capsys, tmp_path / "d", "import", str(target))
    assert code == 0 and " 0 added, 0 updated, " in out


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.keeper", b"", "the file is empty"),
        ("text.apkg", b"front,back\n", "not an Anki package (an Anki package is a zip archive)"),
        ("latin1.csv", "caf\xe9,coffee\n".encode("latin-1"), "is not valid UTF-8 text"),
    ],
)
def test_bad_files_give_one_line_and_change_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, reason: str
) -> None:
    data = tmp_path / "d"
    before = decks(capsys, data)
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = keeper(capsys, data, "import", str(path))
    assert code == 1 and out == ""
    assert err.startswith(f"keeper: error: {path}: ") and reason in err
    assert err.count("\n") == 1
    assert decks(capsys, data) == before


def test_unknown_export_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = keeper(capsys, tmp_path / "d", "export", str(tmp_path / "x.docx"))
    assert code == 1
    assert err == (
        f"keeper: error: {tmp_path / 'x.docx'}: cannot tell the format from the extension "
        "(use .keeper, .apkg or .csv, or choose a format)\n"
    )


def test_a_truncated_file_never_shows_a_traceback(tmp_path: Path) -> None:
    good = tmp_path / "good.keeper"
    env = {**os.environ, "KEEPER_DATA_DIR": str(tmp_path / "d")}
    run = [sys.executable, "-m", "trainer"]
    subprocess.run([*run, "export", str(good)], check=True, env=env, capture_output=True)
    cut = tmp_path / "cut.keeper"
    cut.write_bytes(good.read_bytes()[:200])
    result = subprocess.run(
        [*run, "import", str(cut)], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"keeper: error: {cut}: the archive is truncated or damaged (no zip directory)\n"
    )


@pytest.mark.parametrize("content", ["hola,hello\n", "\xff"])
def test_the_collector_runs_again_after_an_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    """The import pauses the garbage collector; the process (tests run it in-process) gets
    it back, after a good file and after a refused one."""
    path = tmp_path / "words.csv"
    path.write_bytes(content.encode("latin-1"))
    assert gc.isenabled()
    keeper(capsys, tmp_path / "d", "import", str(path))
    assert gc.isenabled()
