"""Code that PySide6 compiles at every start, kept compiled between starts.

Importing PySide6 loads shiboken6's support code (the `shibokensupport` signature modules,
~150 kB of Python held as strings inside the library) by calling `compile()` on each file,
every start: about 25 ms of CPU, a third of the import. While `keeping_compiled_code` is
open, `builtins.compile` keeps what it compiles in a folder and reuses it at the next start.

A kept file holds the source it was compiled from and a checksum of the code: it is used
only for exactly that source, name, mode and compiler flags, under the same interpreter
(the folder is named after the bytecode's magic number). A file that is missing, damaged or
for another source, or a folder that cannot be written, means compiling as before.
"""

import __future__

import builtins
import marshal
import os
import sys
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from importlib.util import MAGIC_NUMBER
from pathlib import Path
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
    """While open, `compile(source, name, "exec")` reuses code kept in `folder`."""
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

    builtins.compile = compile_kept
    try:
        yield
    finally:
        builtins.compile = original


class _CodeKeeper:
    def __init__(self, folder: Path, compile_now: Callable[..., Any]) -> None:
        self._folder = folder
        self._compile_now = compile_now

    def compile(self, source: Any, filename: Any, flags: int) -> Any:
        if not isinstance(source, str | bytes) or not isinstance(filename, str):
            return self._compile_now(source, filename, "exec", flags, True)
        text = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
        # -O strips asserts: code compiled under another optimisation level is another code
        identity = (type(source).__name__, text, filename, flags, sys.flags.optimize)
        name = zlib.crc32(filename.encode("utf-8", "surrogatepass"))
        path = self._folder / f"{zlib.crc32(text):08x}-{name:08x}-{len(text)}.code"
        kept = _read(path, identity)
        if kept is not None:
            return kept
        code = self._compile_now(source, filename, "exec", flags, True)
        _write(path, identity, code)
        return code


def _read(path: Path, identity: tuple[Any, ...]) -> CodeType | None:
    """The kept code for `identity` at `path`; None when missing, damaged or another's."""
    try:
        *kept_identity, checksum, code_bytes = marshal.loads(path.read_bytes())
        if tuple(kept_identity) != identity or zlib.crc32(code_bytes) != checksum:
            return None
        code = marshal.loads(code_bytes)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def _write(path: Path, identity: tuple[Any, ...], code: CodeType) -> None:
    """Keep `code` at `path` (written whole, then renamed); nothing if that fails."""
    code_bytes = marshal.dumps(code)
    data = marshal.dumps((*identity, zlib.crc32(code_bytes), code_bytes))
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
