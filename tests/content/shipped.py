"""What a fresh collection gets from the built-in decks, for tests that count cards."""

from __future__ import annotations

from trainer.content.builtin_decks import load_builtin_decks


def installed_builtin_decks() -> dict[str, int]:
    """Each deck a fresh collection gets (not the optional ones), with its card count."""
    return {deck.name: len(deck.cards) for deck in load_builtin_decks() if not deck.optional}


def installed_builtin_cards() -> int:
    return sum(installed_builtin_decks().values())
