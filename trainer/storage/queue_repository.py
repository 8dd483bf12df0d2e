"""What is due to study: the queue's cards and the counts the home screen shows.

The counts are the quick read path's queries (storage/reads.py) run on this session's
connection, so each exists once.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from trainer.core.cards import Card, Rating
from trainer.core.model import CardState, DeckId
from trainer.core.queue import DoneToday, QueueCounts
from trainer.storage.mapping import CARD_COLUMNS, card_from_columns
from trainer.storage.models import CardRow, ReviewRow
from trainer.storage.reads import Reads
from trainer.storage.rows import driver

_NOT_NEW = CardRow.state != int(CardState.NEW)
_LEARNING_STATES = (int(CardState.LEARNING), int(CardState.RELEARNING))


Buried = tuple[date, datetime]  # a study day and its end


def _unburied(buried: Buried | None) -> tuple[Any, ...]:
    if buried is None:
        return ()
    from trainer.storage.buried_siblings import BURIED_IDS, bury_parameters

    day, day_end = buried
    return (text(f"cards.id NOT IN ({BURIED_IDS})").bindparams(**bury_parameters(day, day_end)),)


class QueueRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def counts(self, now: datetime, day_end: datetime) -> dict[DeckId, QueueCounts]:
        """Per deck: all cards, new cards, learning cards due by `now` and review cards
        due before `day_end`."""
        return Reads(driver(self._session)).queue_counts(now, day_end)

    def done_today(self, day: date) -> dict[DeckId, DoneToday]:
        """New cards introduced and reviews done per deck on study day `day`."""
        return Reads(driver(self._session)).done_today(day)

    def learning_cards(self, deck_id: DeckId, until: datetime) -> list[Card]:
        due = CardRow.state.in_(_LEARNING_STATES), CardRow.due <= until
        return self._cards(deck_id, due, CardRow.due, None)

    def review_cards(
        self, deck_id: DeckId, day_end: datetime, limit: int, buried: Buried | None = None
    ) -> list[Card]:
        """Review cards due before `day_end`: due today, whatever the hour. `buried` (the
        study day and its end): without the cloze siblings buried that day."""
        due = CardRow.state == int(CardState.REVIEW), CardRow.due < day_end
        return self._cards(deck_id, (*due, *_unburied(buried)), CardRow.due, limit)

    def new_cards(self, deck_id: DeckId, limit: int, buried: Buried | None = None) -> list[Card]:
        new = (CardRow.state == int(CardState.NEW), *_unburied(buried))
        return self._cards(deck_id, new, CardRow.id, limit)

    def forgotten_on(self, deck_id: DeckId, day: date) -> list[Card]:
        """The deck's cards answered Again on study day `day`, in the order first forgotten."""
        forgotten = select(ReviewRow.card_id).where(
            ReviewRow.study_day == day.toordinal(), ReviewRow.rating == int(Rating.AGAIN)
        )
        return self._cards(deck_id, (CardRow.id.in_(forgotten),), CardRow.id, None)

    def notes_studied_on(self, day: date) -> set[str]:
        """The cloze notes (note guids) one of whose cards was graded on study day `day`:
        their other cards wait for another day (siblings are buried, as in Anki)."""
        query = (
            select(CardRow.note_guid)
            .distinct()
            .join(ReviewRow, ReviewRow.card_id == CardRow.id)
            .where(ReviewRow.study_day == day.toordinal(), CardRow.note_guid != "")
        )
        return set(self._session.scalars(query))

    def next_due(self, deck_id: DeckId | None = None) -> datetime | None:
        query = select(func.min(CardRow.due)).where(CardRow.suspended.is_(False), _NOT_NEW)
        if deck_id is not None:
            query = query.where(CardRow.deck_id == int(deck_id))
        return self._session.execute(query).scalar()

    def _cards(
        self, deck_id: DeckId, where: tuple[Any, ...], order: Any, limit: int | None
    ) -> list[Card]:
        query = (
            select(*CARD_COLUMNS)
            .where(CardRow.deck_id == int(deck_id), CardRow.suspended.is_(False))
            .where(*where)
            .order_by(order)
        )
        if limit is not None:
            query = query.limit(limit)
        return [card_from_columns(row) for row in self._session.execute(query)]
