"""Keeper's review-history replay beside fsrs-rs computing the same memory states in Rust.

    python bench/replay_fsrs_rs.py [--cards N]

N random histories (1 to 8 grades, gaps of minutes, hours and days, Again among them)
replayed by `Scheduler.replay` (what an .apkg import does) and given to fsrs-rs's
`historical_memory_state_batch` with the same parameters and whole days between grades
(as fsrs counts them). Prints the largest differences in stability and difficulty and
the CPU time of each. fsrs-rs gives stability and difficulty only: the learning steps,
the state and the due time of each review stay Keeper's.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    import fsrs
    import fsrs_rs_python

    from trainer.core.cards import Rating
    from trainer.core.scheduling import Scheduler

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(1)
    histories = []
    for _ in range(args.cards):
        when, grades = datetime(2024, 1, 1, tzinfo=UTC), []
        for _ in range(rng.randint(1, 8)):
            gap = rng.choice([timedelta(minutes=5), timedelta(hours=3),
                              timedelta(days=rng.randint(1, 60))])  # fmt: skip
            when += gap
            grades.append((Rating(rng.choice([1, 2, 3, 3, 3, 4])), when, 1000))
        histories.append(grades)
    scheduler = Scheduler(fuzzing=False)
    started = time.process_time()
    replayed = [scheduler.replay(grades) for grades in histories]
    python_s = time.process_time() - started
    model = fsrs_rs_python.FSRS(list(fsrs.Scheduler().parameters))
    started = time.process_time()
    items = [
        fsrs_rs_python.FSRSItem([
            fsrs_rs_python.FSRSReview(int(rating), (when - (grades[i - 1][1] if i else when)).days)
            for i, (rating, when, _ms) in enumerate(grades)
        ])
        for grades in histories
    ]  # fmt: skip
    states = model.historical_memory_state_batch(items)
    rust_s = time.process_time() - started
    stability = difficulty = 0.0
    for rust, reviews in zip(states, replayed, strict=True):
        for state, review in zip(rust, reviews, strict=True):
            after = review.after
            stability = max(stability, abs(state.stability - after.stability) / after.stability)
            difficulty = max(difficulty, abs(state.difficulty - after.difficulty))
    grades = sum(len(h) for h in histories)
    print(f"{args.cards:,} cards, {grades:,} grades")
    print(f"Scheduler.replay (all of each review's memory): CPU {python_s:.3f} s")
    print(f"fsrs-rs historical_memory_state_batch (S and D): CPU {rust_s:.3f} s")
    print(f"largest difference: stability {stability:.2e} (relative), difficulty {difficulty:.2e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
