"""`keeper cards [--search QUERY] [--json]`: list cards, with the browser's search syntax."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from trainer.cli.context import CliContext
from trainer.cli.errors import CliError
from trainer.cli.output import print_json, terminal_safe
from trainer.core.browse import one_line
from trainer.core.search import SearchError
from trainer.services.browse_service import FoundCard

NAME = "cards"
HELP = (
    'list cards, all or those a search finds (words, "phrases", deck:NAME, tag:NAME, '
    "is:new|learning|review|due|suspended, -negation, or; see docs/search.md)"
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--search", metavar="QUERY", default="", help="the search, as typed in the browser"
    )
    parser.add_argument("--json", action="store_true", help="print a JSON list, for scripts")
    parser.add_argument("--limit", metavar="N", type=int, help="print at most N cards")


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        found = ctx.services().browse.find(args.search)
    except SearchError as error:
        raise CliError(f"--search: {error}") from None
    if args.limit is not None:
        found = found[: max(0, args.limit)]
    if args.json:
        print_json([card_as_json(item) for item in found])
        return 0
    rows = [
        (
            str(item.card.id),
            terminal_safe(item.deck),
            _state(item),
            _due(item),
            terminal_safe(one_line(item.card.front, 70)),
        )  # fmt: skip
        for item in found
    ]
    _print_columns(("Id", "Deck", "State", "Due", "Front"), rows)
    return 0


def card_as_json(item: FoundCard) -> dict[str, Any]:
    card = item.card
    return {
        "id": card.id,
        "deck": item.deck,
        "front": card.front,
        "back": card.back,
        "tags": list(card.tags),
        "state": card.memory.state.name.lower(),
        "due": card.memory.due.isoformat() if card.memory.due else None,
        "suspended": card.suspended,
        "reps": card.memory.reps,
        "lapses": card.memory.lapses,
        "origin": str(card.origin),
        "type": str(card.kind),
        "source": card.source,
    }


def _state(item: FoundCard) -> str:
    state = item.card.memory.state.name.lower()
    return f"{state} (suspended)" if item.card.suspended else state


def _due(item: FoundCard) -> str:
    due = item.card.memory.due
    return due.astimezone().strftime("%Y-%m-%d %H:%M") if due else "-"


def _print_columns(headers: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    """Ids right-aligned, text left-aligned, the front last so long ones only run on."""
    table = [headers, *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(headers) - 1)]
    for row in table:
        cells = [row[0].rjust(widths[0])]
        cells += [cell.ljust(width) for cell, width in zip(row[1:-1], widths[1:], strict=True)]
        print("  ".join([*cells, row[-1]]).rstrip())
