"""A big import's fast paths against the slow reference: the same collection, row for row.

The import replays each card's Anki review log on plain numbers (`Scheduler.replay_steps`)
and stores the reviews from the bundle's records in bulk. The reference replays each grade
through `Scheduler.grade` (fsrs itself) and logs each review through the ORM one at a time,
the way a grade in a study session is logged. A package made by the `anki` package holds
every kind of history an import meets.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import START
from tests.exchange.anki_helpers import add_note, anki_collection_at, export_package
from trainer.app import open_services
from trainer.core.cards import Card, Graded, Rating, Review
from trainer.core.clock import FixedClock
from trainer.core.history_replay import Replayed
from trainer.core.model import CardId, DeckId
from trainer.core.scheduling import Scheduler, with_memory
from trainer.storage.review_repository import ReviewRepository

DAY_MS = 86_400_000
MINUTE_MS = 60_000
# (revlog type, ease, interval, factor, milliseconds since the entry before); type 4 is a
# manual entry: ease 0 and interval 0 is "Forget", anything else a reschedule.
HISTORIES: dict[str, list[tuple[int, int, int, int, int]]] = {
    "never studied": [],
    "learning": [(0, 1, -60, 0, 0), (0, 3, -600, 0, MINUTE_MS)],
    "lapses and relearning": [
        (0, 3, -600, 0, 0), (0, 3, 1, 0, 10 * MINUTE_MS), (1, 3, 4, 2500, DAY_MS),
        (1, 1, -600, 2300, 5 * DAY_MS), (2, 2, -600, 2300, 10 * MINUTE_MS),
        (2, 3, 1, 2300, 20 * MINUTE_MS), (1, 4, 9, 2450, 2 * DAY_MS),
        (1, 1, -600, 2250, 40 * DAY_MS), (2, 3, 2, 2250, 30 * MINUTE_MS),
    ],
    "forgotten, then studied again": [
        (0, 3, 1, 0, 0), (1, 3, 5, 2500, DAY_MS), (4, 0, 0, 0, 3 * DAY_MS),
        (0, 4, 4, 0, DAY_MS), (1, 2, 6, 2350, 4 * DAY_MS),
    ],
    "manually rescheduled": [
        (0, 3, 1, 0, 0), (4, 0, 30, 2500, 2 * DAY_MS), (1, 3, 50, 2500, 30 * DAY_MS),
    ],
    "crammed": [
        (0, 3, 1, 0, 0), (3, 1, 0, 0, DAY_MS), (3, 3, 3, 2500, MINUTE_MS),
        (1, 3, 8, 2500, 3 * DAY_MS),
    ],
    "same day, many times": [(0, 1 + n % 4, -60, 0, 61_000) for n in range(10)],
    "years apart": [(0, 4, 4, 0, 0), (1, 3, 300, 2500, 900 * DAY_MS), (1, 1, -600, 2300, 1)],
}  # fmt: skip
# (card type, queue, FSRS data) given to the cards of each history that has reviews
SCHEDULES = [
    (2, 2, ""),  # in review
    (2, -1, ""),  # suspended
    (2, -2, ""),  # buried by the user
    (2, -3, ""),  # buried with a sibling
    (1, 1, ""),  # learning
    (3, 1, ""),  # relearning
    (2, 2, '{"s": 12.5, "d": 6.25}'),  # Anki's own FSRS memory
]


def build_package(tmp_path: Path) -> Path:
    with anki_collection_at(tmp_path / "anki" / "collection.anki2") as collection:
        for number in range(len(HISTORIES) * len(SCHEDULES)):
            deck = f"History::Part {number % 3}"
            fields = {"Front": f"question {number}", "Back": f"answer <b>{number}</b>"}
            add_note(collection, "Basic", deck, fields, tags=[f"t{number % 4}"])
        card_ids = collection.db.list("SELECT id FROM cards ORDER BY id")
        start_ms = int((START - timedelta(days=1200)).timestamp() * 1000)
        histories = list(HISTORIES.values())
        for index, card_id in enumerate(card_ids):
            history = histories[index % len(histories)]
            kind, queue, data = SCHEDULES[index // len(histories) % len(SCHEDULES)]
            stamp = start_ms + index * 977
            for entry_kind, ease, interval, factor, gap_ms in history:
                stamp += gap_ms + 1  # revlog ids are unique milliseconds
                collection.db.execute(
                    "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
                    " VALUES (?, ?, -1, ?, ?, 0, ?, ?, ?)",
                    stamp, card_id, ease, interval, factor, 3_000 + index, entry_kind,
                )  # fmt: skip
            if history:
                due = 1_000 + index if kind == 2 else stamp // 1000 + 600
                collection.db.execute(
                    "UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, factor = 2500,"
                    " reps = ?, lapses = 1, data = ? WHERE id = ?",
                    kind, queue, due, 3 + index % 20, len(history), data, card_id,
                )  # fmt: skip
        return export_package(collection, tmp_path / "history.apkg", legacy=False, scheduling=True)


def replay_one_grade_at_a_time(
    self: Scheduler, grades: Iterable[tuple[Rating, datetime, int]]
) -> list[Replayed]:
    card = Card(CardId(0), DeckId(0), "", "")
    steps: list[Replayed] = []
    for rating, when, duration_ms in grades:
        review = self.grade(card, rating, when, duration_ms)
        steps.append((review.rating, when, review.duration_ms, review.before, review.after))
        card = with_memory(card, review.after)
    return steps


def log_one_review_at_a_time(
    self: ReviewRepository, history: list[tuple[CardId, Graded]], done: object = None
) -> None:
    for card_id, graded in history:
        self.add(Review(card_id, graded.rating, graded.reviewed_at, graded.duration_ms,
                        graded.before, graded.after, graded.guid))  # fmt: skip


def tables(folder: Path) -> dict[str, list[tuple[object, ...]]]:
    """Cards, decks and the review log as stored (review guids are random: left out)."""
    queries = {
        "cards": "SELECT * FROM cards ORDER BY id",
        "decks": "SELECT * FROM decks ORDER BY id",
        "reviews": "SELECT * FROM reviews ORDER BY id",
        "counts": "SELECT * FROM deck_card_counts ORDER BY deck_id, suspended, state",
    }
    with closing(sqlite3.connect(folder / "collection.sqlite3")) as connection:
        found = {name: connection.execute(sql).fetchall() for name, sql in queries.items()}
        names = [row[1] for row in connection.execute("PRAGMA table_info(reviews)")]
    guid = names.index("guid")
    found["reviews"] = [row[:guid] + row[guid + 1 :] for row in found["reviews"]]
    return found


def imported(package: Path, folder: Path) -> dict[str, list[tuple[object, ...]]]:
    services = open_services(folder, FixedClock(START), fuzzing=False)
    try:
        before = tables(folder)
        report = services.exchange.import_file(package)
        after = tables(folder)
        services.undo.undo()
        assert tables(folder) == before  # undo takes back exactly what the import added
    finally:
        services.close()
    assert report.added == len(HISTORIES) * len(SCHEDULES) and report.reviews > 200
    return after


def test_the_fast_import_stores_what_the_slow_reference_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = build_package(tmp_path)
    fast = imported(package, tmp_path / "fast")

    monkeypatch.setattr(Scheduler, "replay_steps", replay_one_grade_at_a_time)
    monkeypatch.setattr(ReviewRepository, "add_history", log_one_review_at_a_time)
    slow = imported(package, tmp_path / "slow")

    assert fast == slow
    reviews = fast["reviews"]  # (id, card_id, ..., after_state, 4 more): guid left out
    assert len({row[1] for row in reviews}) == (len(HISTORIES) - 1) * len(SCHEDULES)
    assert {row[-5] for row in reviews} == {1, 2, 3}  # learning, review, relearning
