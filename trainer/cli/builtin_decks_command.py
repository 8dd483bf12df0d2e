"""`keeper builtin-decks [--add NAME | --remove NAME] [--json]`: the decks Keeper ships,
whether this collection has each, and adding or removing the optional ones."""

from __future__ import annotations

import argparse

from trainer.cli.context import CliContext
from trainer.cli.errors import CliError
from trainer.cli.output import print_json, print_table

NAME = "builtin-decks"
HELP = "list the built-in decks; add or remove an optional one (--add NAME, --remove NAME)"


def configure(parser: argparse.ArgumentParser) -> None:
    change = parser.add_mutually_exclusive_group()
    change.add_argument("--add", metavar="NAME", help="add this built-in deck to the collection")
    change.add_argument(
        "--remove", metavar="NAME", help="remove this optional deck, its cards and their history"
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list, for scripts")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    changing = args.add or args.remove
    content = ctx.services(write=bool(changing)).content
    choices = content.choices()
    if changing:
        wanted = " ".join(changing.split()).casefold()
        chosen = next((c for c in choices if c.name.casefold() == wanted), None)
        if chosen is None:
            names = ", ".join(c.name for c in choices)
            raise CliError(f"no built-in deck called {changing!r} (there are: {names})")
        if args.remove and not chosen.optional:
            raise CliError(
                f"{chosen.name} is in every collection; only an optional deck is removed here"
            )
        try:
            if args.add:
                content.add_deck(chosen.guid)
            else:
                content.remove_deck(chosen.guid)
        except (LookupError, ValueError) as error:
            raise CliError(str(error)) from None
        choices = content.choices()
    rows = [
        {
            "name": c.name,
            "cards": c.cards,
            "optional": c.optional,
            "installed": c.installed,
            "description": c.description,
        }
        for c in choices
    ]
    if args.json:
        print_json(rows)
    else:
        print_table(
            ("Deck", "Cards", "Optional", "Installed"),
            [(r["name"], r["cards"], _yes(r["optional"]), _yes(r["installed"])) for r in rows],
        )
    return 0


def _yes(value: object) -> str:
    return "yes" if value else "no"
