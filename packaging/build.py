"""Build the Keeper desktop bundle: `python packaging/build.py` -> dist/keeper/ at the repo root.

Renders the icons if the SVG changed, then runs PyInstaller on packaging/keeper.spec with
build artefacts in build/ and the bundle in dist/ (both git-ignored).
Needs the `package` extra: pip install -e '.[package]'.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "keeper.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build"
BUNDLE = DIST / "keeper"
EXECUTABLE = BUNDLE / ("keeper.exe" if sys.platform == "win32" else "keeper")


def fail(message: str) -> int:
    print(f"build: FAILED: {message}", file=sys.stderr)
    return 1


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Keeper bundle into dist/keeper/.")
    parser.add_argument("--clean", action="store_true", help="drop PyInstaller caches and build/")
    parser.add_argument(
        "--voice",
        action="store_true",
        help="include spoken rehearsal (needs the voice extra: pip install -e '.[voice]')",
    )
    args = parser.parse_args(argv)
    if args.voice and importlib.util.find_spec("faster_whisper") is None:
        return fail("--voice needs the voice extra; run: pip install -e '.[voice]'")

    if importlib.util.find_spec("PyInstaller") is None:
        return fail("PyInstaller is not installed; run: pip install -e '.[package]'")

    started = time.monotonic()
    icons = subprocess.run([sys.executable, str(PACKAGING / "render_icons.py")], cwd=ROOT)
    if icons.returncode != 0:
        return fail(f"rendering icons failed (exit {icons.returncode})")

    if args.clean:
        shutil.rmtree(WORK, ignore_errors=True)
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC),
    ]  # fmt: skip
    if args.clean:
        command.insert(3, "--clean")
    print("build:", " ".join(command), flush=True)
    environment = {**os.environ, "KEEPER_BUNDLE_VOICE": "1" if args.voice else "0"}
    result = subprocess.run(command, cwd=ROOT, env=environment)
    if result.returncode != 0:
        return fail(f"PyInstaller exited with {result.returncode}")
    if not EXECUTABLE.is_file():
        return fail(f"PyInstaller finished but {EXECUTABLE} is missing")

    size_mb = folder_size(BUNDLE) / 2**20
    elapsed = time.monotonic() - started
    print(f"build: OK: {EXECUTABLE.relative_to(ROOT)} ({size_mb:.0f} MiB) in {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
