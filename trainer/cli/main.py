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
from trainer.cli.terminal import controls_shown

# Each command module has NAME, HELP, configure(parser) and run(args, ctx) -> int.
# Only the module of the command being run is imported (all of them for `keeper --help`), so
# `keeper decks` does not import what `keeper import` uses, and `keeper` alone none of them.
COMMANDS = {
    "decks": "trainer.cli.decks_command",
    "builtin-decks": "trainer.cli.builtin_decks_command",
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
    "listen": "trainer.cli.listen_command",
}
COMMAND_MODULES = tuple(COMMANDS.values())
_GLOBAL_WITH_VALUE = ("--data-dir",)
# Arguments that name files: a path may hold any bytes, so these are never refused as text.
_PATH_ARGUMENTS = ("data_dir", "file")


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
    with controls_shown():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_commands_needed(arguments))
    args = parser.parse_args(arguments)
    ctx = CliContext(data_dir_option=args.data_dir, command=args.command or "")
    _print_paths_as_given()
    try:
        _refuse_undecodable_text(parser, args)
        if args.command is None:
            from trainer.app import launch_app

            return launch_app(ctx.data_dir())
        return int(args.run(args, ctx) or 0)
    except CliError as error:
        _print_error(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        _print_error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - the promise is one line, never a traceback
        _print_error(_describe(error, ctx))
        return 1
    finally:
        ctx.close()


def _print_error(message: str) -> None:
    """`keeper: error: ...` on one line, whatever line breaks the message carries."""
    one_line = " ".join(part.strip() for part in message.splitlines())
    print(f"keeper: error: {one_line}", file=sys.stderr)


def _print_paths_as_given() -> None:
    """A file name that is not UTF-8 is printed back as the bytes it was given as."""
    for stream in (sys.stdout, sys.stderr):
        # the stream itself or the wrapper that shows control characters (terminal.py),
        # which hands `errors` and `reconfigure` on to it
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="surrogateescape")


def _refuse_undecodable_text(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse text arguments that are not UTF-8 (Python keeps their bytes as lone surrogates,
    which neither SQLite nor any file format can store), naming the option and the byte."""
    for dest, value in vars(args).items():
        if dest in _PATH_ARGUMENTS:
            continue
        for text in value if isinstance(value, list) else [value]:
            if not isinstance(text, str):
                continue
            at = next((i for i, char in enumerate(text) if "\udc80" <= char <= "\udcff"), None)
            if at is not None:
                raise CliError(
                    f"{_option_label(parser, dest)}: is not valid UTF-8 text (byte "
                    f"0x{ord(text[at]) - 0xDC00:02x} at character {at + 1}); check the "
                    "terminal's encoding"
                )


def _option_label(parser: argparse.ArgumentParser, dest: str) -> str:
    """How the user wrote the option stored in `dest` (`--front`, or a positional's name)."""
    actions = list(parser._actions)  # argparse keeps them private; nothing public lists them
    for action in actions:
        if isinstance(action, argparse._SubParsersAction):
            actions += [inner for sub in action.choices.values() for inner in sub._actions]
    for action in actions:
        if action.dest == dest:
            return action.option_strings[-1] if action.option_strings else str(action.metavar)
    return dest


def _describe(error: Exception, ctx: CliContext) -> str:
    """One line for an error no command expected; database failures say nothing was changed."""
    import sqlite3

    from trainer.storage.integrity import RESTORE_HINT, DatabaseError
    from trainer.storage.sqlite_files import is_read_only_error

    if isinstance(error, DatabaseError):  # the file failed its integrity check at a write
        return str(error)
    cause: BaseException = error
    if "sqlalchemy" in sys.modules:  # a command that read or wrote through it
        from sqlalchemy.exc import DBAPIError

        cause = (error.orig or error) if isinstance(error, DBAPIError) else error
    if type(cause) is sqlite3.DatabaseError:  # "malformed": damage where this command read
        return f"the collection in {ctx.data_dir()} is damaged ({cause}). {RESTORE_HINT}"
    if isinstance(cause, sqlite3.Error) and is_read_only_error(cause):
        return (
            f"the collection in {ctx.data_dir()} is read-only (its folder or file cannot be "
            "written): nothing was saved"
        )
    if isinstance(cause, sqlite3.Error):
        return (
            f"could not use the collection in {ctx.data_dir()} ({cause}); "
            "the action was not saved and the collection is as it was before"
        )
    damage = ctx.damage()  # a damaged value can break a read before SQLite notices
    if damage is not None:
        return str(damage)
    if isinstance(error, ValueError | TypeError | KeyError) and _raised_reading_storage(error):
        return (
            f"the collection in {ctx.data_dir()} holds a value Keeper cannot read ({error}); "
            f"it may be damaged. {RESTORE_HINT}"
        )
    return f"unexpected {type(error).__name__}: {error}"


def _raised_reading_storage(error: Exception) -> bool:
    """Whether storage raised it while turning stored values into Keeper's own (a bit
    flipped inside a value passes SQLite's checks: 'builtin' read back as 'builtiN')."""
    import traceback
    from pathlib import Path

    import trainer.storage

    storage = Path(trainer.storage.__file__).parent
    frames = traceback.extract_tb(error.__traceback__)
    return any(Path(frame.filename).parent == storage for frame in frames)


if __name__ == "__main__":
    sys.exit(main())
