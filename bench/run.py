"""Keeper's benchmark: start-up, studying, the browser, bulk work and memory, beside Anki.

    python bench/run.py [--cards N] [--runs K] [--startup-runs S] [--json FILE] [--grades G]
                        [--no-anki] [--xvfb] [--bundle EXE]

Generates the collection once per size and day (bench/generate.py: N cards over 20 decks
with tags, about 15 reviews per studied card; 100,000 cards and a million reviews by
default) in a cache folder ($KEEPER_BENCH_CACHE, else keeper-bench in the temp folder), and
the same collection for the official `anki` package. Every measurement runs in a child
process on a copy, K times; the table shows median, min and max (p99 where it matters), the
ratio to the empty-window floor or to Anki, and the target of issue 10. Report only: a
timing never fails the run, a crash does. Results and method: docs/performance.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (  # noqa: E402
    BENCH_DIR,
    DATABASE_FILE,
    ROOT,
    Xvfb,
    cache_root,
    child_env,
    prepared,
    python,
    run_child,
    run_json_child,
    summary,
    working_copy,
)
from report import build_rows, print_table, ratios  # noqa: E402
from user_start import user_start  # noqa: E402

CLI_COMMANDS = {
    "keeper decks": ["decks"],
    "keeper stats": ["stats"],
    "keeper cards --search x": ["cards", "--search", "x"],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--grades", type=int, default=200, help="grades per study run")
    parser.add_argument(
        "--startup-runs",
        type=int,
        default=15,
        help="start-up rounds (default 15: the tightest target, and a start costs 0.2 s)",
    )
    parser.add_argument("--json", type=Path, help="also write every figure here")
    parser.add_argument("--no-anki", action="store_true", help="skip the Anki side")
    parser.add_argument(
        "--xvfb",
        action="store_true",
        help="also time start-up on X (xcb) in an Xvfb display, and as a user starts it: the "
        "`keeper` command (and the bundle) until its window is mapped",
    )
    parser.add_argument(
        "--bundle",
        type=Path,
        default=ROOT / "dist" / "keeper" / "keeper",
        help="the PyInstaller bundle timed with --xvfb when built (default dist/keeper/keeper)",
    )
    args = parser.parse_args(argv)
    runs = max(1, args.runs)
    startup_runs = max(1, args.startup_runs)
    cache = cache_root()
    cache.mkdir(parents=True, exist_ok=True)
    env = child_env(cache)
    with_anki = not args.no_anki and importlib.util.find_spec("anki") is not None
    began = time.monotonic()

    keeper_source = keeper_collection(cache, args.cards, env)
    anki_source = anki_collection(cache, args.cards, keeper_source, env) if with_anki else None
    work = Path(tempfile.mkdtemp(prefix="run-", dir=cache))
    try:
        results = {"meta": meta(args.cards, runs, keeper_source, with_anki)}
        results["meta"]["startup_runs"] = startup_runs
        copy = working_copy(keeper_source, work / "keeper")
        results["startup"] = startup(copy, startup_runs, env)
        if args.xvfb:
            bundle = args.bundle if args.bundle.is_file() else None
            with Xvfb() as display:
                results["startup_xcb"] = startup(copy, startup_runs, {**env, **display})
                results["user_start"] = user_start(copy, startup_runs, {**env, **display}, bundle)
        results["memory"], results["cli"] = cli_and_memory(copy, runs, env)
        copy = working_copy(keeper_source, work / "keeper-study")
        samples, _ = run_json_child(
            [python(), str(BENCH_DIR / "keeper_timings.py"), str(copy), "--runs", str(runs),
             "--grades", str(args.grades)], env)  # fmt: skip
        results["keeper"] = summarise(samples)
        copy = working_copy(keeper_source, work / "keeper-stalls")
        stalls, _ = run_json_child([python(), str(BENCH_DIR / "stall_probe.py"), str(copy)], env)
        results["stalls"] = stalls
        copy = working_copy(keeper_source, work / "keeper-exchange")
        exchange, _ = run_json_child(
            [python(), str(BENCH_DIR / "exchange_timings.py"), str(copy), str(work),
             "--runs", str(max(1, min(runs, 3)))], env)  # fmt: skip
        results["exchange"] = summarise(exchange["samples"])
        results["meta"]["exchanged_cards"] = exchange["cards"]
        if anki_source is not None:
            results["anki"] = anki(anki_source, keeper_source, work, runs, args.grades, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["ratios"] = ratios(results)
    results["meta"]["seconds"] = round(time.monotonic() - began, 1)
    print_table(results, build_rows(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
        print(f"\nWrote {args.json}")
    return 0


def summarise(samples: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    return {
        name: summary(values, percentiles=name.startswith("grade") or "answer" in name)
        for name, values in samples.items()
        if values
    }


def keeper_collection(cache: Path, cards: int, env: dict[str, str]) -> Path:
    folder = prepared(cache, "keeper", cards)
    if not (folder / "ready").exists():
        print(f"Generating {cards:,} cards (once per size and day) in {folder} ...", flush=True)
        shutil.rmtree(folder, ignore_errors=True)
        script = (
            "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]);"
            "from generate import generate; generate(Path(sys.argv[2]), int(sys.argv[3]))"
        )
        made = run_child([python(), "-c", script, str(BENCH_DIR), str(folder), str(cards)], env)
        if made.returncode != 0:
            raise RuntimeError(f"generating the collection failed:\n{made.stderr[-3000:]}")
        (folder / "ready").touch()
    return folder


def anki_collection(cache: Path, cards: int, keeper: Path, env: dict[str, str]) -> Path:
    folder = prepared(cache, "anki", cards)
    if not (folder / "ready").exists():
        print(f"Making the same collection for Anki in {folder} ...", flush=True)
        shutil.rmtree(folder, ignore_errors=True)
        run_json_child([python(), str(BENCH_DIR / "anki_timings.py"), "build",
                        str(keeper / DATABASE_FILE), str(folder)], env)  # fmt: skip
        (folder / "ready").touch()
    return folder


def meta(cards: int, runs: int, keeper: Path, with_anki: bool) -> dict[str, object]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(f"file:{keeper / DATABASE_FILE}?mode=ro", uri=True)) as db:
        counts = db.execute(
            "SELECT (SELECT count(*) FROM cards), (SELECT count(*) FROM decks),"
            " (SELECT count(*) FROM reviews)"
        ).fetchone()
    versions = {"python": platform.python_version()}
    for package in ("PySide6", "sqlalchemy", "anki"):
        try:
            from importlib.metadata import version

            versions[package] = version(package)
        except Exception:  # noqa: BLE001 - not installed
            continue
    return {
        "cards_asked": cards,
        "cards": counts[0],
        "decks": counts[1],
        "reviews": counts[2],
        "runs": runs,
        "anki": with_anki,
        "machine": f"{platform.machine()}, {_cores()} cores, {platform.system()}",
        "versions": versions,
        "qt_platform": child_env(cache_root())["QT_QPA_PLATFORM"],
        "database_mb": round((keeper / DATABASE_FILE).stat().st_size / 2**20, 1),
    }


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


def startup(data_dir: Path, runs: int, env: dict[str, str]) -> dict[str, object]:
    """Spawn to first paint: the empty window (the floor), the same with a line of text (a
    reference: what drawing any text costs) and Keeper, in turn, after a warm-up round."""
    driver = str(BENCH_DIR / "first_paint.py")
    commands = {
        "floor": [python(), driver, "empty"],
        "one label": [python(), driver, "label"],
        "keeper": [python(), driver, "keeper", str(data_dir)],
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    rss: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(runs + 1):
        for name, command in commands.items():
            marks, run = run_json_child(command, env)
            if round_ == 0:
                continue  # warm-up: bytecode caches written, files in the page cache
            samples[name].append((marks["painted"] - run.spawned_at) * 1000)
            rss[name].append(marks["vm_hwm_mb"])
    return {
        "qt_platform": env.get("QT_QPA_PLATFORM", "offscreen"),
        **{name: summary(values) for name, values in samples.items()},
        **{f"{name}_peak_rss_mb": summary(values) for name, values in rss.items()},
    }


def cli_and_memory(
    data_dir: Path, runs: int, env: dict[str, str]
) -> tuple[dict[str, object], dict[str, object]]:
    """Peak RSS of the app after a little use, and time and peak RSS of the commands."""
    use = [python(), str(BENCH_DIR / "first_paint.py"), "keeper", str(data_dir), "--use"]
    app = [run_json_child(use, env)[0]["vm_hwm_mb"] for _ in range(max(1, runs // 2))]
    memory: dict[str, object] = {"app (start, study 20, browse, statistics)": summary(app)}
    timings: dict[str, object] = {}
    for name, arguments in CLI_COMMANDS.items():
        command = [python(), "-m", "trainer", "--data-dir", str(data_dir), *arguments]
        seconds, peaks = [], []
        for round_ in range(runs + 1):
            run = run_child(command, {**env, "PYTHONPATH": str(ROOT)})
            if run.returncode != 0:
                raise RuntimeError(f"{name} failed: {run.stderr[-2000:]}")
            if round_:
                seconds.append(run.seconds * 1000)
                peaks.append(run.max_rss_mb)
        timings[name] = summary(seconds)
        memory[name] = summary(peaks)
    return memory, timings


def anki(
    source: Path, keeper: Path, work: Path, runs: int, grades: int, env: dict[str, str]
) -> dict[str, object]:
    script = str(BENCH_DIR / "anki_timings.py")
    collection = working_copy(source, work / "anki") / "collection.anki2"
    added, _ = run_json_child([python(), script, "add", str(keeper / DATABASE_FILE), str(work),
                               "--runs", str(max(1, min(runs, 3)))], env)  # fmt: skip
    opened, _ = run_json_child([python(), script, "open", str(collection), "--runs", str(runs)],
                               env)  # fmt: skip
    seconds, peaks = [], []
    for round_ in range(runs + 1):
        run = run_child([python(), script, "decks", str(collection)], env)
        if run.returncode != 0:
            raise RuntimeError(f"anki decks failed: {run.stderr[-2000:]}")
        if round_:
            seconds.append(run.seconds * 1000)
            peaks.append(run.max_rss_mb)
    answered, _ = run_json_child([python(), script, "answer", str(collection), "--answers",
                                  str(grades * runs)], env)  # fmt: skip
    return {
        "add_notes (make + add every note)": summary(added["samples"]),
        "open collection + deck_due_tree (in process)": summary(opened["samples"]),
        "process: open + deck_due_tree + print": summary(seconds),
        "process peak RSS (MB)": summary(peaks),
        "answerCard -> getCard": summary(answered["samples"], percentiles=True),
    }


if __name__ == "__main__":
    sys.exit(main())
