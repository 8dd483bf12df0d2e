"""`keeper optimize [--json] [--dry-run]`: fit FSRS to your review log, keep it if better."""

from __future__ import annotations

import argparse

from trainer.cli.context import CliContext
from trainer.cli.errors import CliError
from trainer.cli.output import print_json
from trainer.services.optimizer_service import NotEnoughHistory

NAME = "optimize"
HELP = (
    "fit the 21 FSRS parameters to your review history and use them if they predict it "
    "better (lower log loss)"
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print a JSON object, for scripts")
    parser.add_argument(
        "--dry-run", action="store_true", help="fit and compare, but keep the current parameters"
    )


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        outcome = ctx.services(write=not args.dry_run).optimizer.optimize(apply=not args.dry_run)
    except NotEnoughHistory as error:
        raise CliError(str(error)) from None
    result = outcome.optimization
    if args.json:
        print_json(
            {
                "parameters": list(result.parameters),
                "log_loss_before": result.before.log_loss,
                "log_loss_after": result.after.log_loss,
                "rmse_before": result.before.rmse,
                "rmse_after": result.after.rmse,
                "reviews": result.reviews,
                "applied": outcome.applied,
            }
        )
        return 0
    print(f"Fitted FSRS parameters on {result.reviews} reviews.")
    print(f"Log loss: {result.before.log_loss:.4f} before, {result.after.log_loss:.4f} after")
    print(f"RMSE:     {result.before.rmse:.4f} before, {result.after.rmse:.4f} after")
    print("Parameters: " + ", ".join(f"{w:.4f}" for w in result.parameters))
    verdict = "Applied" if outcome.applied else "Kept the parameters in use"
    print(f"{verdict}: {outcome.reason}.")
    return 0
