"""The cloze cards buried today, as SQL that the home screen's counts and the study queue
share, so both agree (as Anki buries siblings: the gaps of one text give each other away).

Of a note's new cards and reviews due today, one is offered (a review first, then the
oldest); none when a card of the note was graded today or is still learning. Only cards
with a note guid are read (the partial index `ix_cards_note`).
"""

from __future__ import annotations

from datetime import date, datetime

from trainer.core.model import CardState
from trainer.storage.codecs import to_micros

_NEW, _LEARNING, _REVIEW, _RELEARNING = (int(state) for state in CardState)

# Parameters: the study day's ordinal, the day's end (micros), twice.
BURIED_IDS = f"""
SELECT id FROM (
    SELECT id, note_guid,
           row_number() OVER (PARTITION BY note_guid ORDER BY state DESC, id) AS rank
    FROM cards
    WHERE note_guid != '' AND suspended = 0
      AND (state = {_NEW} OR (state = {_REVIEW} AND due < :day_end))
)
WHERE rank > 1 OR note_guid IN (
    SELECT cards.note_guid FROM reviews JOIN cards ON cards.id = reviews.card_id
    WHERE reviews.study_day = :day AND cards.note_guid != ''
    UNION
    SELECT note_guid FROM cards
    WHERE note_guid != '' AND suspended = 0 AND state IN ({_LEARNING}, {_RELEARNING})
)
"""


def bury_parameters(day: date, day_end: datetime) -> dict[str, int]:
    return {"day": day.toordinal(), "day_end": to_micros(day_end)}
