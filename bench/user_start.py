"""Start-up as a user sees it: spawn a command under X and wait until its window is mapped.

    python bench/user_start.py DATA_DIR [--runs N] [--bundle dist/keeper/keeper]
                               [--tree NAME=SOURCE_TREE ...] [--other-bundle NAME=EXE ...]

Times, side by side and in turn, round by round: an empty PySide6 window started as a
script (`python empty_window.py`, the floor), the real `keeper --data-dir DATA_DIR` console
script (the one pip installs, running this tree's code) and, when given, the PyInstaller
bundle; `--tree before=/tmp/old` also times `keeper` running another source tree's code
(an unpacked older commit), for a before and after in one run, and `--other-bundle
before=/tmp/old/dist/keeper/keeper` another bundle (built from such a tree). The clock
runs from just before the spawn to the X server's MapNotify for the command's first
top-level window (no window manager: the window is mapped when Qt shows it), read by this
process through libX11 (ctypes; nothing to install beyond Xvfb). On Linux each child's CPU
time until then is reported too (`CPU ms to mapped`, `CPU ratios`): on a machine other
work loads, it moves far less than the wall clock. Each child is killed once mapped.
Needs Xvfb: this script and `run.py --xvfb` start one.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import json
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import ROOT, Xvfb, cache_root, child_env, python, summary  # noqa: E402

CPU = "CPU ms to mapped"  # the children's own CPU time (Linux), beside the wall clock's
CPU_RATIOS = "CPU ratios"
_MAP_NOTIFY = 19
_SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
_MAIN_WINDOW = (640, 480)
_EMPTY_WINDOW = """\
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(980, 680)
window.show()
sys.exit(app.exec())
"""
# What pip writes for `keeper = "trainer.cli.main:main"` (used when none is installed here).
_CONSOLE_SCRIPT = """\
#!{python}
import re
import sys
from trainer.cli.main import main
if __name__ == '__main__':
    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])
    sys.exit(main())
"""


class _MapEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("event", ctypes.c_ulong),
        ("window", ctypes.c_ulong),
        ("override_redirect", ctypes.c_int),
    ]


class _Event(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("map", _MapEvent), ("pad", ctypes.c_long * 24)]


class MapWatcher:
    """Notes when any new top-level window is mapped on the display named by $DISPLAY."""

    def __init__(self, display_name: str) -> None:
        self.x = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
        self.x.XOpenDisplay.restype = ctypes.c_void_p
        self.x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        self.x.XPending.argtypes = [ctypes.c_void_p]
        self.x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_Event)]
        self.x.XConnectionNumber.argtypes = [ctypes.c_void_p]
        self.x.XFlush.argtypes = [ctypes.c_void_p]
        self.x.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p]
        self.display = self.x.XOpenDisplay(display_name.encode())
        if not self.display:
            raise RuntimeError(f"cannot open X display {display_name}")
        root = self.x.XDefaultRootWindow(self.display)
        self.x.XSelectInput(self.display, root, _SUBSTRUCTURE_NOTIFY_MASK)
        self.x.XFlush(self.display)
        self.fd = self.x.XConnectionNumber(self.display)

    def drain(self) -> None:
        event = _Event()
        while self.x.XPending(self.display):
            self.x.XNextEvent(self.display, ctypes.byref(event))

    def wait_for_map(self, process: subprocess.Popen[bytes], timeout: float) -> float:
        """time.monotonic() when a top-level window (not a popup) was mapped."""
        event = _Event()
        deadline = time.monotonic() + timeout
        while True:
            while self.x.XPending(self.display):
                self.x.XNextEvent(self.display, ctypes.byref(event))
                if event.type == _MAP_NOTIFY and not event.map.override_redirect:
                    mapped = time.monotonic()
                    self._refuse_a_dialog(event.map.window, process)
                    return mapped
            if process.poll() is not None:
                raise RuntimeError(f"{process.args} exited ({process.returncode}) unmapped")
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{process.args} mapped no window in {timeout} s")
            select.select([self.fd], [], [], min(left, 0.05))

    def _refuse_a_dialog(self, window: int, process: subprocess.Popen[bytes]) -> None:
        """A message box (Keeper refusing the folder, a newer schema...) maps a window too:
        only a main window (at least 640x480, Keeper's minimum) counts as started."""
        attributes = (ctypes.c_int * 64)()  # XWindowAttributes begins x, y, width, height
        if self.x.XGetWindowAttributes(self.display, window, attributes):
            width, height = attributes[2], attributes[3]
            if width < _MAIN_WINDOW[0] or height < _MAIN_WINDOW[1]:
                raise RuntimeError(f"{process.args} mapped a {width}x{height} dialog, not a window")


def console_script(folder: Path) -> Path:
    """The `keeper` console script next to this interpreter (as pip installed it; in a venv,
    the venv's), or the same script written into `folder` when none is installed."""
    installed = Path(sys.executable).parent / "keeper"
    if installed.is_file() and installed.read_text(errors="replace").startswith("#!"):
        return installed
    script = folder / "keeper"
    script.write_text(_CONSOLE_SCRIPT.format(python=sys.executable))
    script.chmod(0o755)
    return script


def commands(
    data_dir: Path,
    folder: Path,
    bundle: Path | None,
    trees: dict[str, Path] | None = None,
    other_bundles: dict[str, Path] | None = None,
) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Name -> (command, environment changes)."""
    empty = folder / "empty_window.py"
    empty.write_text(_EMPTY_WINDOW)
    keeper = [str(console_script(folder)), "--data-dir", str(data_dir)]
    chosen = {
        "empty window (script)": ([python(), str(empty)], {}),
        "keeper --data-dir D": (keeper, {"PYTHONPATH": str(ROOT)}),
    }
    for name, tree in (trees or {}).items():
        chosen[f"keeper --data-dir D ({name})"] = (keeper, {"PYTHONPATH": str(tree)})
    if bundle is not None:
        chosen["bundle --data-dir D"] = ([str(bundle), "--data-dir", str(data_dir)], {})
    for name, other in (other_bundles or {}).items():
        chosen[f"bundle --data-dir D ({name})"] = ([str(other), "--data-dir", str(data_dir)], {})
    return chosen


def time_to_map(
    watcher: MapWatcher, command: Sequence[str], env: dict[str, str], timeout: float = 60
) -> tuple[float, float | None]:
    """Milliseconds from spawn to the first mapped top-level window, and the CPU time the
    child had used by then (None where /proc cannot tell); the child is killed."""
    watcher.drain()
    started = time.monotonic()
    process = subprocess.Popen(
        list(command), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        mapped = watcher.wait_for_map(process, timeout)
    except (RuntimeError, TimeoutError) as error:
        said = _stop(process)  # killed first: a dialog left open holds its stderr open
        raise RuntimeError(f"{error}\n{said}") from None
    process.send_signal(signal.SIGSTOP)  # first: what it runs after the map is not counted
    used = cpu_ms(process.pid)
    _stop(process)
    return (mapped - started) * 1000, used


def cpu_ms(pid: int) -> float | None:
    """CPU time all of a process's threads have run so far, in ms (Linux's schedstat, in
    nanoseconds: what a loaded machine does not inflate as it does the wall clock). The child
    is stopped as soon as its map is seen; what it ran between the map and then is counted."""
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        return sum(int((task / "schedstat").read_text().split()[0]) for task in tasks) / 1e6
    except (OSError, ValueError, IndexError):
        return None


def _stop(process: subprocess.Popen[bytes]) -> str:
    """Kill the child if it still runs; what it wrote on stderr (the end of it)."""
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.stderr is not None
    said = process.stderr.read().decode(errors="replace")[-2000:]
    process.stderr.close()
    return said


def user_start(
    data_dir: Path,
    runs: int,
    env: dict[str, str],
    bundle: Path | None = None,
    trees: dict[str, Path] | None = None,
    other_bundles: dict[str, Path] | None = None,
) -> dict[str, object]:
    """Each command in turn per round, after an untimed warm-up round; medians and ratios."""
    with tempfile.TemporaryDirectory() as folder:
        chosen = commands(data_dir, Path(folder), bundle, trees, other_bundles)
        watcher = MapWatcher(env["DISPLAY"])
        samples: dict[str, list[float]] = {name: [] for name in chosen}
        cpu: dict[str, list[float]] = {name: [] for name in chosen}
        for round_ in range(runs + 1):
            for name, (command, changes) in chosen.items():
                elapsed, used = time_to_map(watcher, command, {**env, **changes})
                if round_:
                    samples[name].append(elapsed)
                    if used is not None:
                        cpu[name].append(used)
    result: dict[str, object] = {name: summary(values) for name, values in samples.items()}
    result["ratios"] = _ratios(result)
    if all(cpu.values()):
        cpu_result = {name: summary(values) for name, values in cpu.items()}
        result[CPU] = cpu_result
        result[CPU_RATIOS] = _ratios(cpu_result)
    return result


def _ratios(medians: dict[str, object]) -> dict[str, float]:
    floor = medians["empty window (script)"]["median"]  # type: ignore[index]
    return {
        name: round(values["median"] / floor, 2)
        for name, values in medians.items()
        if name != "empty window (script)" and isinstance(values, dict) and "median" in values
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--bundle", type=Path, help="the built bundle's executable")
    parser.add_argument(
        "--tree", action="append", default=[], help="NAME=DIR: also time another source tree"
    )
    parser.add_argument(
        "--other-bundle", action="append", default=[], help="NAME=EXE: also time another bundle"
    )
    args = parser.parse_args(argv)
    trees = {name: Path(tree) for name, tree in (item.split("=", 1) for item in args.tree)}
    others = {name: Path(exe) for name, exe in (item.split("=", 1) for item in args.other_bundle)}
    env = child_env(cache_root())
    with Xvfb() as display:
        result = user_start(
            args.data_dir, max(1, args.runs), {**env, **display}, args.bundle, trees, others
        )
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
