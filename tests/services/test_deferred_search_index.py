"""An import's cards reach the full-text index after the import, not inside it: searches find
the same cards while they wait, every write keeps the index whole, and a catch-up killed
midway leaves a consistent collection."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from trainer.core.cards import NewCard
from trainer.services.services import Services
from trainer.storage.integrity import quick_check

ROWS = (
    # front, back, tags
    ("What is a **decorator**?", "A function wrapping a function.", "python functions"),
    ("Explain the GIL", "Global Interpreter Lock: one thread runs bytecode.", "python"),
    ("List comprehension vs map()", "Both build lists; -> prefer clarity.", "style"),
    ("Design a cache", "Use LRU; think about invalidation.", "system-design caching"),
    ("Qu'est-ce qu'un CAFÉ?", "Une boisson. Résumé: café noir.", "français"),
    ("Rate limiter design", "Token bucket or leaky bucket.", "system-design"),
    ("Garbage collection", "Mark and sweep; generational GC.", "memory gc"),
    ("Naïve string search", "O(n*m) in the worst case.", "algorithms"),
    ("Ærø ﬁsh œuvre straße", "Ǆemal ǅ ǆ İstanbul", "unicode"),
)
QUERIES = (
    "python", "PYTHON", "pyth", "ython", "cafe", "CAFÉ", "resume", "naive", "design",
    "design cache", '"token bucket"', '"bucket token"', '"rate lim"', "function", "->",
    "o(n*m)", "c++", "tag:python", "tag:system-design", "tag:system*", "tag:*ing",
    "tag:francais", "-python", "python or garbage", "design or -tag:*", "-(cache or gc)",
    "tag:python function", '"leaky bucket" deck:imp*', "fish", "straße", "strasse", "oeuvre",
    "istanbul", "aero", "aerø", "dzemal", "is:new cache",
)  # fmt: skip


def write_csv(path: Path, rows: tuple[tuple[str, str, str], ...], copies: int = 1) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["front", "back", "tags"])
        for copy in range(copies):
            for front, back, tags in rows:
                out.writerow([f"{front} {copy}" if copies > 1 else front, back, tags])
    return path


def raw(services: Services) -> sqlite3.Connection:
    return closing(sqlite3.connect(services.database.path))  # type: ignore[return-value]


def pending(services: Services) -> int:
    return services.search_index.pending()


def index_is_whole(services: Services) -> None:
    """FTS5's own check of the index against the cards (rank 1: the content too; plain,
    it checks only the index's own structure). Raises if they differ."""
    with raw(services) as connection:
        connection.execute("INSERT INTO card_text (card_text, rank) VALUES ('integrity-check', 1)")


def index_is_not_whole(services: Services) -> bool:
    try:
        index_is_whole(services)
    except sqlite3.DatabaseError:
        return True
    return False


def finds(services: Services) -> dict[str, list[int]]:
    return {query: services.browse.search(query) for query in QUERIES}


@pytest.fixture
def imported(tmp_path: Path, services: Services) -> Services:
    if not services.search_index.pending() and not _has_index(services):
        pytest.skip("this SQLite has no FTS5")
    services.exchange.import_file(write_csv(tmp_path / "cards.csv", ROWS), deck="Imported")
    return services


def _has_index(services: Services) -> bool:
    with raw(services) as connection:
        query = "SELECT 1 FROM sqlite_master WHERE name = 'card_text'"
        return connection.execute(query).fetchone() is not None


def test_an_import_leaves_its_cards_pending_and_the_catch_up_indexes_them(
    imported: Services,
) -> None:
    assert pending(imported) == len(ROWS)
    assert index_is_not_whole(imported)  # the pending cards are really not in the index
    assert imported.search_index.catch_up() == len(ROWS)
    assert pending(imported) == 0
    index_is_whole(imported)


def test_searches_find_the_same_cards_before_and_after_the_catch_up(
    imported: Services,
) -> None:
    waiting = finds(imported)
    assert waiting["python"] and waiting["cafe"] and waiting["tag:system*"]  # not vacuous
    imported.search_index.catch_up()
    assert finds(imported) == waiting


def test_the_first_rows_while_cards_wait_are_the_head_of_the_whole_list(
    imported: Services,
) -> None:
    """The browser's first rows walk the front order and test each card (storage/
    card_query.py, walk_in_order): the cards not indexed yet are found there too."""
    judged = set()
    for whole_list_below in (1, 10_000):  # every search broad (past 3 rows), or narrow
        imported.browse.whole_list_below = whole_list_below
        for query, whole in finds(imported).items():
            first = imported.browse.first_rows(query, rows=3)
            assert first.ids == (whole if first.complete else whole[:3]), query
            judged.add(first.complete)
    assert judged == {True, False}


def test_half_caught_up_searches_find_the_same_cards(imported: Services) -> None:
    from trainer.storage.search_index import index_chunk

    waiting = finds(imported)
    with closing(imported.database.connect()) as connection:
        assert index_chunk(connection, 4) == 4
    assert pending(imported) == len(ROWS) - 4
    assert finds(imported) == waiting


def test_a_pending_card_edited_or_deleted_keeps_the_index_whole(imported: Services) -> None:
    [cache] = imported.browse.search("cache")
    [gil] = imported.browse.search("gil")
    imported.card_edits.edit(cache, NewCard("Design a queue", "FIFO", ("queues",)))
    imported.card_edits.delete([gil])
    assert imported.browse.search("cache") == []
    assert imported.browse.search("queue") == [cache]
    assert imported.browse.search("gil") == []
    assert pending(imported) == len(ROWS) - 1
    imported.search_index.catch_up()
    assert imported.browse.search("queue tag:queues") == [cache]
    assert imported.browse.search("cache or gil") == []
    index_is_whole(imported)


def test_a_reimport_reindexes_the_cards_it_changes_and_undo_puts_them_back(
    imported: Services, tmp_path: Path
) -> None:
    """Indexed cards an import changes are indexed with their new text at once; pending
    ones stay pending."""
    imported.search_index.catch_up()
    [limiter] = imported.browse.search('"token bucket"')
    changed = tuple((front, back.replace("bucket", "funnel"), tags) for front, back, tags in ROWS)
    report = imported.exchange.import_file(write_csv(tmp_path / "next.csv", changed), "Imported")
    assert (report.added, report.updated) == (0, 1)
    assert pending(imported) == 0
    assert imported.browse.search("funnel") == [limiter]
    assert imported.browse.search("bucket") == []
    index_is_whole(imported)
    imported.undo.undo()
    assert imported.browse.search("bucket") == [limiter]
    assert imported.browse.search("funnel") == []
    index_is_whole(imported)


def test_a_reimport_before_the_catch_up_leaves_the_cards_pending(
    imported: Services, tmp_path: Path
) -> None:
    changed = tuple((front, back.replace("bucket", "funnel"), tags) for front, back, tags in ROWS)
    imported.exchange.import_file(write_csv(tmp_path / "next.csv", changed), "Imported")
    assert pending(imported) == len(ROWS)
    [limiter] = imported.browse.search("funnel")
    imported.search_index.catch_up()
    assert imported.browse.search("funnel") == [limiter]
    assert imported.browse.search("bucket") == []
    index_is_whole(imported)


def test_a_big_reimport_keeps_the_index_whole_and_its_settings_as_they_were(
    services: Services, tmp_path: Path
) -> None:
    """From 1,000 changed cards the index's hash is widened for the removal, then put back."""
    if not _has_index(services):
        pytest.skip("this SQLite has no FTS5")
    copies = 112  # 1,008 cards
    services.exchange.import_file(write_csv(tmp_path / "a.csv", ROWS, copies), "Imported")
    services.search_index.catch_up()
    changed = tuple((front, back + " revised", tags) for front, back, tags in ROWS)
    report = services.exchange.import_file(
        write_csv(tmp_path / "b.csv", changed, copies), "Imported"
    )
    assert report.updated == len(ROWS) * copies
    assert pending(services) == 0
    assert len(services.browse.search("revised")) == len(ROWS) * copies
    assert services.browse.search('"leaky bucket revised"')
    with raw(services) as connection:
        config = connection.execute("SELECT k, v FROM card_text_config").fetchall()
    assert config == [("version", 4)]
    index_is_whole(services)


def test_undoing_an_import_with_pending_cards_keeps_the_index_whole(
    imported: Services,
) -> None:
    [earlier] = imported.browse.search("okapi") or [None]
    assert earlier is None
    imported.card_edits.add_cards("Mine", [NewCard("okapi", "stripes")])
    # a second import, undone before its catch-up
    imported.undo.undo()  # the okapi
    imported.undo.undo()  # the import
    assert pending(imported) == 0
    assert imported.browse.search("python or cafe") == []
    index_is_whole(imported)


def test_undoing_an_import_after_its_catch_up_keeps_the_index_whole(
    imported: Services,
) -> None:
    imported.search_index.catch_up()
    imported.undo.undo()
    assert imported.browse.search("python or cafe") == []
    index_is_whole(imported)


def test_a_pending_collection_passes_the_integrity_check(imported: Services) -> None:
    assert pending(imported) > 0
    quick_check(imported.database.path)
    with raw(imported) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_catch_up_on_its_thread_indexes_everything(imported: Services) -> None:
    imported.search_index.catch_up_later()
    imported.search_index.wait(timeout=60)
    assert pending(imported) == 0
    index_is_whole(imported)


KILLED_MID_CATCH_UP = """
import os, signal, sys
from pathlib import Path
from trainer.storage import search_index
from trainer.storage.database import open_database
database = open_database(Path(sys.argv[1]))
chunks = []
def pause(_seconds):
    chunks.append(1)
    if len(chunks) == 3:
        os.kill(os.getpid(), signal.SIGKILL)
real_index_chunk = search_index.index_chunk
def index_then_die(connection, cards):
    if len(chunks) == 2:  # the third chunk: killed inside its transaction
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("DELETE FROM card_text_pending WHERE card_id IN "
                           "(SELECT card_id FROM card_text_pending LIMIT 5)")
        os.kill(os.getpid(), signal.SIGKILL)
    return real_index_chunk(connection, 5)
search_index.index_chunk = index_then_die
search_index.catch_up(database.connect, pause=pause)
"""


def test_a_catch_up_killed_midway_leaves_a_consistent_collection(
    tmp_path: Path, services: Services
) -> None:
    if not _has_index(services):
        pytest.skip("this SQLite has no FTS5")
    services.exchange.import_file(write_csv(tmp_path / "many.csv", ROWS, copies=4))
    waiting = finds(services)
    total = pending(services)
    path = services.database.path
    services.close()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_MID_CATCH_UP, str(path)], env=env, timeout=120, check=False
    )
    assert killed.returncode == -signal.SIGKILL
    from tests.conftest import START
    from trainer.app import open_services
    from trainer.core.clock import FixedClock

    reopened = open_services(path.parent, FixedClock(START), fuzzing=False)
    try:
        assert pending(reopened) == total - 10  # two chunks of five committed, not the third
        assert finds(reopened) == waiting
        reopened.search_index.catch_up()
        assert pending(reopened) == 0
        assert finds(reopened) == waiting
        index_is_whole(reopened)
    finally:
        reopened.close()


def test_a_restored_backup_with_pending_cards_is_caught_up(imported: Services) -> None:
    backup = imported.backups.create("manual")  # taken while the import's cards wait
    imported.search_index.catch_up()
    imported.search_index.catch_up_later()  # a catch-up asked for while the restore comes
    imported.restore_backup(backup)
    imported.search_index.wait(timeout=60)
    assert pending(imported) == 0
    assert len(imported.browse.search("python")) == 2
    index_is_whole(imported)


def test_undoing_the_delete_of_a_pending_card_brings_it_back_indexed(
    imported: Services,
) -> None:
    [cache] = imported.browse.search("cache")
    imported.card_edits.delete([cache])
    imported.undo.undo()
    assert imported.browse.search("cache") == [cache]
    assert pending(imported) == len(ROWS) - 1  # put back by the journal: indexed on insert
    imported.search_index.catch_up()
    assert imported.browse.search("cache") == [cache]
    index_is_whole(imported)
