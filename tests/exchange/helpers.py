"""Helpers for exchange tests: studying a little, and a snapshot of a whole collection."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from trainer.core.cards import Rating
from trainer.core.clock import FixedClock
from trainer.core.stories import Story
from trainer.services.services import Services


def study(services: Services, clock: FixedClock, ratings: list[Rating], days: int = 2) -> int:
    """Grade cards for a few days with the given ratings; returns how many grades were kept."""
    kept = 0
    for _day in range(days):
        session = services.study.start_session()
        for rating in ratings:
            if session.current is None:
                break
            session.reveal()
            services.study.record(session.grade(rating))
            kept += 1
            clock.advance(timedelta(seconds=20))
        clock.advance(timedelta(days=1))
    return kept


def story(title: str, decision: str = "I decided to cut the launch scope by half.") -> Story:
    return Story(
        id=None,
        title=title,
        questions="Tell me about a failure.",
        situation="We had six weeks before the trade show.",
        decision=decision,
        risk="Fewer features for the press demo.",
        outcome="Sign-ups fell 8% in two weeks.",
        post_mortem="I trusted one survey and ignored the churn data I already had.",
        changes="I now check two sources before cutting scope.",
        tags=("launch",),
    )


def snapshot(services: Services) -> dict[str, Any]:
    """Everything an import could change, keyed so two collections compare by content."""
    with services.uow() as collection:
        decks = {deck.id: deck.name for deck in collection.decks.all()}
        cards = collection.cards.all()
        guids = {card.id: card.guid for card in cards}
        return {
            "decks": sorted(decks.values()),
            "cards": sorted(
                (decks[c.deck_id], c.guid, c.front, c.back, c.tags, c.source, c.memory, c.suspended)
                for c in cards
            ),  # fmt: skip
            "reviews": [
                (guids[r.card_id], r.rating, r.reviewed_at, r.duration_ms, r.before, r.after)
                for r in collection.reviews.of_decks(None)
            ],
            "stories": sorted(
                (s.title, s.situation, s.decision, s.outcome, s.tags)
                for s in collection.stories.all()
            ),
        }
