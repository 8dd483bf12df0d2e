"""Big Anki packages, Keeper beside Anki: importing a ~50 MB .apkg, exporting 100,000 cards.

    python bench/big_apkg.py [--notes N] [--runs K] [--cards C] [--before TREE] [--json FILE]
    python bench/big_apkg.py --reimport [--notes N] [--runs K] [--before TREE] [--json FILE]

Import: a package made once with the official `anki` package (N notes, 37,000 by default,
with long fields, about 2.8 KB of text each, in 10 decks; 70% of the cards reviewed 5
times, with the review log) is imported into a fresh data folder by `keeper import FILE`
as a user runs it, and by `anki` into a fresh collection (`Collection.import_anki_package`,
with scheduling), K times each, in turn; then Keeper reading it alone (`read_file`: the
HTML made Markdown and the review history replayed, nothing stored; its CPU time too).
With --before TREE (another checkout, e.g. `git archive` of an older commit), that tree's
`keeper import` runs too, next to this tree's (before it in one run, after it in the next:
the second of two imports waits on the first's writes): before and after side by side.
`python bench/big_apkg.py read FILE` is that child alone: it prints the read's CPU time
and the part of it spent replaying reviews and making text (with PYTHONPATH naming
another tree, that tree's code).
Export: `keeper export FILE.apkg` on a copy of the benchmark's C-card collection
(bench/run.py makes it), and `anki` exporting the same notes from its copy of that
collection (`Collection.export_anki_package`, with scheduling).
Re-import (--reimport): the same package as its author's next version (every third note's
Back rewritten, two more reviews on each reviewed card of those notes: `make_changed`, made
once next to it) imported into a folder that holds the first version: Keeper's folder
(`keeper import` of the first version, then its search index caught up, untimed, once;
a copy each run) timed with `keeper import CHANGED`, beside Anki importing the changed
package into a collection that holds the first one; and the first version imported a
second time (nothing changed), Keeper's report printed. With --before TREE, that tree's
`keeper import CHANGED` too, in alternating order.
Every side is a whole child process: wall time from spawn to exit, that process's peak
resident memory and its CPU time, user and system (wait4; the read alone's CPU time is the
read's own, without start-up). Needs the test extra (`anki`). Prints a table and, with --json,
writes every sample.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (  # noqa: E402
    BENCH_DIR,
    DATABASE_FILE,
    ROOT,
    cache_root,
    child_env,
    collection_key,
    python,
    run_child,
    summary,
)

HERE = str(BENCH_DIR / "big_apkg.py")
DAY_MS = 86_400_000


def make_package(out: Path, notes: int) -> dict[str, float]:
    """N notes with long fields and a review log, exported by Anki as a modern .apkg."""
    from anki.collection import AddNoteRequest, Collection

    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(rng.choices(letters, k=rng.randint(3, 10))) for _ in range(20_000)]
    folder = out.parent / "anki-source"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    path = folder / "collection.anki2"
    col = Collection(str(path))
    basic = col.models.by_name("Basic")
    decks = [col.decks.id(f"Big::Part {part}") for part in range(10)]
    requests = []
    for number in range(notes):
        note = col.new_note(basic)
        note["Front"] = f"Q{number}: " + " ".join(rng.choices(words, k=40))
        note["Back"] = " ".join(rng.choices(words, k=350))
        note.tags = [f"topic{number % 50}"]
        requests.append(AddNoteRequest(note=note, deck_id=decks[number % 10]))
    col.add_notes(requests)
    col.close()
    with closing(sqlite3.connect(path)) as db:
        card_ids = [row[0] for row in db.execute("SELECT id FROM cards ORDER BY id")]
        stamp = int(time.time() * 1000) - 400 * DAY_MS
        log = []
        for card_id in card_ids[: len(card_ids) * 7 // 10]:
            for review in range(5):
                stamp += 37  # revlog ids are unique milliseconds
                ease = rng.choice((1, 3, 3, 3, 4))
                seconds = rng.randint(2, 20)
                log.append((stamp, card_id, ease, review * 3 + 1, review * 2, seconds * 1000))
        db.executemany(
            "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
            " VALUES (?, ?, -1, ?, ?, ?, 2500, ?, 1)",
            log,
        )
        db.execute(
            "UPDATE cards SET type = 2, queue = 2, due = 100 + id % 30, ivl = 10 + id % 40,"
            " factor = 2500, reps = 5 WHERE id IN (SELECT cid FROM revlog)"
        )
        db.commit()
    export_package(path, out)
    shutil.rmtree(folder, ignore_errors=True)
    return {"notes": notes, "reviews": len(log), "mb": out.stat().st_size / 2**20}


def export_package(collection: Path, out: Path) -> None:
    from anki.collection import Collection, ExportAnkiPackageOptions

    col = Collection(str(collection))
    try:
        options = ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=False, with_media=False, legacy=False
        )
        col.export_anki_package(out_path=str(out), options=options, limit=None)
    finally:
        col.close()


def make_changed(package: Path, out: Path) -> dict[str, float]:
    """The same package as a user's next download of it: imported into a fresh Anki
    collection (guids kept), every third note's Back rewritten, two more reviews on every
    reviewed card of those notes, exported again with scheduling."""
    rng = random.Random(11)
    folder = out.parent / "anki-changed"
    shutil.rmtree(folder, ignore_errors=True)
    import_package(package, folder)
    path = folder / "collection.anki2"
    with closing(sqlite3.connect(path)) as db:
        note_ids = [row[0] for row in db.execute("SELECT id FROM notes ORDER BY id")][::3]
        edited = []
        for note_id in note_ids:
            (fields,) = db.execute("SELECT flds FROM notes WHERE id = ?", (note_id,)).fetchone()
            front, back = fields.split("\x1f")
            words = back.split(" ")
            rng.shuffle(words)
            edited.append((front + "\x1f" + " ".join(words), note_id))
        db.executemany("UPDATE notes SET flds = ?, mod = mod + 1, usn = -1 WHERE id = ?", edited)
        marks = ",".join("?" * len(note_ids))
        reviewed = db.execute(
            "SELECT DISTINCT cid FROM revlog WHERE cid IN"
            f" (SELECT id FROM cards WHERE nid IN ({marks}))",
            note_ids,
        ).fetchall()
        (stamp,) = db.execute("SELECT max(id) FROM revlog").fetchone()
        log = []
        for (card_id,) in reviewed:
            for review in range(2):
                stamp += 37
                log.append((stamp, card_id, rng.choice((1, 3, 3, 4)), 20 + review, 16 + review))
        db.executemany(
            "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
            " VALUES (?, ?, -1, ?, ?, ?, 2500, 8000, 1)",
            log,
        )
        db.executemany("UPDATE cards SET reps = reps + 2, mod = mod + 1 WHERE id = ?", reviewed)
        db.commit()
    export_package(path, out)
    shutil.rmtree(folder, ignore_errors=True)
    return {"edited_notes": len(edited), "new_reviews": len(log), "mb": out.stat().st_size / 2**20}


def import_package(package: Path, folder: Path) -> None:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    folder.mkdir(parents=True, exist_ok=True)
    col = Collection(str(folder / "collection.anki2"))
    try:
        options = ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False)
        request = ImportAnkiPackageRequest(package_path=str(package), options=options)
        col.import_anki_package(request)
        print(json.dumps({"cards": col.card_count()}))
    finally:
        col.close()


def read_package(package: Path) -> None:
    """Keeper reading the package alone: what an import does before it stores anything,
    with the CPU time of its two big stages (the review history replayed, each card's
    text made Markdown) timed around the functions that do them."""
    from datetime import UTC, datetime

    from trainer.exchange import anki_notes, anki_schedule
    from trainer.exchange.formats import read_file

    spent = {"replay_cpu_s": 0.0, "text_cpu_s": 0.0}

    def timed(name: str, function: Any) -> Any:
        def wrapper(*args: Any) -> Any:
            started = time.process_time()
            try:
                return function(*args)
            finally:
                spent[name] += time.process_time() - started

        return wrapper

    replay = anki_schedule.HistoryReplay
    replay.card = timed("replay_cpu_s", replay.card)  # type: ignore[method-assign]
    layout = anki_notes.CardLayout
    layout.text = timed("text_cpu_s", layout.text)  # type: ignore[method-assign]
    started = time.process_time()
    loaded = read_file(package, datetime.now(UTC))
    cpu = time.process_time() - started
    print(json.dumps({"cards": len(loaded.bundle.cards), "cpu_s": cpu, **spent}))


def catch_up(folder: Path) -> None:
    """The search index of a Keeper folder caught up whole, as the app does after an import."""
    from trainer.app import open_services

    services = open_services(folder)
    try:
        print(json.dumps({"indexed": services.search_index.catch_up()}))
    finally:
        services.close()


def reimport(
    args: argparse.Namespace, package: Path, work: Path, env: dict[str, str]
) -> dict[str, list[dict[str, float]]]:
    """Samples of re-importing the changed package (and the same one) over the first."""
    changed = package.with_name(f"{package.stem}-changed.apkg")
    if not changed.exists():
        side([python(), HERE, "change", str(package), str(changed)], env)
    keeper_base, anki_base = work / "keeper-base", work / "anki-base"
    keeper_import = [python(), "-m", "trainer", "--data-dir"]
    side([*keeper_import, str(keeper_base), "import", str(package)], env, ROOT)
    side([python(), HERE, "catch-up", str(keeper_base)], env, ROOT)
    side([python(), HERE, "import", str(package), str(anki_base)], env)
    samples: dict[str, list[dict[str, float]]] = {}
    for run in range(args.runs):
        sides = [("re-import: keeper import CHANGED", env, ROOT)]
        if args.before:
            tree = args.before.resolve()  # its folder too: `python -m` looks there first
            before = (
                "re-import: keeper import CHANGED (--before)",
                {**env, "PYTHONPATH": str(tree)},
                tree,
            )
            sides.insert(run % 2, before)
        for name, side_env, cwd in sides:
            folder = work / f"run-{run}"
            shutil.copytree(keeper_base, folder)
            command = [*keeper_import, str(folder), "import", str(changed)]
            samples.setdefault(name, []).append(side(command, side_env, cwd))
            shutil.rmtree(folder)
        folder = work / f"anki-{run}"
        shutil.copytree(anki_base, folder)
        anki = [python(), HERE, "import", str(changed), str(folder)]
        samples.setdefault("re-import: anki import_anki_package", []).append(side(anki, env))
        shutil.rmtree(folder)
        folder = work / f"same-{run}"
        shutil.copytree(keeper_base, folder)
        same = run_child([*keeper_import, str(folder), "import", str(package)], env, cwd=ROOT)
        print(same.stdout.strip().splitlines()[0])
        sample = {"s": same.seconds, "mb": same.max_rss_mb, "cpu_s": same.cpu_s}
        samples.setdefault("re-import: keeper import SAME", []).append(sample)
        shutil.rmtree(folder)
    return samples


def side(run_args: list[str], env: dict[str, str], cwd: Path | None = None) -> dict[str, float]:
    run = run_child(run_args, env, timeout=1800, cwd=cwd)
    if run.returncode != 0:
        command = " ".join(run_args)
        raise RuntimeError(f"{command} exited with {run.returncode}:\n{run.stderr[-3000:]}")
    sample = {"s": run.seconds, "mb": run.max_rss_mb, "cpu_s": run.cpu_s}
    lines = run.stdout.strip().splitlines()
    if lines and lines[-1].startswith("{"):
        sample.update({k: v for k, v in json.loads(lines[-1]).items() if k == "cpu_s"})
    return sample


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=37_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cards", type=int, default=100_000, help="the export's collection")
    parser.add_argument("--keeper-source", type=Path, help="the export's Keeper collection file")
    parser.add_argument("--anki-source", type=Path, help="the same notes as an Anki collection")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--before", type=Path, help="another tree: its import timed too")
    parser.add_argument("--reimport", action="store_true", help="a changed package, again")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    cache = cache_root()
    env = child_env(cache)
    work = cache / "big-apkg-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    package = cache / f"big-{args.notes}.apkg"
    if not package.exists():
        made = side([python(), HERE, "make", str(package), "--notes", str(args.notes)], env)
        print(f"made {package} ({package.stat().st_size / 2**20:.1f} MiB) in {made['s']:.0f} s")
    samples: dict[str, list[dict[str, float]]] = {}
    if args.reimport:
        samples = reimport(args, package, work, env)
    for run in range(0 if args.skip_import or args.reimport else args.runs):
        keeper_dir, anki_dir = work / f"keeper-{run}", work / f"anki-{run}"
        keeper = [python(), "-m", "trainer", "--data-dir", str(keeper_dir), "import", str(package)]
        anki = [python(), HERE, "import", str(package), str(anki_dir)]
        sides = [("import: keeper import", keeper, env, ROOT, keeper_dir)]
        if args.before:
            before_dir = work / f"before-{run}"
            before = [python(), "-m", "trainer", "--data-dir", str(before_dir), "import"]
            before.append(str(package))
            tree = args.before.resolve()  # its folder too: `python -m` looks there first
            before_env = {**env, "PYTHONPATH": str(tree)}
            name = "import: keeper import (--before)"
            sides.insert(run % 2, (name, before, before_env, tree, before_dir))
        for name, command, side_env, cwd, folder in sides:  # first one tree, then the other
            samples.setdefault(name, []).append(side(command, side_env, cwd))
            shutil.rmtree(folder, ignore_errors=True)
        samples.setdefault("import: anki import_anki_package", []).append(side(anki, env))
        read = [python(), HERE, "read", str(package)]
        samples.setdefault("import: keeper read_file alone", []).append(side(read, env))
        shutil.rmtree(anki_dir, ignore_errors=True)
    key = collection_key(args.cards)
    keeper_source = args.keeper_source or cache / f"keeper-{key}" / DATABASE_FILE
    anki_source = args.anki_source or cache / f"anki-{key}" / "collection.anki2"
    export_runs = 0 if args.reimport else args.runs
    if export_runs and keeper_source.exists() and anki_source.exists():
        for run in range(export_runs):
            copy = work / f"export-{run}"
            copy.mkdir()
            shutil.copy2(keeper_source, copy / DATABASE_FILE)
            shutil.copy2(anki_source, copy / "collection.anki2")
            # Untimed: an older schema is migrated here, and both files are read once.
            side([python(), "-m", "trainer", "--data-dir", str(copy), "decks"], env)
            out = copy / "all.apkg"
            keeper = [python(), "-m", "trainer", "--data-dir", str(copy), "export", str(out)]
            anki = [python(), HERE, "export", str(copy / "collection.anki2"), str(copy / "a.apkg")]
            samples.setdefault("export: keeper export .apkg", []).append(side(keeper, env))
            samples.setdefault("export: anki export_anki_package", []).append(side(anki, env))
            shutil.rmtree(copy, ignore_errors=True)
    elif export_runs:
        print(f"no {args.cards:,}-card collections in {cache}: bench/run.py makes them")
    print(f"{package.name}: {package.stat().st_size / 2**20:.1f} MiB; medians of {args.runs}")
    print(f"{'':40} {'s':>8} {'peak MiB':>9}")
    for name, runs in samples.items():
        seconds = summary([r["s"] for r in runs])["median"]
        memory = summary([r["mb"] for r in runs])["median"]
        cpu_note = f"  (CPU {summary([r['cpu_s'] for r in runs])['median']:.2f} s)"
        print(f"{name:40} {seconds:8.2f} {memory:9.0f}{cpu_note}")
    if args.json:
        args.json.write_text(json.dumps({"package_mb": package.stat().st_size / 2**20, **samples}))
    shutil.rmtree(work, ignore_errors=True)
    return 0


def child(argv: list[str]) -> int:
    action, *paths = argv
    if action == "make":
        notes = int(paths[paths.index("--notes") + 1])
        print(json.dumps(make_package(Path(paths[0]), notes)))
    elif action == "import":
        import_package(Path(paths[0]), Path(paths[1]))
    elif action == "read":
        read_package(Path(paths[0]))
    elif action == "change":
        print(json.dumps(make_changed(Path(paths[0]), Path(paths[1]))))
    elif action == "catch-up":
        catch_up(Path(paths[0]))
    else:
        export_package(Path(paths[0]), Path(paths[1]))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in (
        "make",
        "import",
        "read",
        "export",
        "change",
        "catch-up",
    ):
        sys.exit(child(sys.argv[1:]))
    sys.exit(main())
