"""The floor under a big .apkg import in Python: the least any importer written in Python on
SQLite must do with the package, beside Anki's import and Keeper's, in turn.

    python bench/import_floor.py [--notes N] [--runs K]

The floor child unzips the package's collection, decompresses it (zstd) to a temporary
file, reads its notes, cards and review log, and writes every card (its fields as they
are) and every review (as Anki logged it) into a fresh WAL database with
`synchronous=FULL`, with three indexes, in one transaction. Nothing else: no HTML made
Markdown, no review history replayed, no search index, no checks of hostile input, no
built-in decks, no backup. Keeper must do all of those; so whatever this floor takes, a
Keeper import in Python takes more. The package is the one `bench/big_apkg.py` makes (in
the same bench cache); Anki imports it with `Collection.import_anki_package` (that
bench's child), Keeper with `keeper import` into a fresh data folder. Every side is a
whole child process: wall time, CPU time (user + sys) and peak memory (wait4).
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import BENCH_DIR, ROOT, cache_root, child_env, python, run_child, summary  # noqa: E402

HERE = str(BENCH_DIR / "import_floor.py")
BIG_APKG = str(BENCH_DIR / "big_apkg.py")
_CARDS = """CREATE TABLE cards (id INTEGER PRIMARY KEY, guid TEXT UNIQUE, deck INTEGER,
front TEXT, back TEXT, tags TEXT, type INTEGER, queue INTEGER, due INTEGER,
interval INTEGER, factor INTEGER, reps INTEGER, lapses INTEGER, data TEXT)"""
_REVIEWS = """CREATE TABLE reviews (id INTEGER PRIMARY KEY, card INTEGER, ease INTEGER,
interval INTEGER, last_interval INTEGER, factor INTEGER, time INTEGER, kind INTEGER,
study_day INTEGER)"""


def floor(package: Path, folder: Path) -> None:
    import zstandard

    with tempfile.TemporaryDirectory() as temporary:
        copy = Path(temporary) / "collection.anki2"
        with zipfile.ZipFile(package) as archive, archive.open("collection.anki21b") as entry:
            reader = zstandard.ZstdDecompressor().stream_reader(entry)
            with copy.open("wb") as target:
                while chunk := reader.read(1 << 20):
                    target.write(chunk)
        source = sqlite3.connect(copy)
        rows = source.execute("SELECT id, guid, flds, tags FROM notes")
        notes = {row[0]: row[1:] for row in rows}
        cards = source.execute(
            "SELECT id, nid, did, ord, type, queue, due, ivl, factor, reps, lapses, data "
            "FROM cards ORDER BY nid, ord"
        ).fetchall()
        reviews = source.execute(
            "SELECT id, cid, ease, ivl, lastIvl, factor, time, type FROM revlog ORDER BY cid, id"
        ).fetchall()
        source.close()
    folder.mkdir(parents=True)
    target_db = sqlite3.connect(folder / "collection.sqlite3")
    target_db.execute("PRAGMA journal_mode=WAL")
    target_db.execute("PRAGMA synchronous=FULL")
    with target_db:
        target_db.execute(_CARDS)
        target_db.execute(_REVIEWS)
        target_db.execute("CREATE INDEX ix_cards_front ON cards (front)")
        target_db.execute("CREATE INDEX ix_reviews_card ON reviews (card)")
        target_db.execute("CREATE INDEX ix_reviews_day ON reviews (study_day)")
        rows = []
        for card_id, note_id, deck, ordinal, *schedule in cards:
            guid, fields, tags = notes[note_id]
            front, _, back = fields.partition("\x1f")
            rows.append((card_id, f"{guid}/{ordinal}", deck, front, back, tags, *schedule))
        target_db.executemany(f"INSERT INTO cards VALUES ({', '.join('?' * 14)})", rows)
        target_db.executemany(
            f"INSERT INTO reviews VALUES ({', '.join('?' * 9)})",
            ((*review, review[0] // 86_400_000) for review in reviews),
        )
    target_db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=37_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cache = cache_root()
    env = child_env(cache)
    package = cache / f"big-{args.notes}.apkg"
    if not package.exists():
        print(f"no {package}: `python bench/big_apkg.py --notes {args.notes}` makes it")
        return 1
    work = cache / "import-floor-work"
    shutil.rmtree(work, ignore_errors=True)
    sides = {
        "floor (Python + SQLite, rows only)": [python(), HERE, "floor", str(package)],
        "anki import_anki_package": [python(), BIG_APKG, "import", str(package)],
        "keeper import": [python(), "-m", "trainer", "--data-dir", "{}", "import", str(package)],
    }
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in sides}
    for run in range(args.runs):
        for number, (name, command) in enumerate(sides.items()):
            folder = work / f"{run}-{number}"
            if "{}" in command:
                command = [str(folder) if part == "{}" else part for part in command]
            else:
                command = [*command, str(folder)]
            ran = run_child(command, env, timeout=1800, cwd=ROOT)
            if ran.returncode != 0:
                raise RuntimeError(f"{name} exited with {ran.returncode}:\n{ran.stderr[-2000:]}")
            samples[name].append((ran.seconds, ran.cpu_s, ran.max_rss_mb))
            shutil.rmtree(folder, ignore_errors=True)
    print(f"{package.name}: {package.stat().st_size / 2**20:.1f} MiB; medians of {args.runs}")
    anki_wall = summary([s[0] for s in samples["anki import_anki_package"]])["median"]
    print(f"{'':36} {'wall s':>7} {'CPU s':>7} {'peak MiB':>9} {'wall/Anki':>10}")
    for name, runs in samples.items():
        wall, cpu, peak = (summary([run[i] for run in runs])["median"] for i in range(3))
        print(f"{name:36} {wall:7.2f} {cpu:7.2f} {peak:9.0f} {wall / anki_wall:10.2f}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "floor":
        floor(Path(sys.argv[2]), Path(sys.argv[3]))
        sys.exit(0)
    sys.exit(main())
