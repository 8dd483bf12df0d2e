"""Adding and editing cloze texts: one card per gap number, kept in step as the text changes.

Each action is one transaction and one undo step (recorded by `row_journal`, which puts
back removed cards with their history as exactly as it takes added ones out).
"""

from __future__ import annotations

from dataclasses import replace

from trainer.core.card_content import CardContentError
from trainer.core.cards import Card, NewCard
from trainer.core.cloze import gap_numbers
from trainer.core.cloze_cards import NO_GAP, cards_for, sibling_change
from trainer.core.model import CardId, CardKind, DeckId, Origin
from trainer.services.undo import UndoHistory, journal_step
from trainer.services.unit_of_work import UnitOfWork
from trainer.storage.collection import Collection
from trainer.storage.row_journal import recording


def add_cloze(uow: UnitOfWork, undo: UndoHistory, deck_id: DeckId, content: NewCard) -> CardId:
    """Add a cloze text as one card per gap number; returns the first card's id."""
    cards = cards_for(content)
    if not cards:
        raise ValueError("a cloze text needs a gap")
    with uow() as collection, recording(collection) as journal:
        if collection.decks.get(deck_id) is None:
            raise LookupError(f"no deck with id {deck_id}")
        collection.cards.add(deck_id, cards, Origin.USER)
        first = collection.cards.with_guids([cards[0].guid])[cards[0].guid].id
    undo.push(journal_step(f"Add cloze ({_cards(len(cards))})", journal))
    return first


def edit_cloze(
    uow: UnitOfWork,
    undo: UndoHistory,
    card_id: CardId,
    content: NewCard,
    deck_id: DeckId | None = None,
) -> bool | None:
    """Save a cloze card's text for every card of its note: cards whose gap remains keep
    their history, new gap numbers get a card (in the edited card's deck), cards whose gap
    is gone are removed. None when `card_id` is not a cloze card or `content` not a cloze
    text (edit it as any card: its text only); False when nothing changed."""
    if content.kind is not CardKind.CLOZE:
        return None
    if not gap_numbers(content.front):  # would remove every card of the note
        raise CardContentError("front", NO_GAP)
    with uow() as collection, recording(collection) as journal:
        card = collection.cards.get(card_id)
        if card is None or card.kind is not CardKind.CLOZE:
            return None
        siblings = _siblings(collection, card)
        target = card.deck_id if deck_id is None else deck_id
        same = all(
            (s.front, s.back, s.tags) == (content.front, content.back, content.tags)
            for s in siblings
        )
        if same and target == card.deck_id:
            return False
        change = sibling_change(siblings, content.front)
        for sibling in change.kept:
            if (sibling.front, sibling.back, sibling.tags) != (
                content.front, content.back, content.tags,
            ):  # fmt: skip
                kept_source = replace(content, source=sibling.source)
                collection.cards.update_content(sibling.id, kept_source, by_user=True)
        if target != card.deck_id:
            collection.cards.move([card.id], target)
        if change.added:
            template = replace(content, source=card.source)
            collection.cards.add(
                target, cards_for(template, card.note_guid, change.added), card.origin
            )
        if change.gone:
            collection.cards.remove([gone.id for gone in change.gone])
    label = "Edit cloze" if not change.gone else f"Edit cloze (remove {_cards(len(change.gone))})"
    undo.push(journal_step(label, journal))
    return True


def _siblings(collection: Collection, card: Card) -> list[Card]:
    if not card.note_guid:
        return [card]
    return collection.cards.of_note(card.note_guid) or [card]


def _cards(count: int) -> str:
    return "1 card" if count == 1 else f"{count} cards"
