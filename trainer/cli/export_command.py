"""`keeper export FILE [--deck NAME] [--format F] [--with-history] [--with-stories]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trainer.cli.context import CliContext
from trainer.cli.errors import CliError
from trainer.cli.output import print_json

NAME = "export"
HELP = (
    "export every deck, or one with --deck, as a Keeper deck file (.keeper), an Anki "
    "package (.apkg) or CSV (.csv, .tsv); the format follows the extension"
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", type=Path, help="the file to write")
    parser.add_argument("--deck", metavar="NAME", help="export only this deck")
    parser.add_argument(
        "--format",
        choices=("keeper", "apkg", "csv"),
        help="the format (default: from the file's extension)",
    )
    parser.add_argument(
        "--with-history",
        action="store_true",
        help="include your review history and progress (.keeper only)",
    )
    parser.add_argument(
        "--with-stories", action="store_true", help="include your failure stories (.keeper only)"
    )
    parser.add_argument(
        "--media-folder",
        metavar="FOLDER",
        type=Path,
        help="also copy the pictures and sounds the cards name into FOLDER (for CSV)",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from trainer.exchange.errors import ExchangeError

    services = ctx.services()
    try:
        report = services.exchange.export_file(
            args.file,
            deck=args.deck,
            fmt=args.format,
            with_history=args.with_history,
            with_stories=args.with_stories,
            media_folder=args.media_folder,
        )
    except ExchangeError as error:
        raise CliError(str(error)) from None
    if args.json:
        print_json(
            {
                "file": str(args.file),
                "format": str(report.format),
                "decks": report.decks,
                "cards": report.cards,
                "reviews": report.reviews,
                "stories": report.stories,
                "warnings": list(report.warnings),
            }
        )
        return 0
    for warning in report.warnings:
        print(f"keeper: warning: {args.file}: {warning}", file=sys.stderr)
    counts = [_count(report.decks, "deck"), _count(report.cards, "card")]
    counts += [
        _count(n, noun) for n, noun in ((report.reviews, "review"), (report.stories, "story")) if n
    ]
    print(f"Exported {', '.join(counts)} to {args.file}.")
    return 0


def _count(number: int, noun: str) -> str:
    plural = "stories" if noun == "story" else f"{noun}s"
    return f"{number} {noun if number == 1 else plural}"
