"""`keeper coach [FILE|-] [--json]`: the answer coach on a file or on standard input."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from trainer.cli.context import CliContext
from trainer.cli.errors import CliError
from trainer.cli.output import print_json
from trainer.core.coach import Finding, coach

NAME = "coach"
HELP = "flag weak patterns in an interview answer (permission-seeking, 'we', hedges, ...)"
STDIN = "-"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        default=STDIN,
        metavar="FILE",
        help="the answer as UTF-8 text; '-' or nothing reads standard input",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the findings as a JSON list, for scripts"
    )


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print the findings; exit 0 whether or not there are any (they are advice, not errors)."""
    del ctx  # the coach needs no collection
    text = _read_text(args.file)
    findings = coach(text)
    if args.json:
        print_json([_as_json(text, finding) for finding in findings])
    elif not findings:
        print("No weak patterns found.")
    else:
        for finding in findings:
            line, column = line_and_column(text, finding.start)
            print(
                f'{line}:{column} {finding.rule} "{_one_line(finding.excerpt)}" - '
                f"{finding.message} Try: {finding.suggestion}"
            )
    return 0


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, as editors count them."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _read_text(file: str) -> str:
    name = "standard input" if file == STDIN else file
    try:
        if file == STDIN:
            buffer = getattr(sys.stdin, "buffer", None)
            if buffer is None:  # a text stream (tests, embedding) is already decoded
                return sys.stdin.read()
            data = buffer.read()
        else:
            data = Path(file).read_bytes()
    except OSError as error:
        raise CliError(f"cannot read {name}: {error.strerror or error}") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CliError(
            f"{name} is not UTF-8 text (invalid byte at position {error.start})"
        ) from error


def _as_json(text: str, finding: Finding) -> dict[str, Any]:
    line, column = line_and_column(text, finding.start)
    return {
        "rule": finding.rule,
        "start": finding.start,
        "end": finding.end,
        "line": line,
        "column": column,
        "excerpt": finding.excerpt,
        "message": finding.message,
        "suggestion": finding.suggestion,
    }


def _one_line(excerpt: str) -> str:
    return " ".join(excerpt.split())
