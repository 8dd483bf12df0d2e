"""One writer per data folder, and no stale lock after a killed process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from trainer.storage.data_lock import OWNER_FILE, WINDOW, DataFolderLock, FolderInUse


def test_a_second_writer_is_refused_with_the_folder_named(tmp_path: Path) -> None:
    with DataFolderLock(tmp_path, WINDOW), pytest.raises(FolderInUse, match=str(tmp_path)):
        DataFolderLock(tmp_path, WINDOW).acquire()
    with DataFolderLock(tmp_path, WINDOW):  # released: free again
        pass


def test_the_lock_of_a_killed_process_is_recovered(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from trainer.storage.data_lock import DataFolderLock;"
            f"lock = DataFolderLock(Path({str(tmp_path)!r}), 'keeper import'); lock.acquire();"
            "print('locked', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    with pytest.raises(FolderInUse, match=f"process {holder.pid}"):
        DataFolderLock(tmp_path, WINDOW).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    deadline = time.monotonic() + 5
    lock = DataFolderLock(tmp_path, WINDOW)
    while True:
        try:
            lock.acquire()
            break
        except FolderInUse:
            assert time.monotonic() < deadline, "the dead process's lock was never released"
            time.sleep(0.05)
    lock.release()


def test_a_writer_waits_for_a_command_to_finish_then_takes_the_folder(tmp_path: Path) -> None:
    command = DataFolderLock(tmp_path, holder="keeper add")
    command.acquire()
    finished = threading.Timer(0.3, command.release)  # the add ends while the other waits
    finished.start()
    waiting = DataFolderLock(tmp_path, holder="keeper import")
    waiting.acquire(wait=60)
    finished.join()
    assert (tmp_path / OWNER_FILE).read_text().split("\n")[:2] == [
        str(os.getpid()),
        "keeper import",
    ]
    waiting.release()


def test_nobody_waits_for_the_window_and_the_refusal_names_it(tmp_path: Path) -> None:
    started = time.monotonic()
    with DataFolderLock(tmp_path, holder=WINDOW), pytest.raises(FolderInUse) as refused:
        DataFolderLock(tmp_path, holder="keeper add").acquire(wait=600)
    assert time.monotonic() - started < 60  # refused at once, not after the 600 s offered
    assert str(refused.value) == (
        f"the collection in {tmp_path} is open in Keeper's window (process {os.getpid()}); "
        "close it or try again"
    )


def test_a_folder_that_cannot_be_locked_is_not_mistaken_for_one_in_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import fcntl

    def no_locks(fd: int, operation: int) -> None:  # a network drive without flock
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    with pytest.raises(OSError, match="No locks available"):
        DataFolderLock(tmp_path, "keeper add").acquire(wait=1)
