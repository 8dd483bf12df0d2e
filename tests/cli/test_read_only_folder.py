"""A data folder Keeper may read but not write (a read-only mount, a folder shared read-only).

Commands that only read once failed with "attempt to write a readonly database": SQLite
cannot read a WAL database without making its shared-memory file beside it. Now they answer,
and a command that writes says in one line that nothing can be saved there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from trainer.cli.main import main


def as_a_user(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`python -m trainer ...` bound by file permissions: root normally ignores them, so as
    root the command runs without the capabilities that override them."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "running as root needs setpriv (util-linux) to drop CAP_DAC_OVERRIDE"
        prefix = [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "trainer", *map(str, args)],
        capture_output=True, text=True, timeout=120, env=os.environ.copy(),
    )  # fmt: skip


def snapshot_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.fixture
def read_only_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Path]:
    """A collection closed cleanly (no write-ahead log beside it) in a read-only folder."""
    data_dir = tmp_path / "data"
    add = ["add", "--deck", "Mine", "--front", "kept", "--back", "b"]
    assert main(["--data-dir", str(data_dir), *add]) == 0
    capsys.readouterr()
    # the writer's lock file stays (an OS lock on it, released): nothing else
    assert sorted(p.name for p in data_dir.iterdir()) == ["collection.sqlite3", "keeper.lock"]
    data_dir.chmod(0o555)
    yield data_dir
    data_dir.chmod(0o755)


def test_commands_that_only_read_answer_from_a_read_only_folder(
    read_only_data: Path, tmp_path: Path
) -> None:
    before = snapshot_of(read_only_data)
    keeper = ("--data-dir", read_only_data)
    for args in (("decks",), ("stats",), ("backup", "list")):
        done = as_a_user(*keeper, *args)
        assert (done.returncode, done.stderr) == (0, ""), args
    listed = as_a_user(*keeper, "cards", "--search", "deck:Mine", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [card["front"] for card in json.loads(listed.stdout)] == ["kept"]
    exported = as_a_user(*keeper, "export", tmp_path / "mine.csv", "--deck", "Mine")
    assert exported.returncode == 0, exported.stderr
    assert "kept" in (tmp_path / "mine.csv").read_text(encoding="utf-8")
    assert snapshot_of(read_only_data) == before


def test_a_command_that_writes_says_so_in_one_line_and_changes_nothing(
    read_only_data: Path,
) -> None:
    before = snapshot_of(read_only_data)
    done = as_a_user("--data-dir", read_only_data, "add", "--deck", "Mine", "--front", "new",
                     "--back", "b")  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("keeper: error: ")
    assert "read-only" in done.stderr and "nothing was saved" in done.stderr
    assert snapshot_of(read_only_data) == before


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("backup", "create"), "could not back up"),
        (("import", "CSV"), "nothing was saved"),
        (("build-cards", "GUIDE", "--deck", "Mine"), "nothing was saved"),
    ],
)
def test_commands_that_write_elsewhere_in_the_folder_fail_in_one_line(
    read_only_data: Path, tmp_path: Path, args: tuple[str, ...], says: str
) -> None:
    (tmp_path / "cards.csv").write_text("front,back\nq,a\n", encoding="utf-8")
    (tmp_path / "guide.md").write_text("# Caching\n\n**LRU**: evict the least recently used.\n")
    files = {"CSV": str(tmp_path / "cards.csv"), "GUIDE": str(tmp_path / "guide.md")}
    before = snapshot_of(read_only_data)
    done = as_a_user("--data-dir", read_only_data, *[files.get(arg, arg) for arg in args])
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "unexpected" not in done.stderr
    assert says in done.stderr
    assert snapshot_of(read_only_data) == before


def test_no_collection_in_a_read_only_folder_says_it_cannot_be_made(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir(mode=0o555)
    try:
        done = as_a_user("--data-dir", folder, "decks")
    finally:
        folder.chmod(0o755)
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert f"cannot create {folder / 'collection.sqlite3'}" in done.stderr
    assert list(folder.iterdir()) == []


def test_reads_with_an_interview_date_set_answer_from_a_read_only_folder(
    tmp_path: Path,
) -> None:
    """With a date set, the day's plan is kept in the collection when first made; a read
    where nothing can be kept still answers, with the plan made afresh."""
    from datetime import date, timedelta

    from trainer.app import open_services

    data_dir = tmp_path / "data"
    services = open_services(data_dir)
    services.plan.set_interview_date(date.today() + timedelta(days=10))
    services.close()
    before = snapshot_of(data_dir)
    data_dir.chmod(0o555)
    try:
        for args in (("decks", "--json"), ("stats",), ("plan", "--json")):
            done = as_a_user("--data-dir", data_dir, *args)
            assert (done.returncode, done.stderr) == (0, ""), args
    finally:
        data_dir.chmod(0o755)
    assert snapshot_of(data_dir) == before
