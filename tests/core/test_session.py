"""The study session state machine, with a fixed clock and no FSRS fuzz."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import START
from trainer.core.cards import Card, Rating
from trainer.core.clock import FixedClock
from trainer.core.model import CardId, CardState, DeckId
from trainer.core.scheduling import Scheduler
from trainer.core.session import MAX_ANSWER_TIME, Phase, StudySession


def cards(count: int) -> list[Card]:
    return [
        Card(id=CardId(n), deck_id=DeckId(1), front=f"Q{n}", back=f"A{n}") for n in range(count)
    ]


def session_over(count: int, clock: FixedClock) -> StudySession:
    scheduler = Scheduler(fuzzing=False)
    return StudySession(cards(count), scheduler_for=lambda _card: scheduler, clock=clock)


def test_a_card_is_shown_question_first_and_cannot_be_graded_before_reveal() -> None:
    session = session_over(2, FixedClock(START))
    assert session.phase is Phase.QUESTION
    assert session.current is not None and session.current.front == "Q0"
    with pytest.raises(RuntimeError):
        session.grade(Rating.GOOD)
    session.reveal()
    assert session.phase is Phase.ANSWER


def test_good_moves_to_the_next_card_and_easy_cards_leave_the_session() -> None:
    clock = FixedClock(START)
    session = session_over(2, clock)
    session.reveal()
    review = session.grade(Rating.EASY)
    assert review.after.state is CardState.REVIEW
    assert session.current is not None and session.current.front == "Q1"
    assert session.remaining == 1


def test_a_learning_card_comes_back_within_the_session_when_due() -> None:
    clock = FixedClock(START)
    session = session_over(1, clock)
    session.reveal()
    session.grade(Rating.AGAIN)  # back in one minute
    # Nothing else is left, so the card is shown again (learn-ahead) rather than ending.
    assert session.phase is Phase.QUESTION
    assert session.current is not None and session.current.front == "Q0"
    assert session.current.memory.state is CardState.LEARNING


def test_undo_shows_the_card_again_as_it_was_and_returns_the_review() -> None:
    clock = FixedClock(START)
    session = session_over(3, clock)
    session.reveal()
    graded = session.grade(Rating.GOOD)
    undone = session.undo()
    assert undone == graded
    assert session.current is not None
    assert session.current.front == "Q0"
    assert session.current.memory.state is CardState.NEW
    assert session.phase is Phase.QUESTION
    assert session.remaining == 3
    assert session.summary().studied == 0


def test_undo_with_nothing_to_undo_does_nothing() -> None:
    session = session_over(1, FixedClock(START))
    assert session.undo() is None
    assert session.current is not None


def test_summary_counts_cards_again_rate_and_time_capped_per_card() -> None:
    clock = FixedClock(START)
    session = session_over(3, clock)
    for rating, seconds in ((Rating.AGAIN, 5), (Rating.EASY, 600), (Rating.EASY, 10)):
        clock.advance(timedelta(seconds=seconds))
        session.reveal()
        session.grade(rating)
        if rating is Rating.AGAIN:
            # the failed card returns in a minute; the remaining two come first
            assert session.current is not None and session.current.front == "Q1"
    summary = session.summary()
    assert summary.studied == 3
    assert summary.again == 1
    assert summary.again_rate == pytest.approx(1 / 3)
    assert summary.seconds == pytest.approx(5 + MAX_ANSWER_TIME.total_seconds() + 10)


def test_the_session_finishes_when_every_card_is_done() -> None:
    session = session_over(1, FixedClock(START))
    session.reveal()
    session.grade(Rating.EASY)
    assert session.phase is Phase.FINISHED
    assert session.current is None
    assert session.remaining == 0


def test_undo_of_a_card_shown_again_by_learn_ahead_leaves_it_once() -> None:
    session = session_over(1, FixedClock(START))
    session.reveal()
    session.grade(Rating.GOOD)  # due in 10 minutes, nothing else left: shown again at once
    session.undo()
    assert [card.memory.state for card in session.cards_left()] == [CardState.NEW]
    assert session.remaining == 1


def test_a_grade_that_cannot_be_kept_changes_nothing_and_can_be_retried() -> None:
    session = session_over(2, FixedClock(START))
    session.reveal()

    def full_disk(_review: object) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError):
        session.grade(Rating.GOOD, keep=full_disk)
    assert session.phase is Phase.ANSWER
    assert [card.front for card in session.cards_left()] == ["Q0", "Q1"]
    assert session.summary().studied == 0
    kept: list[object] = []
    session.grade(Rating.GOOD, keep=kept.append)
    assert len(kept) == 1 and session.summary().studied == 1
