"""`keeper coach`: plain and JSON output, files and standard input, reading errors."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.cli.context import CliContext
from trainer.cli.main import main

REPO = Path(__file__).resolve().parents[2]
ANSWER = """\
Situation: sign-ups had stalled at 2%.
I think maybe we should check with my manager first.
We managed to grow sign-ups 10% through a collaborative effort.
"""
LINE = re.compile(r'^\d+:\d+ [a-z-]+ "[^"]+" - .+ Try: .+$')


@pytest.fixture(autouse=True)
def no_collection(monkeypatch: pytest.MonkeyPatch) -> None:
    """The coach never opens the collection."""

    def refuse(self: CliContext) -> None:
        raise AssertionError("keeper coach opened the collection")

    monkeypatch.setattr(CliContext, "services", refuse)


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_plain_output_gives_line_column_rule_excerpt_and_advice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER, encoding="utf-8")
    assert main(["coach", str(answer)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(LINE.match(line) for line in lines), lines
    assert [line.split(" - ")[0] for line in lines] == [
        '2:1 hedging "I think maybe"',
        '2:25 seeking-permission "check with my manager"',
        '3:1 team-credit "We managed to"',
        '3:33 team-credit "through a collaborative effort"',
    ]
    assert "Try: Say what you decided" in lines[1]


def test_json_output_lists_findings_with_offsets_into_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER, encoding="utf-8")
    assert main(["coach", "--json", str(answer)]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in findings] == [
        "hedging",
        "seeking-permission",
        "team-credit",
        "team-credit",
    ]
    for finding in findings:
        assert {"rule", "start", "end", "message", "suggestion", "excerpt", "line"} <= set(finding)
        assert ANSWER[finding["start"] : finding["end"]] == finding["excerpt"]
    assert (findings[0]["line"], findings[0]["column"]) == (2, 1)


def test_a_strong_answer_says_so_and_exits_zero(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, b"I cut the trial to 7 days and paid conversion rose 5%.\n")
    assert main(["coach"]) == 0
    assert capsys.readouterr().out == "No weak patterns found.\n"


def test_a_strong_answer_as_json_is_an_empty_list(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, b"I cut the trial to 7 days and paid conversion rose 5%.")
    assert main(["coach", "--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize("argv", [["coach", "-"], ["coach"]])
def test_reads_standard_input_for_dash_or_no_file(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("I guess it sort of worked."))
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith('1:1 hedging "I guess" - ')
    assert '1:12 hedging "sort of"' in out


def test_utf8_with_a_byte_order_mark_and_non_ascii_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = tmp_path / "réponse.txt"
    answer.write_bytes("\ufeffCafé launch: I’m not sure it worked.".encode())
    assert main(["coach", "--json", str(answer)]) == 0
    (finding,) = json.loads(capsys.readouterr().out)
    assert finding["excerpt"] == "I’m not sure"


def test_a_missing_file_is_an_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["coach", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("keeper: error: cannot read ")
    assert str(missing) in err


def test_invalid_utf8_in_a_file_is_an_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = tmp_path / "latin1.txt"
    answer.write_bytes("Caf\xe9 launch".encode("latin-1"))
    assert main(["coach", str(answer)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"keeper: error: {answer} is not UTF-8 text" in captured.err


def test_invalid_utf8_on_standard_input_is_an_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stdin(monkeypatch, b"\xff\xfe broken")
    assert main(["coach", "-"]) == 1
    assert "standard input is not UTF-8 text" in capsys.readouterr().err


def test_real_process_reads_standard_input_and_prints_json() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "coach", "--json", "-"],
        input=b"We managed to increase sign-ups by 10% through a collaborative effort.\n",
        capture_output=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    findings = json.loads(result.stdout)
    assert [(f["rule"], f["excerpt"]) for f in findings] == [
        ("team-credit", "We managed to"),
        ("team-credit", "through a collaborative effort"),
    ]
