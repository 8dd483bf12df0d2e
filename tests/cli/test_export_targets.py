"""Where `keeper export` writes: a new file, or in place of an existing regular file.

It once replaced whatever the path named: a device node (`/dev/full`, as root) or a FIFO
became a regular file, a symbolic link was replaced by a file. Now anything that is not a
regular file is refused in one line, and a symbolic link is written through: the file it
points to gets the export, the link stays.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from trainer.cli.main import main

FORMATS = ["keeper", "apkg", "csv"]


def export(data_dir: Path, target: Path, fmt: str) -> int:
    args = ["--data-dir", str(data_dir), "export", str(target), "--format", fmt]
    return main([*args, "--deck", "Interview FAQ"])


def holds_the_export(path: Path, fmt: str) -> bool:
    if fmt == "csv":
        return path.read_text(encoding="utf-8").startswith("front,back,tags")
    return zipfile.is_zipfile(path)


@pytest.fixture
def data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "data"
    assert main(["--data-dir", str(folder), "decks"]) == 0
    capsys.readouterr()
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_fifo_is_refused_in_one_line_and_left_as_it_is(
    data_dir: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert export(data_dir, fifo, fmt) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(fifo) in err and "not a regular file" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO must stay a FIFO"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "pipe"], "no stray file"


def a_device(tmp_path: Path) -> Path:
    """A character device: a copy of /dev/null's node where root may make one (so a
    regression cannot replace the real one), else /dev/null itself."""
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.stat(os.devnull).st_rdev)
    except PermissionError:
        return Path(os.devnull)
    return node


def test_a_device_is_refused_in_one_line_and_left_as_it_is(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    device = a_device(tmp_path)
    assert export(data_dir, device, "csv") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(device) in err and "not a regular file" in err
    assert stat.S_ISCHR(os.lstat(device).st_mode), "the device must stay a device"


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_symbolic_link_is_written_through_and_stays_a_link(
    data_dir: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real = elsewhere / "decks.out"
    real.write_text("an older export\n")
    link = tmp_path / "link.out"
    link.symlink_to(real)
    assert export(data_dir, link, fmt) == 0, capsys.readouterr().err
    assert link.is_symlink() and link.readlink() == real
    assert holds_the_export(real, fmt)
    assert sorted(p.name for p in elsewhere.iterdir()) == ["decks.out"]


def test_a_link_to_something_not_a_regular_file_is_refused(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link.csv"
    link.symlink_to(fifo)
    assert export(data_dir, link, "csv") == 1
    assert "not a regular file" in capsys.readouterr().err
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_replacing_a_file_keeps_its_permissions_and_a_new_file_follows_the_umask(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "shared.csv"
    shared.write_text("old\n")
    shared.chmod(0o664)
    assert export(data_dir, shared, "csv") == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664 and holds_the_export(shared, "csv")

    umask = os.umask(0o027)
    try:
        fresh = tmp_path / "fresh.keeper"
        assert export(data_dir, fresh, "keeper") == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640


@pytest.mark.parametrize("name", ["collection.sqlite3", "collection.sqlite3-wal", "keeper.lock"])
def test_keepers_own_files_are_never_an_export_target(
    data_dir: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Was: `keeper export <data>/collection.sqlite3 --format csv` wrote CSV over the
    collection, with no backup taken: every card lost."""
    assert main(["--data-dir", str(data_dir), "backup", "create"]) == 0
    (backup,) = (data_dir / "backups").iterdir()
    capsys.readouterr()
    before = {p: p.read_bytes() for p in (data_dir / "collection.sqlite3", backup)}
    for target in (data_dir / name, backup):
        assert export(data_dir, target, "csv") == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Keeper's own files" in err
    assert {p: p.read_bytes() for p in before} == before
    assert main(["--data-dir", str(data_dir), "decks"]) == 0
