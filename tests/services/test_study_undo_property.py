"""Any sequence of grades, undos, failed saves and waits over a real collection: each card
is in the session once, as stored, and each card's stored memory is the replay of its log."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import select

from tests.conftest import START
from trainer.app import open_services
from trainer.core.cards import Card, Memory, NewCard, Rating
from trainer.core.clock import FixedClock
from trainer.core.model import CardState
from trainer.core.scheduling import Scheduler
from trainer.core.session import Phase
from trainer.storage.card_repository import CardRepository
from trainer.storage.models import ReviewRow
from trainer.storage.review_repository import ReviewRepository


def refuse(self: object, *args: object) -> None:
    raise sqlite3.OperationalError("database is locked")


class StudyMachine(RuleBasedStateMachine):
    """Drives the session as the study screen does: every grade and undo saved first."""

    @initialize(count=st.integers(min_value=1, max_value=3))
    def open_collection(self, count: int) -> None:
        self.folder = Path(tempfile.mkdtemp())
        self.clock = FixedClock(START)
        self.services = open_services(self.folder / "data", self.clock, fuzzing=False)
        cards = [NewCard(front=f"Q{n}", back=f"A{n}") for n in range(count)]
        self.services.card_edits.add_cards("Solo", cards)
        self.deck = self.services.decks.named("Solo")
        self.scheduler = Scheduler(self.deck.options, fuzzing=False)
        self.session = self.services.study.start_session(self.deck.id)

    def teardown(self) -> None:
        if hasattr(self, "services"):
            self.services.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    @precondition(lambda self: self.session.phase is not Phase.FINISHED)
    @rule(rating=st.sampled_from(Rating))
    def grade(self, rating: Rating) -> None:
        self.session.reveal()
        studied = self.session.summary().studied
        self.session.grade(rating, keep=self.services.study.record)
        assert self.session.summary().studied == studied + 1

    @precondition(lambda self: self.session.phase is not Phase.FINISHED)
    @rule(rating=st.sampled_from(Rating), failing=st.sampled_from(["log", "memory"]))
    def grade_not_saved(self, rating: Rating, failing: str) -> None:
        """The log entry or the card's new memory cannot be written: nothing changes."""
        target, name = (
            (ReviewRepository, "add") if failing == "log" else (CardRepository, "set_memory")
        )
        self.session.reveal()
        before = (self.session.cards_left(), self.session.summary())
        with (
            mock.patch.object(target, name, refuse),
            pytest.raises(sqlite3.OperationalError),
        ):
            self.session.grade(rating, keep=self.services.study.record)
        assert (self.session.cards_left(), self.session.summary()) == before
        assert self.session.phase is Phase.ANSWER  # the answer stays for the retry

    @rule()
    def undo(self) -> None:
        self.session.undo(take_back=self.services.study.undo)

    @precondition(lambda self: self.session.summary().studied)  # a grade to take back
    @rule()
    def undo_not_saved(self) -> None:
        before = (self.session.cards_left(), self.session.summary(), self.session.phase)
        locked = mock.patch.object(ReviewRepository, "remove", refuse)
        with locked, pytest.raises(sqlite3.OperationalError):
            self.session.undo(take_back=self.services.study.undo)
        assert (self.session.cards_left(), self.session.summary(), self.session.phase) == before

    @rule(minutes=st.sampled_from([0, 1, 5, 11, 30, 60 * 24]))
    def wait(self, minutes: int) -> None:
        self.clock.advance(timedelta(minutes=minutes))

    @rule()
    def study_again(self) -> None:
        self.session = self.services.study.start_session(self.deck.id)

    @invariant()
    def each_card_is_in_the_session_once_as_stored(self) -> None:
        left = self.session.cards_left()
        assert len({card.id for card in left}) == len(left), [c.id for c in left]
        stored = self.stored_cards()
        for card in left:
            assert card.memory == stored[card.id].memory

    @invariant()
    def each_stored_memory_is_the_replay_of_its_log(self) -> None:
        with self.services.uow() as collection:
            rows = collection.session.scalars(select(ReviewRow).order_by(ReviewRow.id)).all()
            log = [(row.card_id, row) for row in rows]
        for card in self.stored_cards().values():
            memory = Memory()
            for card_id, row in log:
                if card_id != card.id:
                    continue
                assert (CardState(row.before_state), row.before_reps) == (
                    memory.state,
                    memory.reps,
                )
                assert row.before_stability == memory.stability and row.before_due == memory.due
                replayed = self.scheduler.grade(
                    replace(card, memory=memory), Rating(row.rating), row.reviewed_at
                )
                memory = replayed.after
                assert (CardState(row.after_state), row.after_due) == (memory.state, memory.due)
            assert card.memory == memory

    def stored_cards(self) -> dict[object, Card]:
        with self.services.uow() as collection:
            return {card.id: card for card in collection.cards.all(self.deck.id)}


StudyMachine.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_study_session_matches_its_log = StudyMachine.TestCase
