"""Installing and updating the built-in decks without touching anyone's progress."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from trainer.core.model import Origin
from trainer.services.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from trainer.content.builtin_decks import BuiltinDeck
    from trainer.storage.collection import Collection

FINGERPRINT_KEY = "builtin_decks_fingerprint"


class InstallReport(NamedTuple):
    added: int = 0
    updated: int = 0
    kept_user_edits: int = 0


class ContentService:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def is_current(self, fingerprint: str) -> bool:
        """Whether the built-in decks installed are those of `fingerprint` (a quick read)."""
        with self._uow.reads() as reads:
            return bool(reads.settings.get(FINGERPRINT_KEY) == fingerprint)

    def install(self, decks: Sequence[BuiltinDeck], fingerprint: str) -> InstallReport:
        """Add new built-in cards and update changed ones in place; skip if nothing changed.

        Cards the user edited stay as the user left them. Memory and history never change.
        """
        with self._uow() as collection:
            if collection.settings.get(FINGERPRINT_KEY) == fingerprint:
                return InstallReport()
            report = InstallReport()
            for deck in decks:
                report = _merge(report, _install_deck(collection, deck))
            collection.settings.set(FINGERPRINT_KEY, fingerprint)
            return report


def _install_deck(collection: Collection, builtin: BuiltinDeck) -> InstallReport:
    deck = collection.decks.with_guid(builtin.guid)
    if deck is None:
        deck = collection.decks.add(
            _free_name(collection, builtin.name),
            guid=builtin.guid,
            origin=Origin.BUILTIN,
            description=builtin.description,
        )
    existing = collection.cards.with_guids(card.guid for card in builtin.cards)
    fresh = [card for card in builtin.cards if card.guid not in existing]
    updated = kept = 0
    for card in builtin.cards:
        current = existing.get(card.guid)
        if current is None or (current.front, current.back, current.tags, current.source) == (
            card.front,
            card.back,
            card.tags,
            card.source,
        ):
            continue
        if current.edited_by_user:
            kept += 1
            continue
        collection.cards.update_content(current.id, card, by_user=False)
        updated += 1
    collection.cards.add(deck.id, fresh, origin=Origin.BUILTIN)
    return InstallReport(added=len(fresh), updated=updated, kept_user_edits=kept)


def _free_name(collection: Collection, name: str) -> str:
    """The deck's name, or 'name (built-in)' if the user already has a deck called that."""
    candidate, number = name, 1
    while collection.decks.named(candidate) is not None:
        number += 1
        candidate = f"{name} (built-in)" if number == 2 else f"{name} (built-in {number})"
    return candidate


def _merge(a: InstallReport, b: InstallReport) -> InstallReport:
    return InstallReport(
        a.added + b.added, a.updated + b.updated, a.kept_user_edits + b.kept_user_edits
    )
