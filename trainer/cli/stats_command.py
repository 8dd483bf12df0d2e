"""`keeper stats [--json]`: reviews kept, reviews today, cards by state, due forecast,
true retention over the past year and the streak of study days."""

from __future__ import annotations

import argparse

from trainer.cli.context import CliContext
from trainer.cli.output import print_json, print_table

NAME = "stats"
HELP = (
    "show reviews kept and today, cards by state, the due forecast (30 days), true retention "
    "over the past year and the streak of days studied"
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print a JSON object, for scripts")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    service = ctx.services().stats
    stats = service.collection_stats()
    if args.json:
        print_json(
            {
                "reviews": stats.reviews,
                "reviews_today": stats.reviews_today,
                "cards": stats.cards,
                "cards_by_state": stats.cards_by_state,
                "suspended": stats.suspended,
                "forecast": service.forecast(),
                "retention": service.retention().rate,
                "streak": service.streak(),
            }
        )
        return 0
    rows: list[tuple[str, object]] = [("Reviews kept", stats.reviews)]
    rows.append(("Reviews today", stats.reviews_today))
    rows += [(f"Cards {state}", count) for state, count in stats.cards_by_state.items()]
    rows.append(("Cards suspended", stats.suspended))
    retention = service.retention().rate
    rows.append(("True retention, past year", "-" if retention is None else f"{retention:.1%}"))
    rows.append(("Due in the next 7 days", sum(service.forecast(7))))
    rows.append(("Streak (days)", service.streak()))
    print_table(("", "Count"), rows)
    return 0
