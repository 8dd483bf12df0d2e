"""Any memory, however broken, is graded, previewed and planned from the nearest memory FSRS
can use; sound memories pass untouched."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import START
from trainer.core.cards import Card, Memory, Rating
from trainer.core.memory_rules import memory_problem, usable_memory
from trainer.core.model import CardId, CardState, DeckId
from trainer.core.scheduling import Scheduler

NUMBERS = st.one_of(
    st.none(),
    st.sampled_from([0, 0.0, -1.0, 1e-12, 0.5, 11.0, 1e308, 2**63 - 1, math.nan, math.inf]),
    st.floats(allow_nan=True, allow_infinity=True),
)
COUNTS = st.one_of(st.none(), st.integers(min_value=-(2**63), max_value=2**63 - 1))
TIMES = st.one_of(
    st.none(),
    st.datetimes(timezones=st.just(UTC)),
    st.sampled_from([datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)]),
)
MEMORIES = st.builds(
    Memory,
    state=st.sampled_from(CardState),
    step=COUNTS,
    stability=NUMBERS,
    difficulty=NUMBERS,
    due=TIMES,
    last_review=TIMES,
    reps=COUNTS,
    lapses=COUNTS,
)
SCHEDULER = Scheduler(fuzzing=False)


@settings(max_examples=300, deadline=None)
@given(memory=MEMORIES, rating=st.sampled_from(Rating))
def test_any_memory_is_graded_from_a_usable_one(memory: Memory, rating: Rating) -> None:
    usable = usable_memory(memory, START)
    assert memory_problem(usable) is None
    card = Card(CardId(1), DeckId(1), "front", "back", memory=memory)
    review = SCHEDULER.grade(card, rating, START)
    assert review.before == memory  # kept as it was, so undo restores it exactly
    assert memory_problem(review.after) is None
    assert review.after.due is not None and review.after.due > START
    assert all(delta > timedelta(0) for delta in SCHEDULER.preview(card, START).values())


def test_a_sound_memory_is_kept_as_it_is() -> None:
    sound = Memory(CardState.REVIEW, None, 12.5, 4.2, START, START - timedelta(days=9), 4, 1)
    assert memory_problem(sound) is None
    assert usable_memory(sound, START) is sound
    assert usable_memory(Memory(), START) == Memory()


def test_what_each_repair_gives() -> None:
    review = Memory(CardState.REVIEW, None, 0.0, 0.0, None, None, -3, 2**63 - 1)
    assert memory_problem(review) == ("stability", "must be between 0.001 and 1e+06")
    assert usable_memory(review, START) == Memory(
        CardState.REVIEW, None, 0.001, 1.0, START, None, 0, 1_000_000
    )
    no_memory = Memory(CardState.RELEARNING, 0, None, 5.0, START, START, 3, 1)
    assert memory_problem(no_memory) == ("stability", "must be set for a card in relearning")
    assert usable_memory(no_memory, START) == Memory(reps=3, lapses=1)
    no_step = Memory(CardState.LEARNING, None, 2.0, 5.0, None, START, 1, 0)
    assert memory_problem(no_step) == ("step", "must be set for a card in learning")
    assert usable_memory(no_step, START).step == 0
