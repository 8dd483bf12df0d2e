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
# Only the module of the command being run is imported (all of them for `keeper --help`), so
# `keeper decks` does not import what `keeper import` uses, and `keeper` alone none of them.
COMMANDS = {
    "decks": "trainer.cli.decks_command",
    "stats": "trainer.cli.stats_command",
    "coach": "trainer.cli.coach_command",
    "build-cards": "trainer.cli.build_cards_command",
    "add": "trainer.cli.add_command",
    "cards": "trainer.cli.cards_command",
    "backup": "trainer.cli.backup_command",
    "import": "trainer.cli.import_command",
    "export": "trainer.cli.export_command",
    "optimize": "trainer.cli.optimize_command",
    "plan": "trainer.cli.plan_command",
}
COMMAND_MODULES = tuple(COMMANDS.values())
_GLOBAL_WITH_VALUE = ("--data-dir",)


def _available_commands() -> list[ModuleType]:
    commands = []
    for name in COMMAND_MODULES:
        try:
            commands.append(import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:  # a real missing dependency, not a command not written yet
                raise
    return commands


def _commands_needed(argv: Sequence[str]) -> list[ModuleType]:
    """The command modules parsing `argv` needs: none to open the app, one to run a command,
    all for the overall help or a command name that is not one."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token in ("-h", "--help"):
            return _available_commands()
        elif token in _GLOBAL_WITH_VALUE:
            skip = True
        elif not token.startswith("-"):
            module = COMMANDS.get(token)
            return [import_module(module)] if module else _available_commands()
    return []


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
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_commands_needed(arguments))
    args = parser.parse_args(arguments)
    problem = _not_utf8(vars(args), arguments)
    if problem:
        print(f"keeper: error: {problem}", file=sys.stderr)
        return 1
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


_PATHS = {"data_dir"}  # a path may hold any bytes; text (card, deck, search) must be UTF-8


def _not_utf8(values: dict[str, object], arguments: list[str]) -> str | None:
    """What names a text argument whose bytes are not UTF-8 (Python holds each such byte as
    a lone surrogate, which no file or database can store), or None."""
    for dest, value in values.items():
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            if dest in _PATHS or not isinstance(text, str):
                continue
            found = next((char for char in text if "\ud800" <= char <= "\udfff"), None)
            if found is None:
                continue
            code = ord(found)
            what = f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"U+{code:04X}"
            return f"{_argument_name(text, values, arguments)} is not UTF-8 text ({what})"
    return None


def _argument_name(text: str, values: dict[str, object], arguments: list[str]) -> str:
    """The option that was given `text` (`--front`), or the argument's position."""
    at = next(i for i, token in enumerate(arguments) if text in token)
    if arguments[at].startswith("--"):
        return arguments[at].split("=", 1)[0]
    option = next((t for t in reversed(arguments[:at]) if t.startswith("--")), "")
    takes_value = not isinstance(values.get(option[2:].replace("-", "_")), bool | None)
    return option if takes_value else f"argument {at + 1}"


def _describe(error: Exception, ctx: CliContext) -> str:
    """One line for an error no command expected; database failures say nothing was changed."""
    import sqlite3

    from trainer.storage.integrity import RESTORE_HINT, DatabaseError

    if isinstance(error, DatabaseError):  # the file failed its integrity check at a write
        return str(error)
    cause: BaseException = error
    if "sqlalchemy" in sys.modules:  # a command that read or wrote through it
        from sqlalchemy.exc import DBAPIError

        cause = error.orig if isinstance(error, DBAPIError) else error
    if type(cause) is sqlite3.DatabaseError:  # "malformed": damage where this command read
        return f"the collection in {ctx.data_dir()} is damaged ({cause}). {RESTORE_HINT}"
    if isinstance(cause, sqlite3.Error):
        return (
            f"could not use the collection in {ctx.data_dir()} ({cause}); "
            "the action was not saved and the collection is as it was before"
        )
    return f"unexpected {type(error).__name__}: {error}"


if __name__ == "__main__":
    sys.exit(main())
