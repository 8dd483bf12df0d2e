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
"""

import __future__

import builtins
import marshal
import os
import re
import sys
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


def interpreter_folder(folder: Path) -> Path:
    """Where `folder` keeps code for this interpreter (code objects differ across versions)."""
    return folder / f"{sys.implementation.cache_tag}-{MAGIC_NUMBER.hex()}"


@contextmanager
def keeping_compiled_code(folder: Path) -> Iterator[None]:
    """While open, `compile(source, name, "exec")` and `re` reuse what is kept in `folder`."""
    original = builtins.compile
    keeper = _CodeKeeper(interpreter_folder(folder), original)

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
    _compiler.compile = _PatternKeeper(interpreter_folder(folder), compile_pattern).compile
    try:
        yield
    finally:
        builtins.compile = original
        _compiler.compile = compile_pattern


class _CodeKeeper:
    def __init__(self, folder: Path, compile_now: Callable[..., Any]) -> None:
        self._folder = folder
        self._compile_now = compile_now

    def compile(self, source: Any, filename: Any, flags: int) -> Any:
        if not isinstance(source, str | bytes) or not isinstance(filename, str):
            return self._compile_now(source, filename, "exec", flags, True)
        text = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
        # -O strips asserts: code compiled under another optimisation level is another code
        identity = ("code", type(source).__name__, text, filename, flags, sys.flags.optimize)
        path = _kept_path(self._folder, text, filename)
        kept = _read(path, identity)
        if isinstance(kept, CodeType):
            return kept
        code = self._compile_now(source, filename, "exec", flags, True)
        _write(path, identity, code)
        return code


class _PatternKeeper:
    """What `re` makes of a pattern (its `_sre` program), kept; `re` caches patterns only
    within one run."""

    def __init__(self, folder: Path, compile_now: Callable[..., Any]) -> None:
        self._folder = folder
        self._compile_now = compile_now

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        if not isinstance(pattern, str | bytes) or flags & re.DEBUG:
            return self._compile_now(pattern, flags)
        text = pattern.encode("utf-8", "surrogatepass") if isinstance(pattern, str) else pattern
        identity = ("pattern", type(pattern).__name__, text, flags)
        path = _kept_path(self._folder, text, f"re-{flags}")
        kept = _read(path, identity)
        if kept is not None:
            with suppress(TypeError, ValueError):
                return _compiler._sre.compile(pattern, *kept)
        program = _sre_program(pattern, flags)
        _write(path, identity, program)
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


def _write(path: Path, identity: tuple[Any, ...], value: Any) -> None:
    """Keep `value` at `path` (written whole, then renamed); nothing if that fails."""
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
