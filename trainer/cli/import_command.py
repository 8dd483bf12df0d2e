"""`keeper import FILE [--deck NAME] [--json]`: add a .keeper, .apkg or CSV file's cards."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trainer.cli.context import CliContext
from trainer.cli.errors import CliError
from trainer.cli.output import print_json, terminal_safe

NAME = "import"
HELP = (
    "import cards from a Keeper deck file (.keeper), an Anki package (.apkg, .colpkg) or a "
    "CSV/TSV file (front, back, tags); importing the same file again adds nothing"
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", type=Path, help="the file to import")
    parser.add_argument(
        "--deck",
        metavar="NAME",
        help="put every card in this deck (created if needed); CSV files default to a deck "
        "named after the file",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from trainer.exchange.errors import ExchangeError

    services = ctx.services(write=True)
    try:  # with the collector paused by the import itself (services/collector.py)
        report = services.exchange.import_file(args.file, deck=args.deck)
    except ExchangeError as error:
        raise CliError(str(error)) from None
    if args.json:
        print_json(
            {
                "file": str(args.file),
                "added": report.added,
                "updated": report.updated,
                "skipped": report.skipped,
                "reviews": report.reviews,
                "stories": report.stories,
                "decks": list(report.decks),
                "warnings": list(report.warnings),
            }
        )
        return 0
    for warning in report.warnings:
        print(f"keeper: warning: {args.file}: {warning}", file=sys.stderr)
    parts = [f"{report.added} added", f"{report.updated} updated", f"{report.skipped} skipped"]
    if report.reviews:
        parts.append(f"{report.reviews} reviews")
    if report.stories:
        parts.append(f"{report.stories} stories")
    print(f"Imported {args.file}: {', '.join(parts)}.")
    if report.decks:
        print(f"Decks: {terminal_safe(', '.join(report.decks))}")
    return 0
