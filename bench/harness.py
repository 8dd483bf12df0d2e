"""What every part of the benchmark shares: timing summaries, child processes, the cache.

Each measurement runs in a child process of its own (started with this interpreter, never a
shim), so Python's start-up counts where it should, one part's memory does not
leak into another's, and Keeper and Anki never share a process.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DATABASE_FILE = "collection.sqlite3"  # trainer.app.DATABASE_FILE, without importing Keeper


def summary(samples: Sequence[float], *, percentiles: bool = False) -> dict[str, float]:
    """Median, min and max (and p50, p99 when asked) of samples in milliseconds."""
    ordered = sorted(samples)
    result = {
        "median": round(statistics.median(ordered), 2),
        "min": round(ordered[0], 2),
        "max": round(ordered[-1], 2),
        "n": len(ordered),
    }
    if percentiles:
        result["p50"] = round(percentile(ordered, 50), 2)
        result["p99"] = round(percentile(ordered, 99), 2)
    return result


def percentile(ordered: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile of already sorted samples."""
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil
    return ordered[int(rank) - 1]


def timed_ms(work: object, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        samples.append((time.perf_counter() - started) * 1000)
    return samples


# Child processes -----------------------------------------------------------------------


def python() -> str:
    """This interpreter as started: in a venv, the venv's `python` (a link to the base binary
    on Linux and macOS, so it starts as fast, and it keeps the venv's packages; resolving
    the link would lose them). `sys.executable` is never a pyenv shim (a shell script on
    PATH that costs tens of milliseconds a start): pyenv hands over to the real binary."""
    return sys.executable


def child_env(cache: Path) -> dict[str, str]:
    """Children write bytecode caches (as an installed Keeper has them) outside the tree."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache / "pycache")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


@dataclass(frozen=True)
class ChildRun:
    seconds: float  # spawn to exit, as the parent saw it
    spawned_at: float  # time.monotonic() just before the spawn
    max_rss_mb: float  # the child's own peak resident memory
    cpu_s: float  # the child's own CPU time, user and system
    stdout: str
    stderr: str
    returncode: int


def run_child(
    args: Sequence[str], env: dict[str, str], *, timeout: float = 900, cwd: Path | None = None
) -> ChildRun:
    """Run `args` (in `cwd`), measuring wall time, the peak RSS and the CPU time of that one
    process (wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        spawned_at = time.monotonic()
        process = subprocess.Popen(list(args), stdout=out, stderr=err, env=env, cwd=cwd)
        deadline = spawned_at + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                raise TimeoutError(f"{' '.join(args)} took longer than {timeout} s")
            time.sleep(0.001)
        seconds = time.monotonic() - spawned_at
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildRun(
            seconds=seconds,
            spawned_at=spawned_at,
            max_rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
            cpu_s=usage.ru_utime + usage.ru_stime,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            returncode=process.returncode,
        )


def run_json_child(args: Sequence[str], env: dict[str, str]) -> tuple[dict, ChildRun]:
    """Run a child that prints one JSON object as its last line; fail loudly otherwise."""
    run = run_child(args, env)
    if run.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited with {run.returncode}:\n{run.stderr[-3000:]}")
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"{' '.join(args)} printed no JSON:\n{run.stdout[-2000:]}")
    return json.loads(lines[-1]), run


# The collections, generated once per size and day -------------------------------------


def cache_root() -> Path:
    chosen = os.environ.get("KEEPER_BENCH_CACHE")
    return Path(chosen) if chosen else Path(tempfile.gettempdir()) / "keeper-bench"


def collection_key(cards: int) -> str:
    """Same size, same generator, same schema, same day: the same collection.

    Due dates are relative to the day it was made, so a collection is not reused the
    next day (everything would slowly become overdue)."""
    digest = hashlib.sha256((BENCH_DIR / "generate.py").read_bytes())
    for step in sorted((ROOT / "trainer" / "storage" / "migrations").glob("*.py")):
        digest.update(step.read_bytes())
    day = datetime.now(UTC).date().isoformat()
    return f"{cards}-{day}-{digest.hexdigest()[:10]}"


def prepared(cache: Path, kind: str, cards: int) -> Path:
    """The folder holding the `kind` collection of `cards` cards (made when missing)."""
    key = collection_key(cards)
    folder = cache / f"{kind}-{key}"
    if (folder / "ready").exists():
        return folder
    for stale in cache.glob(f"{kind}-{cards}-*"):  # an older day or generator
        shutil.rmtree(stale, ignore_errors=True)
    return folder


def working_copy(source: Path, target: Path) -> Path:
    """A fresh copy of a prepared collection folder (the benchmark never edits the cache)."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for item in source.iterdir():
        if item.is_file() and item.name != "ready":
            shutil.copy2(item, target / item.name)
    # Written out now: the kernel would otherwise flush the copy (160 MB at 100k cards)
    # some seconds later, in the middle of whatever is being timed.
    os.sync()
    return target


class Xvfb:
    """A virtual X server for start-up on a real window system (`--xvfb`), when installed."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.display = ""

    def __enter__(self) -> dict[str, str]:
        if shutil.which("Xvfb") is None:
            raise RuntimeError("--xvfb needs Xvfb (apt-get install xvfb)")
        for number in range(90, 120):
            if not Path(f"/tmp/.X11-unix/X{number}").exists():
                break
        self.display = f":{number}"
        self.process = subprocess.Popen(
            ["Xvfb", self.display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.05)
        time.sleep(0.2)
        return {"QT_QPA_PLATFORM": "xcb", "DISPLAY": self.display}

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
