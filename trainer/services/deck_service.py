"""Decks: create, rename, delete (with its cards and history), per-deck study options.

Every action is one transaction and pushes one undo step; deleting a deck is undone with
its cards, their ids and their review history.
"""

from __future__ import annotations

from collections.abc import Callable

from trainer.core.deck_options import check_deck_name, check_options
from trainer.core.model import Deck, DeckId, DeckOptions
from trainer.services.settings_service import read_settings
from trainer.services.undo import UndoHistory, UndoStep
from trainer.services.unit_of_work import UnitOfWork
from trainer.storage.collection import Collection


class DeckService:
    def __init__(self, uow: UnitOfWork, undo: UndoHistory) -> None:
        self._uow = uow
        self._undo = undo

    def decks(self) -> list[Deck]:
        with self._uow() as collection:
            return collection.decks.all()

    def card_count(self, deck_id: DeckId) -> int:
        with self._uow() as collection:
            return collection.decks.card_count(deck_id)

    def create(self, name: str) -> Deck:
        """A new empty deck with the daily limits from the settings. Raises OptionsError for
        an empty or taken name."""
        with self._uow() as collection:
            name = check_deck_name(name, [deck.name for deck in collection.decks.all()])
            options = read_settings(collection.settings).deck_options()
            deck = collection.decks.add(name, options=options)
        self._push(f"Create deck {deck.name}", lambda c: _remove_if_empty(c, deck.id))
        return deck

    def named(self, name: str) -> Deck:
        """The deck called `name`, created (with the default limits) when there is none."""
        with self._uow() as collection:
            existing = collection.decks.named(" ".join(name.split()))
            if existing is not None:
                return existing
        return self.create(name)

    def rename(self, deck_id: DeckId, name: str) -> Deck:
        with self._uow() as collection:
            deck = _deck(collection, deck_id)
            others = [d.name for d in collection.decks.all() if d.id != deck_id]
            name = check_deck_name(name, others)
            if name == deck.name:
                return deck
            collection.decks.rename(deck_id, name)
        old = deck.name
        self._push(f"Rename deck {old}", lambda c: c.decks.rename(deck_id, old))
        return Deck(deck.id, name, deck.description, deck.guid, deck.origin, deck.options)

    def delete(self, deck_id: DeckId) -> int:
        """Delete a deck with its cards and their history; returns how many cards went."""
        with self._uow() as collection:
            removed = collection.decks.remove(deck_id)
        self._push(f"Delete deck {removed.name}", lambda c: c.decks.restore(removed))
        return removed.cards.count

    def set_options(self, deck_id: DeckId, options: DeckOptions) -> None:
        """Daily limits, desired retention and steps. Raises OptionsError when out of range."""
        check_options(options)
        with self._uow() as collection:
            before = _deck(collection, deck_id).options
            if before == options:
                return
            collection.decks.set_options(deck_id, options)
        self._push(
            "Change deck options",
            lambda c: c.decks.set_options(deck_id, before),
        )

    def _push(self, label: str, revert: Callable[[Collection], None]) -> None:
        self._undo.push(UndoStep(label, revert))


def _deck(collection: Collection, deck_id: DeckId) -> Deck:
    deck = collection.decks.get(deck_id)
    if deck is None:
        raise LookupError(f"no deck with id {deck_id}")
    return deck


def _remove_if_empty(collection: Collection, deck_id: DeckId) -> None:
    """Undo of "create": the deck goes, unless cards were put in it since (they stay)."""
    decks = collection.decks
    if decks.get(deck_id) is not None and decks.card_count(deck_id) == 0:
        decks.remove(deck_id)
