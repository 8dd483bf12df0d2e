"""A Keeper export's review history in an Anki package: each card's reviews as Anki's
review log, and its memory as Anki's scheduling columns, on the Anki card made from it.

genanki writes every card new; this fills in, after it, the cards that were studied. A
cloze card's history goes to the Anki card of its gap (ord = gap - 1), so siblings keep
their own history. The collection's day count starts at its `crt`, as Anki's does.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from trainer.core.cards import Memory
from trainer.core.model import CardState
from trainer.exchange.bundle import Bundle, BundleCard

# Anki's card types and queues, and review log kinds (pylib/anki/consts.py).
_TYPE_QUEUE = {CardState.LEARNING: (1, 1), CardState.REVIEW: (2, 2), CardState.RELEARNING: (3, 1)}
_LOG_KIND = {CardState.NEW: 0, CardState.LEARNING: 0, CardState.REVIEW: 1, CardState.RELEARNING: 2}
_DEFAULT_EASE = 2500

Place = Callable[[BundleCard], tuple[str, int]]  # a card's (Anki note guid, card ord)


def write_history(connection: sqlite3.Connection, bundle: Bundle, place: Place) -> None:
    """Scheduling for each studied card and its reviews as revlog rows."""
    studied = {card.guid: card for card in bundle.cards if card.memory is not None}
    if not studied and not bundle.reviews:
        return
    cards = {
        (guid, ordinal): card_id
        for card_id, guid, ordinal in connection.execute(
            "SELECT cards.id, notes.guid, cards.ord FROM cards JOIN notes ON notes.id = cards.nid"
        )
    }
    created = datetime.fromtimestamp(connection.execute("SELECT crt FROM col").fetchone()[0], UTC)
    anki_id = {card.guid: cards.get(place(card)) for card in bundle.cards}
    for guid, card in studied.items():
        card_id = anki_id.get(guid)
        if card_id is not None and card.memory is not None:
            _schedule(connection, card_id, card.memory, created)
    used: set[int] = set()
    rows = []
    for review in sorted(bundle.reviews, key=lambda r: r.reviewed_at):
        card_id = anki_id.get(review.card_guid)
        if card_id is None:
            continue
        log_id = int(review.reviewed_at.timestamp() * 1000)
        while log_id in used:  # revlog ids are unique: two grades in one millisecond
            log_id += 1
        used.add(log_id)
        rows.append((
            log_id, card_id, -1, int(review.rating), _interval(review.after, review.reviewed_at),
            _interval(review.before, review.reviewed_at), _DEFAULT_EASE, review.duration_ms,
            _LOG_KIND[review.before.state],
        ))  # fmt: skip
    connection.executemany("INSERT INTO revlog VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _schedule(
    connection: sqlite3.Connection, card_id: int, memory: Memory, created: datetime
) -> None:
    if memory.state is CardState.NEW or memory.due is None:
        return
    kind, queue = _TYPE_QUEUE[memory.state]
    if memory.state is CardState.REVIEW:
        due = (memory.due - created).days  # days since the collection began
    else:
        due = int(memory.due.timestamp())  # learning: a moment
    last = memory.last_review or memory.due
    data = {}
    if memory.stability is not None and memory.difficulty is not None:
        data = {"s": round(memory.stability, 4), "d": round(memory.difficulty, 4)}
    connection.execute(
        "UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, factor = ?, reps = ?,"
        " lapses = ?, data = ? WHERE id = ?",
        (
            kind, queue, due, max(0, (memory.due - last).days), _DEFAULT_EASE, memory.reps,
            memory.lapses, json.dumps(data) if data else "", card_id,
        ),
    )  # fmt: skip


def _interval(memory: Memory, at: datetime) -> int:
    """Anki's interval: days when positive, seconds when negative (learning steps)."""
    if memory.due is None:
        return 0
    seconds = int((memory.due - at).total_seconds())
    return seconds // 86_400 if seconds >= 86_400 else -max(seconds, 1)
