"""`keeper plan [--interview-date YYYY-MM-DD] [--json]`: recall on the day, reviews per day."""

from __future__ import annotations

import argparse
from datetime import date

from trainer.cli.context import CliContext
from trainer.cli.errors import CliError
from trainer.cli.output import print_json, print_table
from trainer.core.study_days import study_date
from trainer.services.interview_planning import PlanReport

NAME = "plan"
HELP = (
    "predict each deck's recall on your interview day and plan the reviews per day that "
    "bring it to the target with the least work"
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--interview-date",
        metavar="YYYY-MM-DD",
        help="the interview date, for every deck (default: the dates set in the app)",
    )
    parser.add_argument(
        "--target",
        type=float,
        default=0.9,
        metavar="R",
        help="the recall to reach on the day, between 0.5 and 0.99 (default 0.9)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON object, for scripts")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    if not 0.5 <= args.target <= 0.99:
        raise CliError(f"--target {args.target}: give a recall between 0.5 and 0.99")
    interview = _parse_date(args.interview_date) if args.interview_date else None
    services = ctx.services()
    today = study_date(ctx.clock())
    if interview is not None and interview < today:
        raise CliError(f"--interview-date {interview}: that day has passed (today is {today})")
    if interview is None and not services.plan.interview_dates().upcoming(today):
        raise CliError("no interview date set: pass --interview-date YYYY-MM-DD")
    if interview is not None:
        try:
            services.plan.check_date(interview)
        except ValueError as error:
            raise CliError(f"--interview-date {error}") from None
    report = services.plan.plan(interview, target=args.target)
    if args.json:
        print_json(_as_json(report))
    else:
        _print(report)
    return 0


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"--interview-date {text!r}: not a date, use YYYY-MM-DD") from None


def _as_json(report: PlanReport) -> dict[str, object]:
    return {
        "target": report.target,
        "decks": [
            {
                "name": deck.name,
                "interview_date": deck.interview.isoformat(),
                "cards": deck.cards,
                "predicted_recall": round(deck.predicted_recall, 4),
                "recall_with_plan": round(deck.recall_with_plan, 4),
                "reviews": deck.reviews,
            }
            for deck in report.decks
        ],
        "daily": [{"date": day.day.isoformat(), "reviews": day.reviews} for day in report.daily],
        "total_reviews": report.total_reviews,
        "reviews_with_daily_scheduling": report.normal_reviews,
    }


def _print(report: PlanReport) -> None:
    print_table(
        ("Deck", "Interview", "Cards", "Recall if idle", "With plan", "Reviews"),
        [
            (
                d.name,
                d.interview.isoformat(),
                d.cards,
                f"{d.predicted_recall:.0%}",
                f"{d.recall_with_plan:.0%}",
                d.reviews,
            )
            for d in report.decks
        ],
    )
    print()
    print_table(("Day", "Reviews"), [(f"{d.day:%a %Y-%m-%d}", d.reviews) for d in report.daily])
    print()
    if report.daily and any(d.interview == report.daily[0].day for d in report.decks):
        print("Interview today: review the weakest cards first (Study now gives them so).")
    print(
        f"{report.total_reviews} reviews to reach {report.target:.0%} recall on the day "
        f"({report.normal_reviews} studying every due card each day)."
    )
