"""Files to read that are not regular files: a FIFO or a device is refused in one line.

Was: `keeper build-cards` on a FIFO waited forever and on /dev/zero read until memory ran
out; `keeper import` called both "empty".
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def keeper(data_dir: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trainer", "--data-dir", str(data_dir), *map(str, args)],
        capture_output=True, text=True, timeout=120, env=os.environ.copy(),
    )  # fmt: skip


@pytest.mark.parametrize("command", ["import", "build-cards"])
@pytest.mark.parametrize("kind", ["FIFO", "device"])
def test_a_fifo_or_device_to_read_is_refused_in_one_line(
    tmp_path: Path, command: str, kind: str
) -> None:
    source = tmp_path / "pipe"
    if kind == "FIFO":
        os.mkfifo(source)
    else:
        source = Path("/dev/zero")  # endless: reading it all would never finish
    done = keeper(tmp_path / "data", command, source)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and str(source) in done.stderr
    assert "not a regular file" in done.stderr
