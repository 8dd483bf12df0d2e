"""`keeper add --deck NAME --front TEXT --back TEXT [--tags T ...] [--type TYPE]`: add one
card; `--type cloze --front TEXT` adds a cloze text, one card per gap (the back is then an
optional extra); a spoken card's front is the question to answer aloud, its back the rubric."""

from __future__ import annotations

import argparse

from trainer.cli.context import CliContext
from trainer.cli.errors import CliError
from trainer.cli.output import print_json
from trainer.core.card_content import CardContentError
from trainer.core.cloze import gap_numbers
from trainer.core.cloze_cards import content_for_kind
from trainer.core.deck_options import OptionsError
from trainer.core.model import CardKind

NAME = "add"
HELP = "add one card to a deck (the deck is created if it does not exist yet)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--deck", metavar="NAME", required=True, help="the deck to add to")
    parser.add_argument("--front", metavar="TEXT", required=True, help="the question (Markdown)")
    parser.add_argument(
        "--back", metavar="TEXT", default="", help="the answer (Markdown); a cloze card's extra"
    )
    parser.add_argument(
        "--type",
        choices=[str(kind) for kind in CardKind],
        default=str(CardKind.BASIC),
        help="basic (front and back), cloze (a text with {{c1::gaps}}, one card per gap) "
        "or spoken (a question to answer aloud; the back is the rubric)",
    )
    parser.add_argument(
        "--tags", metavar="T", nargs="+", default=[], help="tags, separated by spaces"
    )
    parser.add_argument("--json", action="store_true", help="print the new card as JSON")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        content = content_for_kind(CardKind(args.type), args.front, args.back, args.tags)
    except CardContentError as error:
        raise CliError(f"--{error.field}: {error}") from None
    services = ctx.services(write=True)
    try:
        deck = services.decks.named(args.deck)
    except OptionsError as error:
        raise CliError(f"--deck: {error}") from None
    card_id = services.card_edits.add(deck.id, content)
    count = len(gap_numbers(content.front)) if content.kind is CardKind.CLOZE else 1
    if args.json:
        print_json({"id": card_id, "deck": deck.name, "front": content.front,
                    "back": content.back, "tags": list(content.tags),
                    "type": str(content.kind), "cards": count})  # fmt: skip
    elif count > 1:
        print(
            f"Added {count} cloze cards (one per gap, from card {card_id}) to deck {deck.name!r}."
        )
    else:
        print(f"Added card {card_id} to deck {deck.name!r}.")
    return 0
