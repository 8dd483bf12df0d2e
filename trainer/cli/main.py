"""`keeper`: with no command it opens the app; subcommands script the same core."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from types import ModuleType

from trainer import __version__
from trainer.cli.context import CliContext
from trainer.cli.errors import CliError

# Each command module has NAME, HELP, configure(parser) and run(args, ctx) -> int.
# Modules are imported by name so `keeper decks` does not import what `keeper coach` uses.
COMMAND_MODULES = (
    "trainer.cli.decks_command",
    "trainer.cli.stats_command",
    "trainer.cli.coach_command",
    "trainer.cli.build_cards_command",
    "trainer.cli.add_command",
    "trainer.cli.cards_command",
    "trainer.cli.backup_command",
    "trainer.cli.import_command",
    "trainer.cli.export_command",
    "trainer.cli.optimize_command",
    "trainer.cli.plan_command",
)


def _available_commands() -> list[ModuleType]:
    commands = []
    for name in COMMAND_MODULES:
        try:
            commands.append(import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:  # a real missing dependency, not a command not written yet
                raise
    return commands


def build_parser(commands: Sequence[ModuleType]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="keeper",
        description="Keeper: flashcards with spaced repetition for high-bar interviews. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"keeper {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=os.environ.get("KEEPER_DATA_DIR") or None,
        help="where Keeper keeps its data (default: the user data folder; "
        "also set by the KEEPER_DATA_DIR variable)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in commands:
        sub = subparsers.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        command.configure(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(_available_commands())
    args = parser.parse_args(argv)
    ctx = CliContext(data_dir_option=args.data_dir)
    try:
        if args.command is None:
            from trainer.app import launch_app

            return launch_app(ctx.data_dir())
        return int(args.run(args, ctx) or 0)
    except CliError as error:
        print(f"keeper: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("keeper: error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - the promise is one line, never a traceback
        print(f"keeper: error: {_describe(error, ctx)}", file=sys.stderr)
        return 1
    finally:
        ctx.close()


def _describe(error: Exception, ctx: CliContext) -> str:
    """One line for an error no command expected; database failures say nothing was changed."""
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    cause = error.orig if isinstance(error, DBAPIError) else error
    if isinstance(cause, sqlite3.Error):
        return (
            f"could not use the collection in {ctx.data_dir()} ({cause}); "
            "the action was not saved and the collection is as it was before"
        )
    return f"unexpected {type(error).__name__}: {error}"


if __name__ == "__main__":
    sys.exit(main())
