"""An Anki package with five months of review history, made with the official `anki`
package, imported with `keeper import`; then `keeper optimize` improves the log loss on it
and `keeper plan` answers for the imported deck."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.cli.test_stats_plan_optimize import consecutive_days_to, keeper
from tests.exchange.anki_helpers import add_note, anki_collection_at, export_package
from tests.history_builder import TRUE_PARAMETERS
from trainer.core.cards import Card, Rating
from trainer.core.model import CardId, CardState, DeckId
from trainer.core.scheduling import Scheduler, with_memory
from trainer.core.study_days import study_date

CARDS = 160
DAYS = 150
# Anki's revlog "type": learning, review, relearning (a new card's first answer is learning).
KIND = {CardState.NEW: 0, CardState.LEARNING: 0, CardState.REVIEW: 1, CardState.RELEARNING: 2}


def simulate(rng: random.Random, first: datetime, end: datetime) -> list[tuple[Any, Card]]:
    """One learner's answers to one card: (review, card after it), oldest first."""
    truth = Scheduler(parameters=TRUE_PARAMETERS, fuzzing=False)
    scheduler = Scheduler(fuzzing=False)
    card = Card(CardId(1), DeckId(1), "", "")
    moment = first
    history = []
    while moment < end:
        if card.is_new:
            rating = rng.choices(list(Rating), weights=(0.15, 0.1, 0.65, 0.1))[0]
        elif rng.random() < truth.retrievability(card, moment):
            rating = rng.choices(list(Rating)[1:], weights=(0.1, 0.8, 0.1))[0]
        else:
            rating = Rating.AGAIN
        review = scheduler.grade(card, rating, moment, rng.randint(4_000, 30_000))
        card = with_memory(card, review.after)
        history.append((review, card))
        wait = max((card.memory.due or moment) - moment, timedelta(minutes=1))
        moment += wait if wait < timedelta(hours=12) else wait * rng.uniform(0.4, 2.5)
    return history


def build_anki_package(folder: Path, now: datetime) -> tuple[Path, int]:
    """A collection whose revlog holds the simulated history; exported with scheduling."""
    rng = random.Random(11)
    end = now - timedelta(hours=2)
    written = 0
    with anki_collection_at(folder / "anki" / "collection.anki2") as collection:
        created = datetime.fromtimestamp(collection.crt, tz=UTC)
        for number in range(CARDS):
            note = add_note(
                collection, "Basic", "Algorithms", {"Front": f"Q{number}", "Back": f"A{number}"}
            )
            card_id = note.cards()[0].id
            start = end - timedelta(days=DAYS) + timedelta(days=number * DAYS // (2 * CARDS))
            history = simulate(rng, start + timedelta(hours=rng.uniform(0, 10)), end)
            for review, after in history:
                before = review.before
                interval = _anki_interval(after.memory.due, review.reviewed_at)
                collection.db.execute(
                    "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
                    " values (?, ?, -1, ?, ?, 0, 2500, ?, ?)",
                    int(review.reviewed_at.timestamp() * 1000) + number,  # unique per card
                    card_id,
                    int(review.rating),
                    interval,
                    review.duration_ms,
                    KIND[before.state],
                )
                written += 1
            final = history[-1][1].memory
            due = final.due or end
            if final.state is CardState.REVIEW:
                kind, queue, due_value = 2, 2, (study_date(due, UTC) - created.date()).days
            else:
                kind, queue, due_value = (
                    1 if final.state is CardState.LEARNING else 3,
                    1,
                    int(due.timestamp()),
                )
            collection.db.execute(
                "update cards set type = ?, queue = ?, due = ?, ivl = ?, factor = 2500,"
                " reps = ?, lapses = ? where id = ?",
                kind,
                queue,
                due_value,
                max(0, _anki_interval(due, final.last_review or end)),
                final.reps,
                final.lapses,
                card_id,
            )
        package = export_package(collection, folder / "history.apkg", legacy=False, scheduling=True)
    return package, written


def _anki_interval(due: datetime | None, since: datetime) -> int:
    """Anki's ivl: days when a day or more, negative seconds for learning steps."""
    if due is None:
        return 0
    seconds = (due - since).total_seconds()
    return round(seconds / 86_400) if seconds >= 86_400 else -int(seconds)


def test_optimize_and_plan_after_importing_anki_history(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    package, written = build_anki_package(tmp_path, now)
    assert written > 1_000
    data = tmp_path / "data"

    imported = keeper(data, "import", str(package), "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["reviews"] == written

    optimized = keeper(data, "optimize", "--json")
    assert optimized.returncode == 0, optimized.stderr
    fit = json.loads(optimized.stdout)
    assert len(fit["parameters"]) == 21
    assert fit["log_loss_after"] < fit["log_loss_before"]
    assert fit["applied"] is True

    interview = study_date(now) + timedelta(days=10)
    planned = keeper(data, "plan", "--interview-date", interview.isoformat(), "--json")
    assert planned.returncode == 0, planned.stderr
    plan = json.loads(planned.stdout)
    algorithms = next(deck for deck in plan["decks"] if deck["name"] == "Algorithms")
    assert algorithms["cards"] == CARDS
    assert 0.0 < algorithms["predicted_recall"] < 1.0
    assert algorithms["recall_with_plan"] >= 0.9
    days = [date.fromisoformat(day["date"]) for day in plan["daily"]]
    assert days == consecutive_days_to(interview)
