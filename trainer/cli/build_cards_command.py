"""`keeper build-cards FILE`: propose cards from a guide, and with --deck add them."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from trainer.cli.context import CliContext
from trainer.cli.errors import CliError
from trainer.cli.output import print_json
from trainer.core.guide_cards import proposals_to_new_cards
from trainer.core.guide_reader import Proposal, propose_cards

NAME = "build-cards"
HELP = (
    "propose flashcards (faq, mistake, principle, checklist) from a guide in plain text "
    "or Markdown; with --deck, add them to a deck"
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", type=Path, help="the guide (.txt or .md)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--deck", metavar="NAME", help="add the proposed cards to this deck (created if needed)"
    )


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    path: Path = args.file
    proposals = propose_cards(read_guide(path))
    if args.deck is not None:
        return _add_to_deck(args.deck, proposals, path, ctx, as_json=args.json)
    if args.json:
        print_json([proposal_as_json(proposal) for proposal in proposals])
    else:
        _print_proposals(proposals, path)
    return 0


def read_guide(path: Path) -> str:
    """The guide's text; any reason it cannot be read becomes a CliError naming the file."""
    if path.exists() and not (path.is_file() or path.is_dir()):  # a FIFO would block forever
        raise CliError(f"{path}: is not a regular file; a guide is a text file")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CliError(f"{path}: is a folder, not a guide file") from None
    except OSError as error:
        raise CliError(f"{path}: cannot read the file ({error.strerror or error})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CliError(
            f"{path}: not UTF-8 text (invalid byte at offset {error.start}); "
            "save the guide as UTF-8 and try again"
        ) from None
    if not text.strip():
        raise CliError(f"{path}: the file is empty")
    return text


def proposal_as_json(proposal: Proposal) -> dict[str, object]:
    first, last = proposal.source_lines
    return {
        "kind": proposal.kind,
        "title": proposal.title,
        "front": proposal.front,
        "back": proposal.back,
        "source_lines": [first, last],
    }


def _add_to_deck(
    deck: str, proposals: list[Proposal], path: Path, ctx: CliContext, *, as_json: bool
) -> int:
    added = skipped = 0
    if proposals:  # nothing to add: do not create an empty deck
        new_cards = proposals_to_new_cards(proposals, path.name)
        result = ctx.services(write=True).card_edits.add_cards(deck, new_cards)
        added, skipped = result.added, result.skipped
    if as_json:
        print_json({"deck": deck, "proposed": len(proposals), "added": added, "skipped": skipped})
    elif proposals:
        known = f" ({skipped} already in the collection)" if skipped else ""
        print(f"Added {added} of {len(proposals)} proposed cards to deck {deck!r}{known}.")
    else:
        print(f"No cards found in {path.name}; nothing added to deck {deck!r}.")
    return 0


def _print_proposals(proposals: list[Proposal], path: Path) -> None:
    for number, proposal in enumerate(proposals, start=1):
        first, last = proposal.source_lines
        lines = f"line {first}" if first == last else f"lines {first}-{last}"
        print(f"{number}. [{proposal.kind}] {lines}")
        print(_indented("Front: ", proposal.front))
        print(_indented("Back:  ", proposal.back))
        print()
    counts = Counter(proposal.kind for proposal in proposals)
    summary = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
    print(f"{len(proposals)} cards proposed from {path.name}" + (f": {summary}" if summary else ""))


def _indented(label: str, text: str) -> str:
    pad = " " * (3 + len(label))
    first, *rest = text.split("\n")
    return "\n".join([f"   {label}{first}", *(pad + line if line else "" for line in rest)])
