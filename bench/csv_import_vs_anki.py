"""Import 100,000 CSV rows into a fresh Keeper collection, and bulk-add the same notes with
the official `anki` package (`col.add_notes`), side by side.

    python bench/csv_import_vs_anki.py [ROWS]

Not a test: timings depend on the machine. Needs the test extra (`anki`) for the second half.
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
from pathlib import Path

from trainer.app import open_services
from trainer.core.clock import system_clock


def write_rows(path: Path, rows: int) -> list[tuple[str, str, str]]:
    words = [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "zeta",
        "eta",
        "theta",
        "iota",
        "kappa",
        "lambda",
    ]
    rng = random.Random(4)
    data = [
        (
            f"Question {n}: what does {' '.join(rng.choices(words, k=6))} mean?",
            f'Answer {n}, with a comma, a "quote" and {" ".join(rng.choices(words, k=12))}',
            " ".join(rng.sample(words, 2)),
        )
        for n in range(rows)
    ]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["front", "back", "tags"])
        writer.writerows(data)
    return data


def keeper_import(folder: Path, csv_path: Path) -> tuple[float, int]:
    services = open_services(folder / "keeper", system_clock, fuzzing=False)
    try:
        start = time.perf_counter()
        report = services.exchange.import_file(csv_path, deck="Benchmark")
        return time.perf_counter() - start, report.added
    finally:
        services.close()


def anki_add_notes(folder: Path, data: list[tuple[str, str, str]]) -> tuple[float, int] | None:
    try:
        from anki.collection import AddNoteRequest, Collection
    except ImportError:
        return None
    collection = Collection(str(folder / "anki" / "collection.anki2"))
    try:
        start = time.perf_counter()
        deck_id = collection.decks.id("Benchmark")
        basic = collection.models.by_name("Basic")
        requests = []
        for front, back, tags in data:
            note = collection.new_note(basic)
            note["Front"], note["Back"] = front, back
            note.tags = tags.split()
            requests.append(AddNoteRequest(note=note, deck_id=deck_id))
        collection.add_notes(requests)
        return time.perf_counter() - start, collection.note_count()
    finally:
        collection.close()


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory(prefix="keeper-bench-") as name:
        folder = Path(name)
        (folder / "anki").mkdir()
        csv_path = folder / "cards.csv"
        data = write_rows(csv_path, rows)
        seconds, added = keeper_import(folder, csv_path)
        print(f"Keeper: import {rows:,} CSV rows (read, check, insert, one transaction): "
              f"{seconds:.2f} s, {added:,} cards added")  # fmt: skip
        anki = anki_add_notes(folder, data)
        if anki is None:
            print("anki:   not installed (pip install anki) - skipped")
        else:
            print(f"anki:   col.add_notes for the same {rows:,} notes: {anki[0]:.2f} s, "
                  f"{anki[1]:,} notes")  # fmt: skip


if __name__ == "__main__":
    main()
