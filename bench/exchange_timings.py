"""Export every card of the benchmark collection, then import each file into a new one.

    python bench/exchange_timings.py SOURCE_DIR WORK_DIR [--runs K]

Through `services.exchange`, as `keeper export` / `keeper import` and the File menu do:
CSV, .keeper and .apkg. Each import goes into a fresh collection (the built-in decks
only), so it adds every card. Prints one JSON line of samples in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

FORMATS = ("csv", "keeper", "apkg")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("source", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from trainer.app import open_services

    samples: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    source = open_services(args.source)
    try:
        for fmt in FORMATS:
            target = args.work / f"all.{fmt}"
            runs = []
            for _ in range(args.runs):
                started = time.perf_counter()
                report = source.exchange.export_file(target)
                runs.append((time.perf_counter() - started) * 1000)
            samples[f"export {fmt}"] = runs
            counts[f"export {fmt}"] = report.cards
    finally:
        source.close()
    for fmt in FORMATS:
        runs = []
        for run in range(args.runs):
            folder = args.work / f"import-{fmt}-{run}"
            shutil.rmtree(folder, ignore_errors=True)
            services = open_services(folder)  # a new collection: the built-in decks only
            try:
                started = time.perf_counter()
                report = services.exchange.import_file(args.work / f"all.{fmt}", deck="Imported")
                runs.append((time.perf_counter() - started) * 1000)
            finally:
                services.close()
            shutil.rmtree(folder, ignore_errors=True)
        samples[f"import {fmt}"] = runs
        counts[f"import {fmt}"] = report.added
    print(json.dumps({"samples": samples, "cards": counts}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
