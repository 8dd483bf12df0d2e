"""A realistic large collection for the benchmark: N cards over 20 decks, with tags and history.

Written straight through the schema in bulk (executemany), so making 100,000 cards and a
million review rows takes seconds. The collection opens like any user's.
"""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

from trainer.app import DATABASE_FILE, open_services
from trainer.core.browse import front_sort_key
from trainer.core.clock import FixedClock
from trainer.storage.types import encode_tags, from_micros, to_micros

DECKS = 20
WORDS = [
    "talent",
    "density",
    "keeper",
    "test",
    "context",
    "control",
    "candor",
    "judgment",
    "freedom",
    "responsibility",
    "pricing",
    "launch",
    "churn",
    "retention",
    "acquisition",
    "positioning",
    "segment",
    "funnel",
    "campaign",
    "brand",
    "metric",
    "revenue",
    "trial",
    "subscriber",
    "market",
    "region",
    "partner",
    "creative",
    "insight",
    "narrative",
    "risk",
]
TAGS = ("culture", "mistake", "faq", "checklist", "pricing", "launch", "metrics", "story")


def generate(data_dir: Path, cards: int, reviews_per_card: int = 15, seed: int = 7) -> Path:
    """Create the collection in `data_dir`; returns the database path."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    services = open_services(data_dir, FixedClock(now))  # schema and built-in decks
    services.close()
    path = data_dir / DATABASE_FILE
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA synchronous = OFF")
        created = to_micros(now - timedelta(days=400))
        db.executemany(
            "INSERT INTO decks (guid, name, description, origin, new_per_day, reviews_per_day,"
            " desired_retention, learning_steps, relearning_steps, created_at)"
            " VALUES (?, ?, '', 'user', 20, 200, 0.9, '60 600', '600', ?)",
            [(f"bench-deck-{n}", f"Bench deck {n:02d}", created) for n in range(DECKS)],
        )
        deck_ids = [row[0] for row in db.execute("SELECT id FROM decks WHERE guid LIKE 'bench-%'")]
        card_rows = []
        for n in range(cards):
            words = rng.sample(WORDS, 8)
            state = rng.choices((0, 1, 2, 3), weights=(30, 3, 65, 2))[0]
            due = None if state == 0 else now + timedelta(hours=rng.uniform(-72, 24 * 60))
            card_rows.append(
                (
                    rng.choice(deck_ids),
                    f"bench-card-{n}",
                    front := f"What does {' '.join(words[:5])} mean for card {n}?",
                    front_sort_key(front),
                    f"It means {' '.join(words[3:])}, as the guide explains in section {n % 40}.",
                    encode_tags(rng.sample(TAGS, 2)),
                    state,
                    None if state == 2 else 0,
                    None if state == 0 else rng.uniform(0.5, 200),
                    None if state == 0 else rng.uniform(1, 10),
                    None if due is None else to_micros(due),
                    None if state == 0 else to_micros(now - timedelta(days=rng.uniform(0, 60))),
                    0 if state == 0 else reviews_per_card,
                    0 if state == 0 else rng.randint(0, 3),
                    created,
                    created,
                )
            )
        db.executemany(
            "INSERT INTO cards (deck_id, guid, front, front_key, back, tags, source, origin,"
            " edited_by_user, suspended, state, step, stability, difficulty, due, last_review,"
            " reps, lapses, created_at, modified_at)"
            " VALUES (?, ?, ?, ?, ?, ?, 'bench', 'user', 0, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            card_rows,
        )
        # Each studied card's history ends at its last review (within the last 60 days) and
        # reaches back a year or so: nothing is logged after now. Rows go in in time order,
        # as a real log grows (a time range is then a contiguous run of the table).
        query = "SELECT id, last_review FROM cards WHERE guid LIKE 'bench-%' AND state != 0"
        reviews = []
        for card_id, last_review in db.execute(query).fetchall():
            moment = from_micros(last_review)
            for _ in range(reviews_per_card):
                rating = rng.choices((1, 2, 3, 4), weights=(10, 15, 65, 10))[0]
                reviews.append(
                    (card_id, rating, to_micros(moment), rng.randint(2000, 20000), 2,
                     rng.uniform(1, 100), rng.uniform(1, 10), 2, to_micros(moment))
                )  # fmt: skip
                moment -= timedelta(days=rng.uniform(1, 30))
        reviews.sort(key=lambda row: row[2])
        for start in range(0, len(reviews), 100_000):
            _insert_reviews(db, reviews[start : start + 100_000])
        db.commit()
    return path


def _insert_reviews(db: sqlite3.Connection, rows: list[tuple]) -> None:
    db.executemany(
        "INSERT INTO reviews (guid, card_id, rating, reviewed_at, duration_ms, before_state,"
        " before_stability, before_difficulty, before_reps, before_lapses, after_state,"
        " after_due) VALUES ('review:' || lower(hex(randomblob(16))), ?, ?, ?, ?, ?, ?, ?, 0, 0,"
        " ?, ?)",
        rows,
    )
