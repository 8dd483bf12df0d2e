"""The interview date(s) a plan works towards, and how far ahead a plan reaches.

Stored in the settings as JSON: {"all": "YYYY-MM-DD" | null, "decks": {id: date}}. A deck's
own date wins over the one for all decks.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import NamedTuple

from trainer.core.model import DeckId

INTERVIEW_DATES_KEY = "interview_dates"  # the setting that holds them
MAX_DAYS_AHEAD = 365  # the furthest interview date a plan accepts, in days from today


class InterviewDates(NamedTuple):
    all_decks: date | None = None
    by_deck: Mapping[DeckId, date] = MappingProxyType({})  # read-only: the default is shared

    def for_deck(self, deck_id: DeckId) -> date | None:
        return self.by_deck.get(deck_id, self.all_decks)

    def upcoming(self, today: date) -> list[date]:
        dates = {*self.by_deck.values(), *([self.all_decks] if self.all_decks else [])}
        return sorted(day for day in dates if day >= today)  # an interview today is real


def dates_from_json(value: object) -> InterviewDates:
    """The dates as stored; anything unreadable counts as no date."""
    if not isinstance(value, dict):
        return InterviewDates()
    by_deck = {}
    for key, text in (value.get("decks") or {}).items():
        parsed = _parse(text)
        if parsed is not None:
            by_deck[DeckId(int(key))] = parsed
    return InterviewDates(_parse(value.get("all")), by_deck)


def dates_json(dates: InterviewDates) -> dict[str, object]:
    return {
        "all": dates.all_decks.isoformat() if dates.all_decks else None,
        "decks": {str(int(k)): v.isoformat() for k, v in sorted(dates.by_deck.items())},
    }


def _parse(text: object) -> date | None:
    if not isinstance(text, str):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
