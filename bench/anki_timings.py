"""The same work with the official `anki` package (its core is Rust), for the ratios.

    python bench/anki_timings.py build KEEPER_DB ANKI_DIR   # the same collection, for Anki
    python bench/anki_timings.py add KEEPER_DB WORK [--runs K]
    python bench/anki_timings.py open ANKI_FILE [--runs K]
    python bench/anki_timings.py decks ANKI_FILE            # a whole process, like `keeper decks`
    python bench/anki_timings.py answer ANKI_FILE [--answers N]

`build` turns the benchmark's Keeper collection into an Anki one with the same notes in the
same decks, the same scheduling states (new, learning, review and relearning, with their due
dates) and the same review log (one revlog row per Keeper review). Deck limits are the
defaults of both: 20 new cards and 200 reviews a day. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import time
from contextlib import closing
from pathlib import Path

DAY = 86_400


def keeper_notes(keeper_db: Path) -> list[tuple[int, str, str, str, list[str]]]:
    """(card id, deck name, front, back, tags) of every card, in id order."""
    with closing(sqlite3.connect(f"file:{keeper_db}?mode=ro", uri=True)) as db:
        rows = db.execute(
            "SELECT cards.id, decks.name, front, back, tags FROM cards"
            " JOIN decks ON decks.id = cards.deck_id ORDER BY cards.id"
        ).fetchall()
    return [(id_, deck, front, back, tags.split()) for id_, deck, front, back, tags in rows]


def add_notes(collection_path: Path, notes: list[tuple[int, str, str, str, list[str]]]) -> float:
    """Milliseconds to make the notes and add them with `col.add_notes`, in one call."""
    from anki.collection import AddNoteRequest, Collection

    col = Collection(str(collection_path))
    try:
        started = time.perf_counter()
        basic = col.models.by_name("Basic")
        deck_ids: dict[str, int] = {}
        requests = []
        for _id, deck, front, back, tags in notes:
            if deck not in deck_ids:
                deck_ids[deck] = col.decks.id(deck)
            note = col.new_note(basic)
            note["Front"], note["Back"] = front, back
            note.tags = tags
            requests.append(AddNoteRequest(note=note, deck_id=deck_ids[deck]))
        col.add_notes(requests)
        elapsed = (time.perf_counter() - started) * 1000
        assert col.card_count() == len(notes)
        return elapsed
    finally:
        col.close()


def build(keeper_db: Path, anki_dir: Path) -> dict[str, int]:
    from anki.collection import Collection

    notes = keeper_notes(keeper_db)
    anki_dir.mkdir(parents=True, exist_ok=True)
    path = anki_dir / "collection.anki2"
    add_notes(path, notes)
    col = Collection(str(path))
    today = col.sched.today
    col.close()
    now = time.time()
    with closing(sqlite3.connect(keeper_db)) as keeper, closing(sqlite3.connect(path)) as anki:
        anki_ids = [row[0] for row in anki.execute("SELECT id FROM cards ORDER BY id")]
        by_keeper = dict(zip([note[0] for note in notes], anki_ids, strict=True))
        updates = []
        for id_, state, due, stability, reps, lapses in keeper.execute(
            "SELECT id, state, due, stability, reps, lapses FROM cards WHERE state != 0"
        ):
            seconds = int(due / 1_000_000)
            ivl = max(1, round(stability or 1))
            if state == 2:  # review: due in days since the collection was created
                values = (2, 2, today + int((seconds - now) // DAY), ivl, 0)
            else:  # learning (1) or relearning (3): due as a moment
                values = (1 if state == 1 else 3, 1, seconds, ivl if state == 3 else 0, 1001)
            updates.append((*values, reps, lapses, by_keeper[id_]))
        anki.executemany(
            "UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, left = ?, factor = 2500,"
            " reps = ?, lapses = ? WHERE id = ?",
            updates,
        )
        used: set[int] = set()
        log = []
        for card_id, rating, at, millis in keeper.execute(
            "SELECT card_id, rating, reviewed_at, duration_ms FROM reviews ORDER BY id"
        ):
            stamp = at // 1000
            while stamp in used:  # revlog ids are unique milliseconds
                stamp += 1
            used.add(stamp)
            log.append((stamp, by_keeper[card_id], rating, 10, 5, 2500, min(millis, 60_000)))
        anki.executemany(
            "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
            " VALUES (?, ?, -1, ?, ?, ?, ?, ?, 1)",
            log,
        )
        anki.commit()
    return {"notes": len(notes), "scheduled": len(updates), "revlog": len(log)}


def open_and_due_tree(path: Path, runs: int) -> list[float]:
    from anki.collection import Collection

    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        col = Collection(str(path))
        col.sched.deck_due_tree()
        samples.append((time.perf_counter() - started) * 1000)
        col.close()
    return samples


def decks(path: Path) -> None:
    """What `keeper decks` does, the Anki way: open, count, print a line per deck."""
    from anki.collection import Collection

    col = Collection(str(path))
    tree = col.sched.deck_due_tree()
    for node in tree.children if tree else []:
        print(f"{node.name}\t{node.total_in_deck}\t{node.new_count}\t{node.review_count}")
    col.close()


def answer(path: Path, answers: int) -> list[float]:
    """Per answer: `answerCard` on the card shown, then `getCard` for the next one."""
    from anki.collection import Collection

    col = Collection(str(path))
    try:
        decks = [deck.id for deck in col.decks.all_names_and_ids() if deck.name != "Default"]
        col.decks.select(decks.pop(0))  # Anki studies one deck (and its children) at a time
        card = col.sched.getCard()
        samples = []
        for number in range(answers):
            while card is None and decks:
                col.decks.select(decks.pop(0))
                card = col.sched.getCard()
            if card is None:
                break
            card.start_timer()
            started = time.perf_counter()
            col.sched.answerCard(card, 1 if number % 10 == 0 else 3)
            card = col.sched.getCard()
            samples.append((time.perf_counter() - started) * 1000)
        return samples
    finally:
        col.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=("build", "add", "open", "decks", "answer"))
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--answers", type=int, default=500)
    args = parser.parse_args()
    if args.action == "build":
        print(json.dumps(build(*args.paths)))
    elif args.action == "add":
        notes = keeper_notes(args.paths[0])
        work = args.paths[1]
        samples = []
        for run in range(args.runs):
            folder = work / f"anki-add-{run}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            samples.append(add_notes(folder / "collection.anki2", notes))
            shutil.rmtree(folder, ignore_errors=True)
        print(json.dumps({"samples": samples, "notes": len(notes)}))
    elif args.action == "open":
        print(json.dumps({"samples": open_and_due_tree(args.paths[0], args.runs)}))
    elif args.action == "decks":
        decks(args.paths[0])
    else:
        print(json.dumps({"samples": answer(args.paths[0], args.answers)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
