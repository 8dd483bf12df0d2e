"""`keeper add --deck NAME --front TEXT --back TEXT [--tags T ...]`: add one card."""

from __future__ import annotations

import argparse

from trainer.cli.context import CliContext
from trainer.cli.errors import CliError
from trainer.cli.output import print_json
from trainer.core.card_content import CardContentError, card_content
from trainer.core.deck_options import OptionsError

NAME = "add"
HELP = "add one card to a deck (the deck is created if it does not exist yet)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--deck", metavar="NAME", required=True, help="the deck to add to")
    parser.add_argument("--front", metavar="TEXT", required=True, help="the question (Markdown)")
    parser.add_argument("--back", metavar="TEXT", required=True, help="the answer (Markdown)")
    parser.add_argument(
        "--tags", metavar="T", nargs="+", default=[], help="tags, separated by spaces"
    )
    parser.add_argument("--json", action="store_true", help="print the new card as JSON")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        content = card_content(args.front, args.back, args.tags)
    except CardContentError as error:
        raise CliError(f"--{error.field}: {error}") from None
    services = ctx.services(write=True)
    try:
        deck = services.decks.named(args.deck)
    except OptionsError as error:
        raise CliError(f"--deck: {error}") from None
    card_id = services.card_edits.add(deck.id, content)
    if args.json:
        print_json({"id": card_id, "deck": deck.name, "front": content.front,
                    "back": content.back, "tags": list(content.tags)})  # fmt: skip
    else:
        print(f"Added card {card_id} to deck {deck.name!r}.")
    return 0
