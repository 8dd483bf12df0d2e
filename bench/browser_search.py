"""Time the card browser on a large collection: searches, opening it, scrolling it.

    python bench/browser_search.py [--cards 100000] [--data-dir DIR] [--json FILE]

Makes a collection of N cards over 20 decks (realistic varied text, tags, states) unless
--data-dir names an existing one, then prints the median, min and max of several runs of:
each search through the browse service (ids sorted in SQL, as the browser asks), the
browser opened (search, first page of rows, first paint) and a scroll to 10 far places.
Target (issue 10): a search at 100,000 cards in 50 ms or less.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trainer.app import DATABASE_FILE, open_services  # noqa: E402
from trainer.core.browse import front_sort_key  # noqa: E402
from trainer.core.clock import FixedClock  # noqa: E402
from trainer.services.services import Services  # noqa: E402
from trainer.storage.types import encode_tags, to_micros  # noqa: E402

SEARCHES = (
    "",  # what opening the browser runs
    "retention",
    "pricing launch",
    '"keeper test"',
    "décision",
    "deck:deck-07",
    "tag:metrics",
    "is:due",
    "is:new",
    "retention deck:deck-1* -is:suspended",
    "churn or candor",
    "-retention",
    "zzzz",
)
_NOUNS = (
    "talent density keeper test context control candor judgment freedom responsibility "
    "pricing launch churn retention acquisition positioning segment funnel campaign brand "
    "metric revenue trial subscriber market region partner creative insight narrative risk "
    "décision stratégie équipe café résumé naïve hypothesis experiment roadmap budget "
    "stakeholder feedback mistake failure lesson owner impact scope deadline quality"
)
_GLUE = "the a of to in for with on by what why how when which that this your their"
NOUNS, GLUE = _NOUNS.split(), _GLUE.split()
TAGS = ("culture", "mistake", "faq", "checklist", "pricing", "launch", "metrics", "story")


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(
        rng.choice(NOUNS) if rng.random() < 0.45 else rng.choice(GLUE) for _ in range(words)
    )


def generate(data_dir: Path, cards: int, seed: int = 11) -> None:
    """N cards over 20 decks, written in bulk through the schema (the FTS triggers index them)."""
    now = datetime.now(UTC)
    open_services(data_dir, FixedClock(now)).close()  # schema and built-in decks
    rng = random.Random(seed)
    with closing(sqlite3.connect(data_dir / DATABASE_FILE)) as db, db:
        db.executemany(
            "INSERT INTO decks (guid, name, description, origin, new_per_day, reviews_per_day,"
            " desired_retention, learning_steps, relearning_steps, created_at)"
            " VALUES (?, ?, '', 'user', 20, 200, 0.9, '60 600', '600', ?)",
            [(f"time-deck-{n}", f"Deck-{n:02d}", to_micros(now)) for n in range(20)],
        )
        decks = [row[0] for row in db.execute("SELECT id FROM decks WHERE guid LIKE 'time-%'")]
        rows = []
        for n in range(cards):
            state = rng.choices((0, 1, 2, 3), weights=(30, 3, 65, 2))[0]
            due = None if state == 0 else to_micros(now + timedelta(hours=rng.uniform(-72, 1400)))
            last = None if state == 0 else to_micros(now - timedelta(days=rng.uniform(0, 60)))
            rows.append(
                (rng.choice(decks), f"time-card-{n}", sentence(rng, rng.randint(6, 14)) + "?",
                 sentence(rng, rng.randint(25, 70)) + ".", encode_tags(rng.sample(TAGS, 2)),
                 int(rng.random() < 0.03), state, due, last, rng.randint(0, 3), to_micros(now))
            )  # fmt: skip
        db.executemany(
            "INSERT INTO cards (deck_id, guid, front, front_key, back, tags, source, origin,"
            " edited_by_user, suspended, state, step, due, last_review, reps, lapses, created_at,"
            " modified_at) VALUES (?, ?, ?, ?, ?, ?, '', 'user', 0, ?, ?, 0, ?, ?, 1, ?, ?, ?)",
            [(*row[:3], front_sort_key(row[2]), *row[3:], row[-1]) for row in rows],
        )


def timed(work: Callable[[], object], runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(samples), 1),
        "min_ms": round(min(samples), 1),
        "max_ms": round(max(samples), 1),
    }


def time_searches(services: Services, runs: int) -> dict[str, dict[str, float]]:
    results = {}
    for query in SEARCHES:
        found = len(services.browse.search(query))
        results[query or "(all cards)"] = {**timed(lambda q=query: services.browse.search(q), runs),
                                           "found": found}  # fmt: skip
    return results


def time_browser(services: Services, data_dir: Path, runs: int) -> dict[str, dict[str, float]]:
    from PySide6.QtWidgets import QApplication

    from trainer.ui.browser_view import BrowserView

    app = QApplication.instance() or QApplication([])
    browser = BrowserView(services)
    browser.resize(1280, 800)
    browser.show()

    def open_browser() -> None:
        browser.enter()
        browser.grab()  # paints the first rows, reading their page
        app.processEvents()

    def whole_list_in() -> None:  # found on a thread once the first rows are shown
        while not browser.model.complete:
            app.processEvents()

    browser.enter()
    whole_list_in()  # every row in, so the scroll bar spans them all
    bar = browser.table.verticalScrollBar()
    spots = [bar.maximum() * n // 10 for n in (9, 2, 7, 4, 10, 1, 5, 8, 3, 6)]

    def scroll() -> None:
        for spot in spots:
            bar.setValue(spot)
            browser.table.viewport().grab()

    opened = timed(open_browser, runs)
    whole_list_in()
    scrolled = timed(scroll, runs)
    per_jump = {key: round(value / len(spots), 1) for key, value in scrolled.items()}
    return {"open browser (search + first paint)": opened, "scroll: one far jump + paint": per_jump}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path, help="an existing collection to time instead")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = args.data_dir or Path(scratch)
        if args.data_dir is None:
            started = time.perf_counter()
            generate(data_dir, args.cards)
            print(f"generated {args.cards:,} cards in {time.perf_counter() - started:.1f} s")
        services = open_services(data_dir, FixedClock(datetime.now(UTC)))
        try:
            results = {"searches": time_searches(services, args.runs)}
            results["browser"] = time_browser(services, data_dir, args.runs)
        finally:
            services.close()
    for group, rows in results.items():
        print(f"\n{group}")
        for name, row in rows.items():
            found = f"  {row['found']:>7,} found" if "found" in row else ""
            print(f"  {name:<42} {row['median_ms']:7.1f} ms  (min {row['min_ms']:.1f},"
                  f" max {row['max_ms']:.1f}){found}")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
