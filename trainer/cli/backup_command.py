"""`keeper backup list | create | restore NAME|latest`: consistent snapshots of the collection.

Works on the files directly, so it also runs when the collection is too damaged to open.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from trainer.cli.context import CliContext
from trainer.cli.errors import CliError
from trainer.cli.output import print_json, print_table
from trainer.storage.backup import BackupError, find_backup, list_backups, restore, snapshot
from trainer.storage.media_store import MEDIA_FOLDER

NAME = "backup"
HELP = "list, create or restore backups of the collection"


def configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list the backups, oldest first")
    listing.add_argument("--json", action="store_true", help="print a JSON list, for scripts")
    actions.add_parser("create", help="take a backup now")
    restoring = actions.add_parser(
        "restore", help="replace the collection with a backup (the current one is kept first)"
    )
    restoring.add_argument("name", metavar="NAME|latest", help="a name from `keeper backup list`")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from trainer.app import BACKUPS_FOLDER, DATABASE_FILE

    data_dir = ctx.data_dir()
    database, backups_dir = data_dir / DATABASE_FILE, data_dir / BACKUPS_FOLDER
    media = data_dir / MEDIA_FOLDER
    try:
        if args.action == "list":
            _list(backups_dir, as_json=args.json)
        elif args.action == "create":
            _require(database)
            print(f"Backed up to {snapshot(database, backups_dir, 'manual', media_folder=media)}")
        else:
            backup = find_backup(backups_dir, args.name)
            ctx.hold_writer_lock("backup restore")  # never beside the window or another writer
            kept = restore(backup, database, backups_dir, media)
            print(f"Restored {backup.name} (taken {backup.taken_at:%Y-%m-%d %H:%M} UTC).")
            if kept is not None:
                print(f"The collection as it was is kept in {kept}")
    except BackupError as error:
        raise CliError(str(error)) from None
    return 0


def _require(database: Path) -> None:
    if not database.exists():
        raise CliError(f"there is no collection at {database} yet")


def _list(backups_dir: Path, *, as_json: bool) -> None:
    backups = list_backups(backups_dir)
    if as_json:
        print_json(
            [
                {
                    "name": b.name,
                    "taken_at": b.taken_at.isoformat(),
                    "reason": b.reason,
                    "bytes": b.path.stat().st_size,
                    "path": str(b.path),
                }
                for b in backups
            ]
        )
    elif not backups:
        print(f"No backups yet in {backups_dir}.")
    else:
        rows = [(b.name, f"{b.taken_at:%Y-%m-%d %H:%M}", b.reason) for b in backups]
        print_table(("Backup", "Taken (UTC)", "Why"), rows)
