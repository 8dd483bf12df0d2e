"""Cards as the interview plan reads them, and their learning steps answered Good.

Plans read every card of their decks (100,000 and more), so a card is a `PlanCard` tuple
with its times in microseconds since the epoch, as the collection stores them, and its
learning steps are worked out on plain numbers (`Scheduler.formulas`), not fsrs cards.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import NamedTuple

from trainer.core.cards import Card
from trainer.core.clock import from_micros, to_micros
from trainer.core.model import CardId, CardState, DeckId
from trainer.core.scheduling import Formulas

DAY = timedelta(days=1)
DAY_MICROS = DAY // DAY.resolution
MAX_LEARNING_STEPS = 10  # a guard: Good always leaves the learning steps well before this


class PlanCard(NamedTuple):
    """A card as planning reads it: its memory, with times in microseconds since the epoch.

    Not a `Card`: plans read every card of their decks, and making 100,000 cards with two
    datetimes each took longer than planning them.
    """

    id: CardId
    deck_id: DeckId
    state: CardState
    step: int | None
    stability: float | None
    difficulty: float | None
    due: int | None
    last_review: int | None
    suspended: bool = False

    @classmethod
    def of(cls, card: Card) -> PlanCard:
        memory = card.memory
        return cls(
            card.id, card.deck_id, memory.state, memory.step, memory.stability,
            memory.difficulty, _micros(memory.due), _micros(memory.last_review), card.suspended,
        )  # fmt: skip


def _micros(moment: datetime | None) -> int | None:
    return None if moment is None else to_micros(moment)


class Learnt(NamedTuple):
    """A card after Good answers through its (re)learning steps."""

    times: list[datetime]  # of each answer
    state: CardState  # REVIEW, or still learning after MAX_LEARNING_STEPS answers
    step: int | None
    stability: float
    difficulty: float
    due: datetime


def learn(formulas: Formulas, card: PlanCard, start: datetime) -> Learnt:
    """Answer Good through the (re)learning steps, each when it falls due."""
    state, step, stability, difficulty = card.state, card.step, card.stability, card.difficulty
    last = None if card.last_review is None else from_micros(card.last_review)
    times: list[datetime] = []
    when = start
    while True:
        days = math.inf if last is None else (when - last).days
        answer = formulas.learning_good(state, step, stability, difficulty, days)  # type: ignore[arg-type]
        stability, difficulty, wait = answer
        times.append(when)
        last = when
        if wait is None:
            due = when + timedelta(days=formulas.interval(stability))
            return Learnt(times, CardState.REVIEW, None, stability, difficulty, due)
        state = CardState.LEARNING if state is CardState.NEW else state
        step += 1  # type: ignore[operator]
        if len(times) == MAX_LEARNING_STEPS:
            return Learnt(times, state, step, stability, difficulty, when + wait)
        when = max(when, when + wait)
