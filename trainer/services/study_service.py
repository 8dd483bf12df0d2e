"""Studying: what is due, starting a session, and keeping every grade (and its undo)."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from trainer.core.clock import Clock
from trainer.core.interview_dates import INTERVIEW_DATES_KEY
from trainer.core.model import Deck, DeckId
from trainer.core.queue import DeckOverview, DoneToday, QueueCounts, allowance, build_queue
from trainer.core.queue import overview as deck_overview
from trainer.core.study_days import study_date, study_day_end
from trainer.services.undo import UndoHistory
from trainer.services.unit_of_work import UnitOfWork

if TYPE_CHECKING:  # studying loads fsrs and SQLAlchemy; the home screen's counts need neither
    from trainer.core.cards import Card, Review
    from trainer.core.scheduling import Scheduler
    from trainer.core.session import StudySession
    from trainer.services.plan_service import PlanService
    from trainer.services.study_run import StudyRun
    from trainer.storage.collection import Collection


AHEAD = "ahead"  # reviews due in the next `amount` days
MORE_NEW = "more-new"  # `amount` new cards beyond today's limit
FORGOTTEN = "forgotten"  # the cards answered Again today


class ExtraStudy(NamedTuple):
    kind: str  # AHEAD, MORE_NEW or FORGOTTEN
    amount: int = 0  # days ahead, or new cards (not `count`: a tuple method)


class StudyService:
    """A review card is due for the whole study day holding its due time (in `zone`, None:
    the system's); learning cards are due to the minute."""

    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        *,
        fuzzing: bool = True,
        zone: tzinfo | None = None,
        undo: UndoHistory | None = None,
        plan: PlanService | None = None,
    ) -> None:
        """`plan`: decks with an upcoming interview study the plan's reviews, not whatever
        fell due (the planner itself is loaded only once an interview date is set)."""
        self._uow = uow
        self._clock = clock
        self._fuzzing = fuzzing
        self.zone = zone
        self.undo_queue = undo if undo is not None else UndoHistory(uow)
        self._plan = plan

    def overview(self, planned: bool = True) -> list[DeckOverview]:
        """Every deck with its card count and what is left to study today (`planned`: with
        an interview date, today's reviews as the day's plan has them; else as due)."""
        now = self._clock()
        with self._uow.reads() as reads:  # plain sqlite: the first window paints sooner
            day = study_date(now, self.zone)
            counts = reads.queue_counts(now, study_day_end(now, self.zone), day)
            done = reads.done_today(day)
            decks = reads.decks()
            dated = self._plan is not None and reads.settings.get(INTERVIEW_DATES_KEY)
        if planned and dated and self._plan is not None:  # the planner loads once a date is set
            for deck_id, reviews in self._plan.todays_counts().items():
                counts[deck_id] = counts.get(deck_id, QueueCounts())._replace(review_due=reviews)
        return [
            deck_overview(
                deck.id,
                deck.name,
                counts.get(deck.id, QueueCounts()),
                deck.options,
                done.get(deck.id, DoneToday()),
            )
            for deck in decks
        ]

    def start_session(self, deck_id: DeckId | None = None) -> StudySession:
        """A session over one deck, or all decks, within each deck's daily limits."""
        from trainer.core.cloze_cards import bury_siblings
        from trainer.core.session import LEARN_AHEAD, StudySession

        now = self._clock()
        with self._uow() as collection:
            collection.cards.repair_hidden()  # a card in review without a due time shows up
            decks = collection.decks.all()
            if deck_id is not None:
                decks = [deck for deck in decks if deck.id == deck_id]
            today = study_date(now, self.zone)
            done = collection.queue.done_today(today)
            day_end = study_day_end(now, self.zone)
            learning: list[Card] = []
            reviews: list[Card] = []
            new: list[Card] = []
            for deck in decks:
                left = allowance(deck.options, done.get(deck.id, DoneToday()))
                learning += collection.queue.learning_cards(deck.id, now + LEARN_AHEAD)
                reviews += collection.queue.review_cards(
                    deck.id, day_end, left.reviews, (today, day_end)
                )
                new += collection.queue.new_cards(deck.id, left.new, (today, day_end))
            if self._plan is not None:
                reviews = self._plan.todays_reviews(collection, decks, now, reviews)
            schedulers = self._schedulers(collection, decks)
            studied = collection.queue.notes_studied_on(today)
        learning.sort(key=lambda card: card.memory.due)  # type: ignore[arg-type,return-value]
        reviews.sort(key=lambda card: card.memory.due)  # type: ignore[arg-type,return-value]
        return StudySession(
            build_queue(learning, *bury_siblings(learning, reviews, new, studied)),
            scheduler_for=lambda card: schedulers[card.deck_id],
            clock=self._clock,
        )

    def start_extra_session(self, deck_id: DeckId | None, extra: ExtraStudy) -> StudySession:
        """Beyond today's queue, as Anki's custom study: the reviews of the next days
        (study ahead), more new cards than today's limit, or the cards forgotten today.
        The cards are scheduled as usual, so studying ahead shortens their intervals."""
        from trainer.core.cloze_cards import bury_siblings
        from trainer.core.session import StudySession

        now = self._clock()
        with self._uow() as collection:
            decks = [d for d in collection.decks.all() if deck_id is None or d.id == deck_id]
            until = study_day_end(now, self.zone) + timedelta(days=extra.amount)
            today = study_date(now, self.zone)
            reviews: list[Card] = []
            new: list[Card] = []
            for deck in decks:
                if extra.kind == AHEAD:
                    reviews += collection.queue.review_cards(deck.id, until, 10_000)
                elif extra.kind == MORE_NEW:
                    buried = (today, study_day_end(now, self.zone))
                    new += collection.queue.new_cards(deck.id, extra.amount - len(new), buried)
                else:
                    reviews += collection.queue.forgotten_on(deck.id, today)
            if extra.kind == AHEAD:
                reviews.sort(key=lambda card: card.memory.due)  # type: ignore[arg-type,return-value]
            if extra.kind != MORE_NEW:  # reviews asked for by hand: none is buried
                queue = build_queue([], reviews, new)
            else:
                studied = collection.queue.notes_studied_on(today)
                queue = build_queue([], *bury_siblings([], reviews, new, studied))
            schedulers = self._schedulers(collection, decks)
        return StudySession(
            queue, scheduler_for=lambda card: schedulers[card.deck_id], clock=self._clock
        )

    def record(self, review: Review) -> None:
        """Keep a grade: the log entry and the card's new memory, in one transaction."""
        with self._uow() as collection:
            collection.reviews.add(review, study_date(review.reviewed_at, self.zone))
            collection.cards.set_memory(review.card_id, review.after)

    def undo(self, review: Review) -> None:
        """Take a grade back exactly: its log entry goes, the card's memory is restored."""
        with self._uow() as collection:
            self.take_back(collection, review)

    @staticmethod
    def take_back(collection: Collection, review: Review) -> None:
        """`undo` inside the caller's transaction (an undo step's revert)."""
        collection.reviews.remove(review)
        collection.cards.set_memory(review.card_id, review.before)

    def run(self, session: StudySession) -> StudyRun:
        """The flow of `session`: grades kept, each one step on the one undo queue."""
        from trainer.services.study_run import StudyRun

        return StudyRun(session, self, self.undo_queue)

    def clock_behind(self) -> datetime | None:
        """The newest review's time when the clock reads earlier (set back, or a wrong
        date), else None: today's figures then count today's study day only."""
        now = self._clock()
        with self._uow.reads() as reads:
            newest = reads.reviews.newest()
        return newest if newest is not None and newest > now else None

    def next_due(self, deck_id: DeckId | None = None) -> datetime | None:
        """When the next card (of one deck, or of any) falls due."""
        with self._uow() as collection:
            return collection.queue.next_due(deck_id)

    def _schedulers(self, collection: Collection, decks: list[Deck]) -> dict[DeckId, Scheduler]:
        from trainer.services.schedulers import deck_schedulers

        return deck_schedulers(collection.settings, decks, fuzzing=self._fuzzing, zone=self.zone)
