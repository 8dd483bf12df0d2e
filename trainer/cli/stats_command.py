"""`keeper stats [--json]`: reviews kept, reviews today, cards by state."""

from __future__ import annotations

import argparse

from trainer.cli.context import CliContext
from trainer.cli.output import print_json, print_table

NAME = "stats"
HELP = "show how many reviews are kept, how many today, and cards by state"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print a JSON object, for scripts")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    stats = ctx.services().stats.collection_stats()
    if args.json:
        print_json(
            {
                "reviews": stats.reviews,
                "reviews_today": stats.reviews_today,
                "cards": stats.cards,
                "cards_by_state": stats.cards_by_state,
                "suspended": stats.suspended,
            }
        )
        return 0
    rows = [("Reviews kept", stats.reviews), ("Reviews today", stats.reviews_today)]
    rows += [(f"Cards {state}", count) for state, count in stats.cards_by_state.items()]
    rows.append(("Cards suspended", stats.suspended))
    print_table(("", "Count"), rows)
    return 0
