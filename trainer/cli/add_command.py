"""`keeper add --deck NAME --front TEXT --back TEXT [--tags T ...] [--type TYPE]`: add one
card (a spoken card's front is the question to answer aloud, its back the rubric)."""

from __future__ import annotations

import argparse
from dataclasses import replace

from trainer.cli.context import CliContext
from trainer.cli.errors import CliError
from trainer.cli.output import print_json
from trainer.core.card_content import CardContentError, card_content
from trainer.core.deck_options import OptionsError
from trainer.core.model import CardKind

# The kinds a person adds by hand; a cloze card's gaps make their own siblings.
ADDABLE_TYPES = (CardKind.BASIC, CardKind.SPOKEN)

NAME = "add"
HELP = "add one card to a deck (the deck is created if it does not exist yet)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--deck", metavar="NAME", required=True, help="the deck to add to")
    parser.add_argument("--front", metavar="TEXT", required=True, help="the question (Markdown)")
    parser.add_argument("--back", metavar="TEXT", required=True, help="the answer (Markdown)")
    parser.add_argument(
        "--tags", metavar="T", nargs="+", default=[], help="tags, separated by spaces"
    )
    parser.add_argument(
        "--type",
        choices=[str(kind) for kind in ADDABLE_TYPES],
        default=str(CardKind.BASIC),
        help="basic (default), or spoken: --front is the question to answer aloud, --back the "
        "rubric as a Markdown bullet list",
    )
    parser.add_argument("--json", action="store_true", help="print the new card as JSON")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        content = replace(card_content(args.front, args.back, args.tags), kind=CardKind(args.type))
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
                    "back": content.back, "tags": list(content.tags),
                    "type": str(content.kind)})  # fmt: skip
    else:
        print(f"Added card {card_id} to deck {deck.name!r}.")
    return 0
