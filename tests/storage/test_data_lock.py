"""One writer per data folder, and no stale lock after a killed process."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from trainer.storage.data_lock import DataFolderLock, FolderInUse


def test_a_second_writer_is_refused_with_the_folder_named(tmp_path: Path) -> None:
    with DataFolderLock(tmp_path), pytest.raises(FolderInUse, match=str(tmp_path)):
        DataFolderLock(tmp_path).acquire()
    with DataFolderLock(tmp_path):  # released: free again
        pass


def test_the_lock_of_a_killed_process_is_recovered(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from trainer.storage.data_lock import DataFolderLock;"
            f"lock = DataFolderLock(Path({str(tmp_path)!r})); lock.acquire();"
            "print('locked', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    with pytest.raises(FolderInUse, match=f"process {holder.pid}"):
        DataFolderLock(tmp_path).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    deadline = time.monotonic() + 5
    lock = DataFolderLock(tmp_path)
    while True:
        try:
            lock.acquire()
            break
        except FolderInUse:
            assert time.monotonic() < deadline, "the dead process's lock was never released"
            time.sleep(0.05)
    lock.release()
