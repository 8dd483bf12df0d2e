"""Stored memories FSRS cannot use (edited by hand, written by an older Keeper), found in
one scan and replaced by the nearest usable memory (`memory_rules.usable_memory`).

Planning reads every card and flags these in the same scan (`UNSOUND`, the SQL twin of
`memory_problem`): it would otherwise divide by a zero stability. Studying and counting
repair what would hide a card (`CardRepository.repair_hidden`: a state Keeper does not
know, a studied card without a due time). A sound collection costs no write.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

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
from trainer.storage.hidden_cards import HIDDEN

_REVIEW, _RELEARNING = int(CardState.REVIEW), int(CardState.RELEARNING)
_EARLIEST, _LATEST = to_micros(EARLIEST), to_micros(LATEST)
# Everything `memory_problem` refuses. No typeof(): SQLite orders text and blobs after
# every number, so the upper bounds catch them too.
UNSOUND = (
    f"{HIDDEN} OR (state != {_REVIEW} AND step IS NULL)"
    f" OR step < 0 OR step > {MAX_STEP} OR step != CAST(step AS INTEGER)"
    f" OR stability < {MIN_STABILITY} OR stability > {MAX_STABILITY}"
    f" OR difficulty < {MIN_DIFFICULTY} OR difficulty > {MAX_DIFFICULTY}"
    f" OR (state IN ({_REVIEW}, {_RELEARNING}) AND (stability IS NULL OR difficulty IS NULL))"
    f" OR reps IS NULL OR reps < 0 OR reps > {MAX_COUNT}"
    f" OR lapses IS NULL OR lapses < 0 OR lapses > {MAX_COUNT}"
    f" OR last_review < {_EARLIEST} OR last_review >= {_LATEST}"
)
_COLUMNS = "id, state, step, stability, difficulty, due, last_review, reps, lapses"


def hidden_cards(session: Session) -> list[int]:
    """The cards a damaged state or due time hides from studying and counting: a scan of
    the queue index, not of the cards (a few milliseconds for 100,000)."""
    return list(session.execute(text(f"SELECT id FROM cards WHERE {HIDDEN}")).scalars())


def repaired_memories(
    session: Session, card_ids: Sequence[int], now: datetime
) -> list[tuple[CardId, Memory]]:
    """For each of these cards whose stored memory FSRS cannot use, the nearest it can."""
    query = text(f"SELECT {_COLUMNS} FROM cards WHERE id = :id AND ({UNSOUND})")
    repaired = []
    for wanted in card_ids:
        row = session.execute(query, {"id": wanted}).first()
        if row is not None:
            card_id, *columns = row
            repaired.append((CardId(card_id), usable_memory(_memory(*columns), now)))
    return repaired


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
