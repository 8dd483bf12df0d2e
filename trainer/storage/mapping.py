"""Rows to core dataclasses and back. Nothing above `storage` sees a row."""

from __future__ import annotations

from typing import Any

from trainer.core.browse import front_sort_key
from trainer.core.cards import Card, Memory, NewCard
from trainer.core.model import CardId, CardKind, CardState, Deck, DeckId, DeckOptions, Origin
from trainer.storage.codecs import steps_from_text, steps_to_text
from trainer.storage.models import CardRow, DeckRow

CARD_COLUMNS = (
    CardRow.id,
    CardRow.deck_id,
    CardRow.front,
    CardRow.back,
    CardRow.tags,
    CardRow.source,
    CardRow.state,
    CardRow.step,
    CardRow.stability,
    CardRow.difficulty,
    CardRow.due,
    CardRow.last_review,
    CardRow.reps,
    CardRow.lapses,
    CardRow.suspended,
    CardRow.guid,
    CardRow.origin,
    CardRow.edited_by_user,
    CardRow.kind,
    CardRow.cloze,
    CardRow.note_guid,
)


def card_from_columns(row: Any) -> Card:
    """A card from a row selected with CARD_COLUMNS (a plain tuple: no ORM object per card)."""
    (id_, deck_id, front, back, tags, source, state, step, stability, difficulty, due,
     last_review, reps, lapses, suspended, guid, origin, edited, kind, cloze,
     note_guid) = row  # fmt: skip
    return Card(
        id=CardId(id_),
        deck_id=DeckId(deck_id),
        front=front,
        back=back,
        tags=tags,
        source=source,
        memory=Memory(
            state=CardState(state),
            step=step,
            stability=stability,
            difficulty=difficulty,
            due=due,
            last_review=last_review,
            reps=reps,
            lapses=lapses,
        ),
        suspended=bool(suspended),
        guid=guid,
        origin=Origin(origin),
        edited_by_user=bool(edited),
        kind=CardKind(kind),
        cloze=cloze,
        note_guid=note_guid,
    )


def content_values(card: Card | NewCard) -> dict[str, Any]:
    """The card columns that hold its content (its text and what kind of card it is)."""
    return {
        "front": card.front,
        "front_key": front_sort_key(card.front),
        "back": card.back,
        "tags": card.tags,
        "source": card.source,
        "kind": str(card.kind),
        "cloze": card.cloze,
        "note_guid": card.note_guid,
    }


def memory_values(memory: Memory) -> dict[str, Any]:
    """The card columns that hold a memory, for an UPDATE."""
    return {
        "state": int(memory.state),
        "step": memory.step,
        "stability": memory.stability,
        "difficulty": memory.difficulty,
        "due": memory.due,
        "last_review": memory.last_review,
        "reps": memory.reps,
        "lapses": memory.lapses,
    }


def deck_from_row(row: DeckRow) -> Deck:
    return Deck(
        id=DeckId(row.id),
        name=row.name,
        description=row.description,
        guid=row.guid,
        origin=Origin(row.origin),
        options=DeckOptions(
            new_per_day=row.new_per_day,
            reviews_per_day=row.reviews_per_day,
            desired_retention=row.desired_retention,
            learning_steps=steps_from_text(row.learning_steps),
            relearning_steps=steps_from_text(row.relearning_steps),
        ),
    )


def options_values(options: DeckOptions) -> dict[str, Any]:
    return {
        "new_per_day": options.new_per_day,
        "reviews_per_day": options.reviews_per_day,
        "desired_retention": options.desired_retention,
        "learning_steps": steps_to_text(options.learning_steps),
        "relearning_steps": steps_to_text(options.relearning_steps),
    }
