"""One writer at a time: a command that would write beside the window or another writer is
refused with one line and changes nothing; reading beside a writer works."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from trainer.cli.main import main
from trainer.services.content_service import FINGERPRINT_KEY
from trainer.storage.data_lock import OWNER_FILE, WINDOW, DataFolderLock

IMPORTED_ROWS = 20_000  # enough that the import is still running when it is paused


def keeper_command(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "trainer", "--data-dir", str(data_dir), *args]


def keeper(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        keeper_command(data_dir, *args), capture_output=True, text=True, timeout=60, env=env
    )


def card_count(data_dir: Path) -> int:
    with closing(sqlite3.connect(data_dir / "collection.sqlite3")) as connection:
        return int(connection.execute("SELECT count(*) FROM cards").fetchone()[0])


def wait_for_holder(data_dir: Path, process: subprocess.Popen[str], holder: str) -> None:
    """Until `process` holds the data folder's lock as `holder` (it writes the owner file)."""
    deadline = time.monotonic() + 60
    wanted = f"{process.pid}\n{holder}"
    owner = data_dir / OWNER_FILE
    while not (owner.exists() and owner.read_text().startswith(wanted)):
        assert process.poll() is None, f"{holder} ended without holding the lock: " + str(
            process.communicate()
        )
        assert time.monotonic() < deadline, f"{holder} never took the data folder's lock"
        time.sleep(0.01)


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stdout
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("keeper: error: "), result.stderr
    for word in words:
        assert word in lines[0]


@contextmanager
def window_open(data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    """The real app, offscreen, holding the collection."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    window = subprocess.Popen(
        keeper_command(data_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        wait_for_holder(data_dir, window, "window")
        yield window
    finally:
        window.kill()
        window.wait()


def refused_window_line(data_dir: Path) -> str:
    """What a launch of the window says when it cannot have the collection (it then shows
    the same words in a message box, which offscreen nobody closes)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    window = subprocess.Popen(
        keeper_command(data_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        assert window.stderr is not None
        line = window.stderr.readline()  # ends with the process if the window opened instead
    finally:
        window.kill()
        window.wait()
    assert (data_dir / OWNER_FILE).read_text().split()[0] != str(window.pid)
    return line


def test_add_and_import_beside_the_window_are_refused_and_change_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    csv = tmp_path / "cards.csv"
    csv.write_text("q1,a1\nq2,a2\n")
    assert keeper(data_dir, "decks").returncode == 0
    assert keeper(data_dir, "backup", "create").returncode == 0
    before = card_count(data_dir)
    with window_open(data_dir) as window:
        added = keeper(data_dir, "add", "--deck", "Extra", "--front", "Q", "--back", "A")
        assert_refused(added, str(data_dir), "open in Keeper's window", str(window.pid))
        imported = keeper(data_dir, "import", str(csv))
        assert_refused(imported, str(data_dir), "open in Keeper's window", str(window.pid))
        restored = keeper(data_dir, "backup", "restore", "latest")
        assert_refused(restored, "open in Keeper's window", str(window.pid))

        decks = keeper(data_dir, "decks", "--json")  # reading beside the window is fine
        assert decks.returncode == 0, decks.stderr
        assert "Extra" not in [deck["name"] for deck in json.loads(decks.stdout)]
    assert card_count(data_dir) == before
    assert not list((data_dir / "backups").glob("*before-import*"))
    assert keeper(data_dir, "add", "--deck", "Extra", "--front", "Q", "--back", "A").returncode == 0
    assert card_count(data_dir) == before + 1  # once the window is closed, it writes


def test_restore_beside_a_running_import_is_refused_and_nothing_is_lost(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    csv = tmp_path / "big.csv"
    csv.write_text("".join(f"front {n},back {n}\n" for n in range(IMPORTED_ROWS)))
    assert keeper(data_dir, "backup", "create").returncode == 1  # no collection yet
    assert keeper(data_dir, "decks").returncode == 0
    assert keeper(data_dir, "backup", "create").returncode == 0
    before = card_count(data_dir)

    importing = subprocess.Popen(
        keeper_command(data_dir, "import", str(csv)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_holder(data_dir, importing, "keeper import")
        importing.send_signal(signal.SIGSTOP)  # a long import, caught in the middle
        assert importing.poll() is None

        restored = keeper(data_dir, "backup", "restore", "latest")
        assert_refused(restored, "being changed by `keeper import`", str(importing.pid))
        added = keeper(data_dir, "add", "--deck", "Extra", "--front", "Q", "--back", "A")
        assert_refused(added, "being changed by `keeper import`", str(importing.pid))
        assert "being changed by `keeper import`" in refused_window_line(data_dir)

        decks = keeper(data_dir, "decks", "--json")  # reading beside a writer works
        assert decks.returncode == 0, decks.stderr
        cards = keeper(data_dir, "cards", "--json")
        assert cards.returncode == 0, cards.stderr
        assert len(json.loads(cards.stdout)) == before

        importing.send_signal(signal.SIGCONT)
        out, err = importing.communicate(timeout=120)
    finally:
        importing.send_signal(signal.SIGCONT)
        importing.kill()
        importing.wait()
    assert importing.returncode == 0, err
    assert f"{IMPORTED_ROWS} added" in out
    assert card_count(data_dir) == before + IMPORTED_ROWS  # the restore did not undo it
    assert not list((data_dir / "backups").glob("*before-restore*"))


def test_a_writer_killed_with_the_lock_held_blocks_nobody(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    csv = tmp_path / "big.csv"
    csv.write_text("".join(f"front {n},back {n}\n" for n in range(IMPORTED_ROWS)))
    assert keeper(data_dir, "decks").returncode == 0
    before = card_count(data_dir)
    importing = subprocess.Popen(
        keeper_command(data_dir, "import", str(csv)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for_holder(data_dir, importing, "keeper import")
    importing.kill()  # SIGKILL: no chance to release anything
    importing.wait()
    assert (data_dir / OWNER_FILE).exists()  # left behind, and harmless

    added = keeper(data_dir, "add", "--deck", "Extra", "--front", "Q", "--back", "A")
    assert added.returncode == 0, added.stderr
    assert card_count(data_dir) in (before + 1, before + 1 + IMPORTED_ROWS)


def test_a_read_that_would_create_the_collection_waits_for_the_window(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "d"
    with DataFolderLock(data_dir, holder=WINDOW):  # this process stands in for the window
        assert main(["--data-dir", str(data_dir), "decks"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "open in Keeper's window" in err
    assert not (data_dir / "collection.sqlite3").exists()


def test_a_read_beside_the_window_leaves_its_built_in_decks_as_they_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "d"
    assert main(["--data-dir", str(data_dir), "decks"]) == 0
    database = data_dir / "collection.sqlite3"
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute(
            "UPDATE settings SET value = ? WHERE key = ?", ('"older"', FINGERPRINT_KEY)
        )
    capsys.readouterr()
    with DataFolderLock(data_dir, holder=WINDOW):  # a window of another version has it
        assert main(["--data-dir", str(data_dir), "decks", "--json"]) == 0
        assert len(json.loads(capsys.readouterr().out)) == 4
    with closing(sqlite3.connect(database)) as connection:
        query = "SELECT value FROM settings WHERE key = ?"
        assert connection.execute(query, (FINGERPRINT_KEY,)).fetchone()[0] == '"older"'
    assert main(["--data-dir", str(data_dir), "decks"]) == 0  # alone, it brings them up to date
    with closing(sqlite3.connect(database)) as connection:
        query = "SELECT value FROM settings WHERE key = ?"
        assert connection.execute(query, (FINGERPRINT_KEY,)).fetchone()[0] != '"older"'
