"""Code that PySide6 compiles at every start, kept compiled between starts.

Importing PySide6 loads shiboken6's support code (the `shibokensupport` signature modules,
~150 kB of Python held as strings inside the library) by calling `compile()` on each file,
every start (about 25 ms of CPU, a third of the import), and that code compiles its
regular expressions (about 10 ms more). While `keeping_compiled_code` is open,
`builtins.compile` and `re` keep what they compile in a folder and reuse it at the next start.

A kept file holds the source (or pattern) it was compiled from and a checksum of the
result: it is used only for exactly that source, name, mode and flags, under the same
interpreter (the folder is named after the bytecode's magic number). A file that is
missing, damaged or for another source, or a folder that cannot be written, means
compiling as before.

A start that keeps something new (the first, or the first after PySide6 or Python was
upgraded) also clears out what no start has needed for a while: kept files it did not use
and other interpreters' folders, untouched for `UNUSED_FOR`. The age spares what another
install of Keeper sharing the folder still uses: at worst it keeps its files again once.
"""

import __future__

import builtins
import marshal
import os
import re
import shutil
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from types import CodeType
from typing import Any

# The flags a caller's `from __future__ import ...` passes on to what it compiles.
_FUTURE_FLAGS = 0
for _feature in __future__.all_feature_names:
    _FUTURE_FLAGS |= getattr(__future__, _feature).compiler_flag
UNUSED_FOR = 30 * 24 * 3600  # seconds: kept files unused and unchanged for this are cleared


def interpreter_folder(folder: Path) -> Path:
    """Where `folder` keeps code for this interpreter (code objects differ across versions)."""
    return folder / f"{sys.implementation.cache_tag}-{MAGIC_NUMBER.hex()}"


@contextmanager
def keeping_compiled_code(folder: Path) -> Iterator[None]:
    """While open, `compile(source, name, "exec")` and `re` reuse what is kept in `folder`."""
    original = builtins.compile
    kept = _KeptFiles(interpreter_folder(folder))
    keeper = _CodeKeeper(kept, original)

    def compile_kept(
        source: Any,
        filename: Any,
        mode: str,
        flags: int = 0,
        dont_inherit: bool = False,
        optimize: int = -1,
        **keywords: Any,
    ) -> Any:
        if not dont_inherit:  # as the builtin: the caller's future imports apply, not ours
            flags |= sys._getframe(1).f_code.co_flags & _FUTURE_FLAGS
        if mode != "exec" or dont_inherit or optimize != -1 or keywords or flags & ~_FUTURE_FLAGS:
            # Not the plain call PySide6 makes (importlib's passes dont_inherit and keeps
            # its own .pyc files): compiled as asked.
            return original(source, filename, mode, flags, True, optimize, **keywords)
        return keeper.compile(source, filename, flags)

    compile_pattern = _compiler.compile
    builtins.compile = compile_kept
    _compiler.compile = _PatternKeeper(kept, compile_pattern).compile
    try:
        yield
    finally:
        builtins.compile = original
        _compiler.compile = compile_pattern
        if kept.wrote:
            kept.clear_unused()


class _KeptFiles:
    """One interpreter's folder of kept files, and which of them this start used."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()
        self.wrote = False

    def read(self, text: bytes, name: str, identity: tuple[Any, ...]) -> Any:
        path = _kept_path(self.folder, text, name)
        self.used.add(path.name)
        return _read(path, identity)

    def write(self, text: bytes, name: str, identity: tuple[Any, ...], value: Any) -> None:
        self.wrote |= _write(_kept_path(self.folder, text, name), identity, value)

    def clear_unused(self) -> None:
        """Remove the files and other interpreters' folders unused for `UNUSED_FOR`."""
        old = time.time() - UNUSED_FOR
        with suppress(OSError):
            for path in self.folder.iterdir():
                if path.name not in self.used and _modified(path) < old:
                    with suppress(OSError):
                        path.unlink()
        with suppress(OSError):
            for other in self.folder.parent.iterdir():
                if other == self.folder or not _is_interpreter_folder(other):
                    continue
                if _modified(other) < old:
                    shutil.rmtree(other, ignore_errors=True)


def _modified(path: Path) -> float:
    """When `path` last changed; for a folder, the newest file in it."""
    try:
        if path.is_dir():
            return max([path.stat().st_mtime, *(f.stat().st_mtime for f in path.iterdir())])
        return path.stat().st_mtime
    except OSError:
        return time.time()  # unknown: treated as in use


def _is_interpreter_folder(path: Path) -> bool:
    """A folder `interpreter_folder` names (e.g. cpython-312-cb0d0d0a), holding only kept files."""
    if not re.fullmatch(r"[\w.-]+-[0-9a-f]{8}", path.name) or not path.is_dir():
        return False
    with suppress(OSError):
        return all(".kept" in file.name for file in path.iterdir())
    return False
    with suppress(OSError):
        return all(".kept" in f.name for f in path.iterdir())
    return False


class _CodeKeeper:
    def __init__(self, kept: _KeptFiles, compile_now: Callable[..., Any]) -> None:
        self._kept = kept
        self._compile_now = compile_now

    def compile(self, source: Any, filename: Any, flags: int) -> Any:
        if not isinstance(source, str | bytes) or not isinstance(filename, str):
            return self._compile_now(source, filename, "exec", flags, True)
        text = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
        # -O strips asserts: code compiled under another optimisation level is another code
        identity = ("code", type(source).__name__, text, filename, flags, sys.flags.optimize)
        kept = self._kept.read(text, filename, identity)
        if isinstance(kept, CodeType):
            return kept
        code = self._compile_now(source, filename, "exec", flags, True)
        self._kept.write(text, filename, identity, code)
        return code


class _PatternKeeper:
    """What `re` makes of a pattern (its `_sre` program), kept; `re` caches patterns only
    within one run."""

    def __init__(self, kept: _KeptFiles, compile_now: Callable[..., Any]) -> None:
        self._kept = kept
        self._compile_now = compile_now

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        if not isinstance(pattern, str | bytes) or flags & re.DEBUG:
            return self._compile_now(pattern, flags)
        text = pattern.encode("utf-8", "surrogatepass") if isinstance(pattern, str) else pattern
        identity = ("pattern", type(pattern).__name__, text, flags)
        kept = self._kept.read(text, f"re-{flags}", identity)
        if kept is not None:
            with suppress(TypeError, ValueError):
                return _compiler._sre.compile(pattern, *kept)
        program = _sre_program(pattern, flags)
        self._kept.write(text, f"re-{flags}", identity, program)
        return _compiler._sre.compile(pattern, *program)


def _sre_program(pattern: str | bytes, flags: int) -> tuple[Any, ...]:
    """What `re._compiler.compile` hands `_sre.compile` after the pattern (the same steps)."""
    parsed = _parser.parse(pattern, flags)
    code = [int(word) for word in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags),
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _kept_path(folder: Path, text: bytes, name: str) -> Path:
    named = zlib.crc32(name.encode("utf-8", "surrogatepass"))
    return folder / f"{zlib.crc32(text):08x}-{named:08x}-{len(text)}.kept"


def _read(path: Path, identity: tuple[Any, ...]) -> Any:
    """What is kept for `identity` at `path`; None when missing, damaged or another's."""
    try:
        *kept_identity, checksum, kept = marshal.loads(path.read_bytes())
        if tuple(kept_identity) != identity or zlib.crc32(kept) != checksum:
            return None
        return marshal.loads(kept)
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _write(path: Path, identity: tuple[Any, ...], value: Any) -> bool:
    """Keep `value` at `path` (written whole, then renamed); False if that fails."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        kept = marshal.dumps(value)
        data = marshal.dumps((*identity, zlib.crc32(kept), kept))
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except (OSError, ValueError):  # ValueError: not marshallable
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        return False
    return True
