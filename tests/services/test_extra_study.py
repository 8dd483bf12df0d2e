"""When a deck is done for the day: study ahead, more new cards, the cards forgotten today."""

from __future__ import annotations

from datetime import timedelta

from tests.content.shipped import checklist_finishable_today, offered_builtin_decks
from trainer.core.cards import Rating
from trainer.core.clock import FixedClock
from trainer.core.model import CardState
from trainer.services.services import Services
from trainer.services.study_service import AHEAD, FORGOTTEN, MORE_NEW, ExtraStudy


def checklist(services: Services) -> int:
    checklist_finishable_today(services)
    return next(d.deck_id for d in services.study.overview() if "checklist" in d.name)


def finish(services: Services, deck_id: int, clock: FixedClock, first: Rating) -> list[int]:
    """Study the deck to the end: `first` for each card's first answer, then Easy."""
    session = services.study.start_session(deck_id)
    answered: set[int] = set()
    graded = []
    while session.current is not None:
        card = session.current
        session.reveal()
        rating = Rating.EASY if card.id in answered else first
        answered.add(card.id)
        services.study.record(session.grade(rating))
        graded.append(card.id)
        clock.advance(timedelta(minutes=11))
    return graded


def test_a_finished_deck_offers_its_next_days_new_cards_and_forgotten_ones(
    services: Services, clock: FixedClock
) -> None:
    deck_id = checklist(services)
    # every card offered, each forgotten once (cloze siblings wait for another day)
    cards = len(set(finish(services, deck_id, clock, Rating.AGAIN)))
    assert cards < services.decks.card_count(deck_id)
    assert services.study.start_session(deck_id).current is None  # nothing left today

    forgotten = services.study.start_extra_session(deck_id, ExtraStudy(FORGOTTEN))
    assert forgotten.remaining == cards

    ahead = services.study.start_extra_session(deck_id, ExtraStudy(AHEAD, 30))
    assert ahead.remaining == cards  # all now in review, due within a month
    card = ahead.current
    assert card is not None and card.memory.state is CardState.REVIEW
    assert card.memory.due is not None and card.memory.due > clock()
    ahead.reveal()
    services.study.record(ahead.grade(Rating.GOOD))  # scheduled as usual, from today

    more = services.study.start_extra_session(deck_id, ExtraStudy(MORE_NEW, 10))
    assert more.remaining == 0  # the checklist has no more new cards


def test_more_new_cards_go_past_todays_limit(services: Services, clock: FixedClock) -> None:
    deck = next(d for d in services.decks.decks() if "FAQ" in d.name)
    services.decks.set_options(deck.id, deck.options._replace(new_per_day=15))
    faq = deck.id
    finish(services, faq, clock, Rating.EASY)  # today's 15 new cards
    assert services.study.start_session(faq).current is None
    more = services.study.start_extra_session(faq, ExtraStudy(MORE_NEW, 10))
    # The rest of the deck's new cards, but for the siblings of cloze cards studied today.
    assert more.remaining == offered_builtin_decks()[deck.name] - 15
