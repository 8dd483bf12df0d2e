"""`keeper decks [--json]`: each deck with its card count and what is due today."""

from __future__ import annotations

import argparse

from trainer.cli.context import CliContext
from trainer.cli.output import print_json, print_table

NAME = "decks"
HELP = (
    "list the decks with their cards, new cards, cards learning today and cards due now "
    "(after today's limits)"
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print a JSON list, for scripts")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    decks = ctx.services().study.overview()
    if args.json:
        print_json(
            [
                {
                    "id": d.deck_id,
                    "name": d.name,
                    "cards": d.cards,
                    "new": d.new,
                    "due": d.due,
                    "learning": d.learning,
                }
                for d in decks
            ]
        )
    else:
        print_table(
            ("Deck", "Cards", "New", "Learning", "Due"),
            [(d.name, d.cards, d.new, d.learning, d.due) for d in decks],
        )
    return 0
