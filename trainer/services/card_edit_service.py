"""Adding and changing cards: add (one from the browser or `keeper add`, many from the
guide builder), edit, suspend, move, delete, reset progress.

Every action is one transaction and pushes one step on the shared undo history; the step
puts back exactly what the action changed (a deleted card comes back with its id, guid and
review history). Each returns the ids it changed, so a screen refreshes only from that.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from trainer.core.cards import NewCard
from trainer.core.model import CardId, CardKind, DeckId, Origin
from trainer.services import operations
from trainer.services.operations import Changes
from trainer.services.undo import UndoHistory, UndoStep, journal_step
from trainer.services.unit_of_work import UnitOfWork
from trainer.storage.card_repository import CONTENT, MEMORY, PLACE, SUSPENSION, CardRepository
from trainer.storage.collection import Collection
from trainer.storage.row_journal import recording


@dataclass(frozen=True)
class AddResult:
    added: int
    skipped: int  # cards whose id the collection already had


class CardEditService:
    def __init__(self, uow: UnitOfWork, undo: UndoHistory) -> None:
        self._uow = uow
        self._undo = undo

    def add(self, deck_id: DeckId, content: NewCard) -> CardId:
        """Add one card of your own to a deck; undo removes it. A cloze text adds one card
        per gap number (`cloze_notes.add_cloze`) and returns the first one's id."""
        if content.kind is CardKind.CLOZE:
            from trainer.services.cloze_notes import add_cloze

            return add_cloze(self._uow, self._undo, deck_id, content)
        guid = content.guid or f"card:{uuid.uuid4()}"
        with self._uow() as collection:
            if collection.decks.get(deck_id) is None:
                raise LookupError(f"no deck with id {deck_id}")
            collection.cards.add(deck_id, [replace(content, guid=guid)], Origin.USER)
            card_id = collection.cards.with_guids([guid])[guid].id
        self._push("Add card", lambda c: _remove(c, card_id), operations.cards([card_id]))
        return card_id

    def add_cards(
        self, deck_name: str, cards: Sequence[NewCard], origin: Origin = Origin.USER
    ) -> AddResult:
        """Add cards to the deck called `deck_name`, made if there is none; a card whose
        guid the collection already has is skipped. One undo step takes the cards back
        out, and the deck if this made it."""
        with self._uow() as collection, recording(collection) as journal:
            deck = collection.decks.named(deck_name) or collection.decks.add(deck_name)
            known = collection.cards.with_guids(card.guid for card in cards if card.guid)
            fresh = [card for card in cards if not card.guid or card.guid not in known]
            collection.cards.add(deck.id, fresh, origin)
        if fresh:
            label = f"Add {len(fresh)} card{'s' if len(fresh) != 1 else ''} to {deck.name}"
            self._undo.push(journal_step(label, journal))
        return AddResult(added=len(fresh), skipped=len(cards) - len(fresh))

    def edit(self, card_id: CardId, content: NewCard, deck_id: DeckId | None = None) -> bool:
        """Save a card's text, tags and deck; marks it as yours, so updates of a built-in
        deck leave it alone. Returns False (and records no step) when nothing changed.
        A cloze card's new text goes to all its siblings (`cloze_notes.edit_cloze`)."""
        from trainer.services.cloze_notes import edit_cloze

        edited = edit_cloze(self._uow, self._undo, card_id, content, deck_id)
        if edited is not None:
            return edited
        with self._uow() as collection:
            card = collection.cards.get(card_id)
            if card is None:
                raise LookupError(f"no card with id {card_id}")
            target = card.deck_id if deck_id is None else deck_id
            same_text = (card.front, card.back, card.tags) == (
                content.front, content.back, content.tags,
            )  # fmt: skip
            if same_text and target == card.deck_id:
                return False
            before = collection.cards.snapshot([card_id], (*CONTENT, "deck_id"))
            if not same_text:
                kept_source = replace(content, source=card.source)
                collection.cards.update_content(card_id, kept_source, by_user=True)
            if target != card.deck_id:
                collection.cards.move([card_id], target)
        self._push(
            "Edit card",
            lambda c: c.cards.restore_columns(before),
            operations.cards([card_id]),
        )
        return True

    def set_suspended(self, ids: Sequence[CardId], suspended: bool) -> tuple[CardId, ...]:
        """Suspend (or unsuspend) cards: suspended cards are never studied."""
        verb = "Suspend" if suspended else "Unsuspend"
        return self._change(ids, SUSPENSION, verb, lambda s, i: s.set_suspended(i, suspended))

    def move(self, ids: Sequence[CardId], deck_id: DeckId) -> tuple[CardId, ...]:
        with self._uow() as collection:
            deck = collection.decks.get(deck_id)
        if deck is None:
            raise LookupError(f"no deck with id {deck_id}")
        label = f"Move {_cards(len(ids))} to {deck.name}"
        return self._change(ids, PLACE, label, lambda s, i: s.move(i, deck_id), count=False)

    def forget(self, ids: Sequence[CardId]) -> tuple[CardId, ...]:
        """Reset progress: the cards are new again. Their review history is kept."""
        return self._change(ids, MEMORY, "Reset", lambda s, i: s.forget(i))

    def delete(self, ids: Sequence[CardId]) -> tuple[CardId, ...]:
        """Delete cards and their review history; undo brings both back."""
        ids = tuple(dict.fromkeys(ids))
        if not ids:
            return ()
        with self._uow() as collection:
            removed = collection.cards.remove(ids)
        self._push(
            f"Delete {_cards(removed.count)}",
            lambda c: c.cards.restore(removed),
            operations.cards(ids, reviews=True),
        )
        return ids

    def _change(
        self,
        ids: Sequence[CardId],
        columns: Sequence[str],
        label: str,
        action: Callable[[CardRepository, Sequence[CardId]], None],
        *,
        count: bool = True,
    ) -> tuple[CardId, ...]:
        ids = tuple(dict.fromkeys(ids))
        if not ids:
            return ()
        with self._uow() as collection:
            before = collection.cards.snapshot(ids, columns)
            action(collection.cards, ids)
        self._push(f"{label} {_cards(len(ids))}" if count else label,
                   lambda c: c.cards.restore_columns(before), operations.cards(ids))  # fmt: skip
        return ids

    def _push(self, label: str, revert: Callable[[Collection], None], changes: Changes) -> None:
        self._undo.push(UndoStep(label, revert, changes))


def _remove(collection: Collection, card_id: CardId) -> None:
    collection.cards.remove([card_id])


def _cards(count: int) -> str:
    return "card" if count == 1 else f"{count} cards"
