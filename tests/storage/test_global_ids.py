"""Every row a user makes has a global guid (schema v6), carried by .keeper files and kept
through backups; the review log is append-only; ids are never handed out twice."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path

import pytest

from tests.conftest import START
from tests.exchange.helpers import story, study
from trainer.app import open_services
from trainer.content.builtin_decks import fingerprint
from trainer.core.card_content import card_content
from trainer.core.cards import Rating
from trainer.core.clock import FixedClock
from trainer.services.content_service import FINGERPRINT_KEY
from trainer.services.services import Services
from trainer.storage.backup import snapshot

FIXTURES = Path(__file__).parent / "fixtures"
GUID = re.compile(r"^(review|story):[0-9a-f]{32}$")
# Every column the v5 schema had, so a migrated row can be compared with the row it was.
V5_COLUMNS = {
    "decks": "*",
    # A later step adds columns (front_key, v7): compare the columns v5 had.
    "cards": "id, deck_id, guid, front, back, tags, source, origin, edited_by_user, suspended,"
    " state, step, stability, difficulty, due, last_review, reps, lapses, created_at,"
    " modified_at",
    "reviews": "id, card_id, rating, reviewed_at, duration_ms, before_state, before_step,"
    " before_stability, before_difficulty, before_due, before_last_review, before_reps,"
    " before_lapses, after_state, after_stability, after_difficulty, after_due, study_day",
    "stories": "id, title, questions, situation, decision, risk, outcome, post_mortem,"
    " changes, tags, target_seconds, created_at, modified_at",
}


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(path)) as connection:
        return {
            table: connection.execute(f"SELECT {columns} FROM {table} ORDER BY id").fetchall()
            for table, columns in V5_COLUMNS.items()
        }


def guids(path: Path, table: str) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [guid for (guid,) in connection.execute(f"SELECT guid FROM {table}")]


def v5_collection(tmp_path: Path, stories_last_id: int | None = None) -> Path:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    path = data_dir / "collection.sqlite3"
    shutil.copy(FIXTURES / "schema_v5.sqlite3", path)
    if stories_last_id is not None:
        with closing(sqlite3.connect(path)) as connection, connection:
            connection.execute(
                "INSERT OR REPLACE INTO settings VALUES ('stories_last_id', ?)",
                (str(stories_last_id),),
            )
    return path


def test_a_v5_collection_keeps_every_row_and_id_and_gains_guids(tmp_path: Path) -> None:
    path = v5_collection(tmp_path)
    # The built-in decks marked current: this is about the migration; how a new release of
    # them treats a collection is tests/services/test_content_upgrade.py's.
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(
            "INSERT OR REPLACE INTO settings VALUES (?, ?)",
            (FINGERPRINT_KEY, json.dumps(fingerprint())),
        )
    before = rows(path)
    assert before["reviews"] and before["stories"]
    services = open_services(path.parent, FixedClock(START), fuzzing=False)
    try:
        found_before = services.browse.search("trial")
    finally:
        services.close()
    assert rows(path) == before
    for table in ("reviews", "stories"):
        found = guids(path, table)
        assert len(found) == len(before[table]) == len(set(found))
        assert all(GUID.match(guid) for guid in found), found
    services = open_services(path.parent, FixedClock(START), fuzzing=False)
    try:
        assert services.browse.search("trial") == found_before  # the text index still holds
        deck = services.decks.create("After the migration")
        newest = services.card_edits.add(deck.id, card_content("Newest", "A", ""))
        services.card_edits.delete([newest])
        assert services.card_edits.add(deck.id, card_content("Next", "B", "")) > newest
    finally:
        services.close()


def test_the_highest_story_id_ever_given_out_is_never_given_again(tmp_path: Path) -> None:
    path = v5_collection(tmp_path, stories_last_id=40)
    services = open_services(path.parent, FixedClock(START), fuzzing=False)
    try:
        assert services.stories.create(story("After the migration")).id == 41
    finally:
        services.close()


def test_the_review_log_is_never_changed_only_added_to_and_deleted_with_its_card(
    services: Services, clock: FixedClock
) -> None:
    study(services, clock, [Rating.GOOD, Rating.AGAIN], days=1)
    path = services.database.path
    logged = rows(path)["reviews"]
    card_id = logged[0][1]
    deck = services.decks.create("Elsewhere")
    services.card_edits.edit(card_id, card_content("Changed", "Text", "t"), deck.id)
    services.card_edits.set_suspended([card_id], True)
    services.card_edits.forget([card_id])
    assert rows(path)["reviews"] == logged  # edits never touch the log
    with closing(sqlite3.connect(path)) as connection, pytest.raises(
        sqlite3.IntegrityError, match="append-only"
    ):
        connection.execute("UPDATE reviews SET rating = 4")

    services.card_edits.delete([card_id])  # deleting a card deletes its log entries
    kept = [row for row in logged if row[1] != card_id]
    assert rows(path)["reviews"] == kept
    assert services.undo.undo() == "Delete card"  # and undoing it puts them back whole
    assert rows(path)["reviews"] == logged

    session = services.study.start_session()
    assert session.current is not None
    session.reveal()
    review = session.grade(Rating.GOOD)
    services.study.record(review)
    assert len(rows(path)["reviews"]) == len(logged) + 1
    services.study.undo(review)  # undoing a grade deletes exactly its entry
    assert rows(path)["reviews"] == logged


def test_keeper_files_carry_review_and_story_guids(
    services: Services, clock: FixedClock, tmp_path: Path
) -> None:
    study(services, clock, [Rating.GOOD, Rating.HARD], days=2)
    services.stories.create(story("The trade show"))
    package = tmp_path / "all.keeper"
    services.exchange.export_file(package, with_history=True, with_stories=True)
    mine = services.database.path
    other = open_services(tmp_path / "other", clock, fuzzing=False)
    try:
        other.exchange.import_file(package)
        theirs = other.database.path
        assert sorted(guids(theirs, "reviews")) == sorted(guids(mine, "reviews"))
        assert guids(theirs, "stories") == guids(mine, "stories")
    finally:
        other.close()
    # Into the collection they came from: the guids are taken, so new ones are given.
    services.exchange.import_file(package, deck="Again")
    assert len(set(guids(mine, "reviews"))) == len(guids(mine, "reviews"))


def test_a_backup_from_before_the_migration_is_restored_and_brought_up_to_date(
    services: Services, tmp_path: Path
) -> None:
    release = tmp_path / "release.sqlite3"  # a copy: opening the fixture would write beside it
    shutil.copy(FIXTURES / "schema_v5.sqlite3", release)
    old = snapshot(release, services.backups.backups_dir, "old-release")
    backup = next(b for b in services.backups.backups() if b.path == old)
    services.restore_backup(backup)
    assert services.stats.collection_stats().reviews == 5
    created = services.stories.create(story("Written after the restore"))
    assert created.guid and created.id is not None
    deck = services.decks.create("Restored")
    assert services.card_edits.add(deck.id, card_content("New", "Card", "")) > 0


def test_a_format_1_file_without_guids_still_imports_and_its_rows_get_guids(
    services: Services, clock: FixedClock, tmp_path: Path
) -> None:
    study(services, clock, [Rating.GOOD], days=2)
    services.stories.create(story("The pricing page"))
    package = tmp_path / "new.keeper"
    services.exchange.export_file(package, with_history=True, with_stories=True)
    old = tmp_path / "old.keeper"  # as Keeper wrote it before format 2: no guids
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(old, "w") as target:
        for name in source.namelist():
            document = json.loads(source.read(name))
            if name == "manifest.json":
                document["version"] = 1
            elif name in ("reviews.json", "stories.json"):
                assert all("guid" in item for item in document)
                document = [{k: v for k, v in item.items() if k != "guid"} for item in document]
            target.writestr(name, json.dumps(document))
    other = open_services(tmp_path / "other", clock, fuzzing=False)
    try:
        report = other.exchange.import_file(old)
        assert (report.reviews, report.stories) == (2, 1)
        for table in ("reviews", "stories"):
            found = guids(other.database.path, table)
            assert len(found) == len(set(found)) and all(GUID.match(g) for g in found)
    finally:
        other.close()
