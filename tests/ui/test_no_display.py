"""Started where there is no display, the window says so in one line instead of Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland are Linux's")
def test_no_display_gives_one_line_and_a_clean_exit(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "--data-dir", str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "no display" in lines[0] and "DISPLAY" in lines[0]
    assert "keeper --help" in lines[0]  # the commands that need no window
    assert not (tmp_path / "data").exists()  # nothing opened or written


def test_an_offscreen_platform_counts_as_a_display() -> None:
    from trainer.app import missing_display

    assert missing_display({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert missing_display({"DISPLAY": ":1"}, "linux") is None
    assert missing_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert missing_display({}, "darwin") is None
    assert missing_display({}, "win32") is None
    assert missing_display({}, "linux") is not None
