"""Stored memories FSRS cannot use (edited by hand, written by an older Keeper), found in
one scan and replaced by the nearest usable memory (`memory_rules.usable_memory`).

Run before studying and planning, which would otherwise divide by a zero stability or
never show a card in review without a due time. The query says in SQL what
`memory_problem` says in Python; a sound collection costs one scan and no write.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import text

from trainer.core.cards import Memory
from trainer.core.memory_rules import (
    EARLIEST,
    LATEST,
    MAX_COUNT,
    MAX_DIFFICULTY,
    MAX_STABILITY,
    MAX_STEP,
    MIN_DIFFICULTY,
    MIN_STABILITY,
    usable_memory,
)
from trainer.core.model import CardId, CardState
from trainer.storage.codecs import from_micros, to_micros
from trainer.storage.collection import Collection

_NEW, _REVIEW, _RELEARNING = int(CardState.NEW), int(CardState.REVIEW), int(CardState.RELEARNING)
_UNSOUND = text(
    "SELECT id, state, step, stability, difficulty, due, last_review, reps, lapses FROM cards"
    f" WHERE state NOT IN ({', '.join(str(int(state)) for state in CardState)})"
    f" OR (state != {_REVIEW} AND step IS NULL)"
    f" OR step < 0 OR step > {MAX_STEP} OR typeof(step) NOT IN ('integer', 'null')"
    f" OR stability < {MIN_STABILITY} OR stability > {MAX_STABILITY}"
    " OR typeof(stability) NOT IN ('real', 'integer', 'null')"
    f" OR difficulty < {MIN_DIFFICULTY} OR difficulty > {MAX_DIFFICULTY}"
    " OR typeof(difficulty) NOT IN ('real', 'integer', 'null')"
    f" OR (state IN ({_REVIEW}, {_RELEARNING}) AND (stability IS NULL OR difficulty IS NULL))"
    f" OR (state != {_NEW} AND due IS NULL)"
    f" OR reps IS NULL OR reps < 0 OR reps > {MAX_COUNT} OR typeof(reps) != 'integer'"
    f" OR lapses IS NULL OR lapses < 0 OR lapses > {MAX_COUNT} OR typeof(lapses) != 'integer'"
    " OR due < :earliest OR due >= :latest OR typeof(due) NOT IN ('integer', 'null')"
    " OR last_review < :earliest OR last_review >= :latest"
    " OR typeof(last_review) NOT IN ('integer', 'null')"
)


def repair_memories(collection: Collection) -> int:
    """Give every card whose stored memory FSRS cannot use the nearest one it can;
    returns how many were repaired."""
    bounds = {"earliest": to_micros(EARLIEST), "latest": to_micros(LATEST)}
    rows = collection.session.execute(_UNSOUND, bounds).all()
    for card_id, *columns in rows:
        collection.set_memory(CardId(card_id), usable_memory(_memory(*columns), collection.now))
    return len(rows)


def _memory(
    state: Any, step: Any, stability: Any, difficulty: Any, due: Any, last: Any, reps: Any,
    lapses: Any,
) -> Memory:  # fmt: skip
    """The row as it is: `usable_memory` judges every value, whatever its type."""
    known = {int(s): s for s in CardState}
    return Memory(
        state=known.get(state, state),
        step=step,
        stability=stability,
        difficulty=difficulty,
        due=_time(due),
        last_review=_time(last),
        reps=reps,
        lapses=lapses,
    )


def _time(micros: Any) -> datetime | None:
    if not isinstance(micros, int):
        return None
    try:
        return from_micros(micros)
    except OverflowError:
        return None
