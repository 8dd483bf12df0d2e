"""A second launch on the same data folder hands over to the running window and exits."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from trainer.storage.data_lock import OWNER_FILE


def launch(data_dir: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "trainer", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def wait_for_window(data_dir: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while not (data_dir / OWNER_FILE).exists() or not (data_dir / "collection.sqlite3").exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the first Keeper never started"
        time.sleep(0.1)
    # No pause: the window listens for launches only once painted, and a second launch
    # before that must still hand over, not fail.


def test_second_launch_exits_promptly_and_the_first_keeps_running(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    first = launch(data_dir)
    try:
        wait_for_window(data_dir, first)
        started = time.monotonic()
        second = launch(data_dir)
        out, err = second.communicate(timeout=20)
        assert second.returncode == 0, err
        assert "already open" in out
        assert time.monotonic() - started < 10
        assert first.poll() is None, "the first window must stay open"

        keeper = [sys.executable, "-m", "trainer", "--data-dir", str(data_dir), "backup"]
        created = subprocess.run([*keeper, "create"], capture_output=True, text=True, timeout=30)
        assert created.returncode == 0, created.stderr  # reading while the app runs is fine
        restore = subprocess.run(
            [*keeper, "restore", "latest"], capture_output=True, text=True, timeout=30
        )
        assert restore.returncode == 1  # replacing the file under a running app is not
        assert "open in Keeper's window" in restore.stderr and str(first.pid) in restore.stderr
    finally:
        first.kill()
        first.wait()
