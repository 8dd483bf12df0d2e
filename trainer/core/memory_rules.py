"""Which scheduling values FSRS can use, and the safe value for any other.

A card's memory comes from the database, a .keeper file or an Anki package. Imports of
Keeper's own format refuse a memory that breaks these rules (`memory_problem` names the
field); Anki packages and anything already stored are repaired (`usable_memory`), so
grading, planning and statistics never meet a value FSRS cannot use.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import TypeGuard

from trainer.core.cards import Memory
from trainer.core.model import CardState

# FSRS-6's own bounds (fsrs.scheduler clamps every value it makes to these).
MIN_STABILITY = 0.001
MIN_DIFFICULTY, MAX_DIFFICULTY = 1.0, 10.0
# Far beyond anything FSRS makes (intervals stop at 36,500 days), far below overflow.
MAX_STABILITY = 1_000_000.0
# A card graded a million times is no card; a count near 2**63 overflows SQLite on +1.
MAX_COUNT = 1_000_000
MAX_STEP = 100  # past a deck's last step, FSRS graduates the card (decks allow 20 steps)
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
_NEEDS_MEMORY = (CardState.REVIEW, CardState.RELEARNING)


def memory_problem(memory: Memory) -> tuple[str, str] | None:
    """The first field FSRS cannot use and why, e.g. ('stability', 'must be at least
    0.001'); None when the memory is sound."""
    for name, value in (("stability", memory.stability), ("difficulty", memory.difficulty)):
        if value is not None and not _is_number(value):
            return name, "must be a number or null"
    if memory.stability is not None and not MIN_STABILITY <= memory.stability <= MAX_STABILITY:
        return "stability", f"must be between {MIN_STABILITY} and {MAX_STABILITY:g}"
    difficulty = memory.difficulty
    if difficulty is not None and not MIN_DIFFICULTY <= difficulty <= MAX_DIFFICULTY:
        return "difficulty", f"must be between {MIN_DIFFICULTY:g} and {MAX_DIFFICULTY:g}"
    for name, count, most in (
        ("reps", memory.reps, MAX_COUNT),
        ("lapses", memory.lapses, MAX_COUNT),
        ("step", memory.step, MAX_STEP),
    ):
        if count is None and name == "step":
            continue
        if not _is_integer(count) or not 0 <= count <= most:
            return name, f"must be a whole number from 0 to {most:,}"
    for name, moment in (("due", memory.due), ("last_review", memory.last_review)):
        if moment is not None and not EARLIEST <= moment < LATEST:
            return name, f"must be between {EARLIEST.year} and {LATEST.year}"
    return _state_problem(memory)


def _state_problem(memory: Memory) -> tuple[str, str] | None:
    state = memory.state
    if not isinstance(state, CardState):
        return "state", "must be new, learning, review or relearning"
    if state is not CardState.REVIEW and memory.step is None:
        return "step", f"must be set for a card in {state.name.lower()}"
    if state is CardState.NEW:
        return None  # FSRS takes it as learning: without a memory, it starts afresh
    if state is not CardState.LEARNING:
        for name in ("stability", "difficulty"):
            if getattr(memory, name) is None:
                return name, f"must be set for a card in {state.name.lower()}"
    if memory.due is None:
        return "due", f"must be set for a card in {state.name.lower()}"
    return None


def usable_memory(memory: Memory, now: datetime) -> Memory:
    """`memory` if FSRS can use it; otherwise the nearest memory it can: numbers clamped
    into their bounds, a missing due time now, a missing step the first, and a card in
    review or relearning without a stability or difficulty, or in no known state, new."""
    if memory_problem(memory) is None:
        return memory
    afresh = Memory(reps=_count(memory.reps, MAX_COUNT), lapses=_count(memory.lapses, MAX_COUNT))
    if not isinstance(memory.state, CardState):
        return afresh
    stability = _clamp(memory.stability, MIN_STABILITY, MAX_STABILITY)
    difficulty = _clamp(memory.difficulty, MIN_DIFFICULTY, MAX_DIFFICULTY)
    if memory.state in _NEEDS_MEMORY and (stability is None or difficulty is None):
        return afresh  # (new and learning cards without one: FSRS starts them afresh)
    step = None if memory.state is CardState.REVIEW else _count(memory.step, MAX_STEP)
    return Memory(
        state=memory.state,
        step=step,
        stability=stability,
        difficulty=difficulty,
        due=_moment(memory.due) or (None if memory.state is CardState.NEW else now),
        last_review=_moment(memory.last_review),
        reps=_count(memory.reps, MAX_COUNT),
        lapses=_count(memory.lapses, MAX_COUNT),
    )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_integer(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _clamp(value: float | None, low: float, high: float) -> float | None:
    if value is None or not _is_number(value):
        return None
    return min(max(float(value), low), high)


def _count(value: object, most: int) -> int:
    return min(max(value, 0), most) if _is_integer(value) else 0


def _moment(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return min(max(moment, EARLIEST), LATEST - timedelta(days=1))
