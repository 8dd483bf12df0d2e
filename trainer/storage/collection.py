"""The one repository: reads and writes the collection inside a caller's transaction.

Inputs and outputs are core dataclasses. Bulk and hot paths select plain columns, never an
ORM object per card, so they stay fast at 100,000 cards.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from trainer.core.browse import front_sort_key
from trainer.core.cards import Card, Memory, NewCard, Rating, Review
from trainer.core.model import CardId, CardState, Deck, DeckId, DeckOptions, Origin
from trainer.core.queue import DoneToday, QueueCounts
from trainer.storage.mapping import (
    CARD_COLUMNS,
    card_from_columns,
    deck_from_row,
    memory_values,
    options_values,
)
from trainer.storage.models import CardRow, DeckRow, ReviewRow, SettingRow
from trainer.storage.reads import Reads

_NOT_NEW = CardRow.state != int(CardState.NEW)
_LEARNING_STATES = (int(CardState.LEARNING), int(CardState.RELEARNING))


class Collection:
    """Decks, cards, reviews and settings, over one open session. `now` stamps changes."""

    def __init__(self, session: Session, now: datetime) -> None:
        self.session = session
        self.now = now

    # Decks -------------------------------------------------------------------------------

    def decks(self) -> list[Deck]:
        rows = self.session.scalars(select(DeckRow).order_by(DeckRow.name))
        return [deck_from_row(row) for row in rows]

    def deck(self, deck_id: DeckId) -> Deck | None:
        row = self.session.get(DeckRow, int(deck_id))
        return deck_from_row(row) if row else None

    def deck_named(self, name: str) -> Deck | None:
        row = self.session.scalars(select(DeckRow).where(DeckRow.name == name)).first()
        return deck_from_row(row) if row else None

    def deck_with_guid(self, guid: str) -> Deck | None:
        row = self.session.scalars(select(DeckRow).where(DeckRow.guid == guid)).first()
        return deck_from_row(row) if row else None

    def add_deck(
        self,
        name: str,
        *,
        guid: str = "",
        origin: Origin = Origin.USER,
        description: str = "",
        options: DeckOptions | None = None,
    ) -> Deck:
        row = DeckRow(
            guid=guid or f"deck:{uuid.uuid4()}",
            name=name,
            description=description,
            origin=str(origin),
            created_at=self.now,
            **options_values(options or DeckOptions()),
        )
        self.session.add(row)
        self.session.flush()
        return deck_from_row(row)

    def update_deck(self, deck_id: DeckId, **values: Any) -> None:
        self.session.execute(update(DeckRow).where(DeckRow.id == int(deck_id)).values(**values))

    # Cards -------------------------------------------------------------------------------

    def card(self, card_id: CardId) -> Card | None:
        row = self.session.execute(select(*CARD_COLUMNS).where(CardRow.id == int(card_id))).first()
        return card_from_columns(row) if row else None

    def cards(self, deck_id: DeckId | None = None) -> list[Card]:
        query = select(*CARD_COLUMNS).order_by(CardRow.id)
        if deck_id is not None:
            query = query.where(CardRow.deck_id == int(deck_id))
        return [card_from_columns(row) for row in self.session.execute(query)]

    def cards_with_guids(self, guids: Iterable[str]) -> dict[str, Card]:
        found: dict[str, Card] = {}
        wanted = list(guids)
        for start in range(0, len(wanted), 500):  # SQLite caps bound parameters
            query = select(*CARD_COLUMNS).where(CardRow.guid.in_(wanted[start : start + 500]))
            for row in self.session.execute(query):
                card = card_from_columns(row)
                found[card.guid] = card
        return found

    def add_cards(
        self, deck_id: DeckId, cards: Sequence[NewCard], origin: Origin = Origin.USER
    ) -> int:
        """Insert in bulk (one executemany); cards keep their guid or get a fresh one."""
        if not cards:
            return 0
        rows = [
            {
                "deck_id": int(deck_id),
                "guid": card.guid or f"card:{uuid.uuid4()}",
                "front": card.front,
                "back": card.back,
                "tags": card.tags,
                "source": card.source,
                "origin": str(origin),
                "edited_by_user": False,
                "suspended": False,
                "state": int(CardState.NEW),
                "step": 0,
                "reps": 0,
                "lapses": 0,
                "created_at": self.now,
                "modified_at": self.now,
            }
            for card in cards
        ]
        self.session.execute(insert(CardRow), rows)
        return len(rows)

    def update_content(self, card_id: CardId, content: NewCard, *, by_user: bool) -> None:
        values: dict[str, Any] = {
            "front": content.front,
            "front_key": front_sort_key(content.front),
            "back": content.back,
            "tags": content.tags,
            "source": content.source,
            "modified_at": self.now,
        }
        if by_user:
            values["edited_by_user"] = True
        self.session.execute(update(CardRow).where(CardRow.id == int(card_id)).values(**values))

    def set_memory(self, card_id: CardId, memory: Memory) -> None:
        self.session.execute(
            update(CardRow)
            .where(CardRow.id == int(card_id))
            .values(**memory_values(memory), modified_at=self.now)
        )

    # Study queue -------------------------------------------------------------------------

    @property
    def reads(self) -> Reads:
        """The plain-sqlite queries (storage/reads.py) on this session's connection."""
        self.session.flush()  # as an ORM query would: pending changes first
        connection = self.session.connection().connection.driver_connection
        assert connection is not None
        return Reads(connection)

    def queue_counts(self, now: datetime, day_end: datetime) -> dict[DeckId, QueueCounts]:
        """Per deck: all cards, new cards, learning cards due by `now` and review cards
        due before `day_end`."""
        return self.reads.queue_counts(now, day_end)

    def learning_cards(self, deck_id: DeckId, until: datetime) -> list[Card]:
        due = CardRow.state.in_(_LEARNING_STATES), CardRow.due <= until
        return self._queue_query(deck_id, due, None)

    def review_cards(self, deck_id: DeckId, day_end: datetime, limit: int) -> list[Card]:
        """Review cards due before `day_end`: due today, whatever the hour."""
        due = CardRow.state == int(CardState.REVIEW), CardRow.due < day_end
        return self._queue_query(deck_id, due, limit)

    def new_cards(self, deck_id: DeckId, limit: int) -> list[Card]:
        query = (
            select(*CARD_COLUMNS)
            .where(CardRow.deck_id == int(deck_id), CardRow.suspended.is_(False))
            .where(CardRow.state == int(CardState.NEW))
            .order_by(CardRow.id)
            .limit(limit)
        )
        return [card_from_columns(row) for row in self.session.execute(query)]

    def cards_forgotten_on(self, deck_id: DeckId, day: date) -> list[Card]:
        """The deck's cards answered Again on study day `day`, in the order first forgotten."""
        forgotten = (
            select(ReviewRow.card_id)
            .where(ReviewRow.study_day == day.toordinal(), ReviewRow.rating == int(Rating.AGAIN))
        )
        query = (
            select(*CARD_COLUMNS)
            .where(CardRow.deck_id == int(deck_id), CardRow.suspended.is_(False))
            .where(CardRow.id.in_(forgotten))
            .order_by(CardRow.id)
        )
        return [card_from_columns(row) for row in self.session.execute(query)]

    def _queue_query(self, deck_id: DeckId, due: tuple[Any, ...], limit: int | None) -> list[Card]:
        query = (
            select(*CARD_COLUMNS)
            .where(CardRow.deck_id == int(deck_id), CardRow.suspended.is_(False))
            .where(*due)
            .order_by(CardRow.due)
        )
        if limit is not None:
            query = query.limit(limit)
        return [card_from_columns(row) for row in self.session.execute(query)]

    def next_due(self, deck_id: DeckId | None = None) -> datetime | None:
        query = select(func.min(CardRow.due)).where(CardRow.suspended.is_(False), _NOT_NEW)
        if deck_id is not None:
            query = query.where(CardRow.deck_id == int(deck_id))
        return self.session.execute(query).scalar()

    # Reviews -----------------------------------------------------------------------------

    def add_review(self, review: Review, study_day: date | None = None) -> None:
        """Log `review`, made on `study_day` (None: the system's time zone says)."""
        before, after = review.before, review.after
        self.session.execute(
            insert(ReviewRow).values(
                study_day=None if study_day is None else study_day.toordinal(),
                card_id=int(review.card_id),
                rating=int(review.rating),
                reviewed_at=review.reviewed_at,
                duration_ms=review.duration_ms,
                before_state=int(before.state),
                before_step=before.step,
                before_stability=before.stability,
                before_difficulty=before.difficulty,
                before_due=before.due,
                before_last_review=before.last_review,
                before_reps=before.reps,
                before_lapses=before.lapses,
                after_state=int(after.state),
                after_stability=after.stability,
                after_difficulty=after.difficulty,
                after_due=after.due,
            )
        )

    def remove_review(self, review: Review) -> bool:
        """Delete the log entry of `review` (the newest one of that card at that time)."""
        newest = (
            select(ReviewRow.id)
            .where(ReviewRow.card_id == int(review.card_id))
            .where(ReviewRow.reviewed_at == review.reviewed_at)
            .order_by(ReviewRow.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        result = self.session.execute(delete(ReviewRow).where(ReviewRow.id == newest))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def done_today(self, day: date) -> dict[DeckId, DoneToday]:
        """New cards introduced and reviews done per deck on study day `day`."""
        return self.reads.done_today(day)

    def review_count(self, day: date | None = None) -> int:
        """Every review in the log, or those made on study day `day`."""
        if day is not None:
            return self.reads.review_totals(day)[0]
        return int(self.session.execute(select(func.count()).select_from(ReviewRow)).scalar() or 0)

    def cards_by_state(self) -> dict[CardState, int]:
        query = select(CardRow.state, func.count()).group_by(CardRow.state)
        counts = dict.fromkeys(CardState, 0)
        for state, count in self.session.execute(query):
            counts[CardState(state)] = count
        return counts

    def suspended_count(self) -> int:
        query = select(func.count()).select_from(CardRow).where(CardRow.suspended.is_(True))
        return int(self.session.execute(query).scalar() or 0)

    # Settings ----------------------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        row = self.session.get(SettingRow, key)
        return json.loads(row.value) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        self.session.merge(SettingRow(key=key, value=json.dumps(value)))
