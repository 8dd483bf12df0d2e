"""Reading untrusted files safely: zip archives, text, and a temporary folder for SQLite.

Every refusal is an `ExchangeError` naming the file and the reason in one line. Nothing is
ever extracted outside a temporary folder that is deleted afterwards.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, BinaryIO

from trainer.exchange.errors import Cancel, ExchangeError, check_cancel

MiB = 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_DRIVE = re.compile(r"^[A-Za-z]:")
_CHUNK = MiB


@dataclass(frozen=True)
class ZipLimits:
    """What a sane deck archive stays under; anything beyond is treated as a zip bomb."""

    max_entries: int = 50_000
    max_total_size: int = 8 * 1024 * MiB  # all entries, uncompressed, as declared
    max_entry_size: int = 2048 * MiB  # any one entry Keeper actually reads
    max_ratio: int = 200  # uncompressed / compressed, for entries over ratio_floor
    ratio_floor: int = 16 * MiB


DEFAULT_LIMITS = ZipLimits()
# What Keeper reads out of one archive, all entries and any zstd inside them together:
# 32 times the archive's size, at least 24 MiB. A file under 1 MB thus expands to 32 MiB at
# most: 32 MiB of the tersest JSON takes 270 MB to parse. Real exports expand 5 to 12 times.
EXPANSION_FLOOR = 24 * MiB
EXPANSION_RATIO = 32
# Cards, notes and reviews a file may hold, per byte of file: real exports hold one in 30
# to 100 bytes, a crafted one in a handful; each costs Keeper about 1 KB and 0.1 ms to
# import. A file under 1 MB thus holds at most 131,072 (under 300 MB and 30 s).
BYTES_PER_ROW = 8
ROW_FLOOR = 100_000


def row_limit(path: Path) -> int:
    """How many cards, notes and reviews together the file `path` may bring."""
    return max(ROW_FLOOR, path.stat().st_size // BYTES_PER_ROW)


MAX_TEXT_FILE = 512 * MiB


def check_input_file(path: Path) -> int:
    """The size of a readable, non-empty regular file; otherwise a one-line refusal."""
    try:
        found = path.stat()
    except FileNotFoundError:
        raise ExchangeError(path, "no such file") from None
    except OSError as error:
        raise ExchangeError(path, f"cannot read the file ({error.strerror or error})") from None
    if stat.S_ISDIR(found.st_mode):
        raise ExchangeError(path, "is a folder, not a file")
    if not stat.S_ISREG(found.st_mode):  # a FIFO could block forever, /dev/zero never end
        raise ExchangeError(path, f"is not a regular file ({_kind(found.st_mode)})")
    if found.st_size == 0:
        raise ExchangeError(path, "the file is empty")
    return found.st_size


def read_text_file(path: Path) -> str:
    """A whole text file as UTF-8 (a BOM is dropped); refuses empty, huge or non-UTF-8 files."""
    size = check_input_file(path)
    if size > MAX_TEXT_FILE:
        raise ExchangeError(path, f"the file is too large ({size // MiB} MiB)")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ExchangeError(path, f"cannot read the file ({error.strerror or error})") from None
    text = decode_utf8(data, path)
    if not text.strip():
        raise ExchangeError(path, "the file is empty")
    return text


def decode_utf8(data: bytes, path: Path, where: str = "") -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        inside = f"{where} " if where else ""
        raise ExchangeError(
            path,
            f"{inside}is not valid UTF-8 text (byte 0x{data[error.start]:02x} at offset "
            f"{error.start})",
        ) from None


def looks_like_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) in (_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)
    except OSError:
        return False


class SafeZip:
    """A zip archive opened for reading after its directory passed every safety check."""

    def __init__(
        self,
        path: Path,
        limits: ZipLimits | None = None,
        kind: str = "",
        cancel: Cancel | None = None,
    ) -> None:
        self.path = path
        self.limits = limits or DEFAULT_LIMITS
        self.cancel = cancel
        size = check_input_file(path)
        self.budget = max(EXPANSION_FLOOR, EXPANSION_RATIO * size)
        self._expanded = 0
        named = f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind}"
        what = f"not {named} ({named} is a zip archive)" if kind else "not a zip archive"
        if not zipfile.is_zipfile(path):
            if looks_like_zip(path):
                raise ExchangeError(path, "the archive is truncated or damaged (no zip directory)")
            raise ExchangeError(path, what)
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
            raise ExchangeError(path, f"the archive is truncated or damaged ({error})") from None
        try:
            self._infos = {info.filename: info for info in self._check_directory()}
        except ExchangeError:
            self._zip.close()
            raise

    def _check_directory(self) -> list[zipfile.ZipInfo]:
        infos = self._zip.infolist()
        limits = self.limits
        if len(infos) > limits.max_entries:
            raise self._error(
                f"too many entries ({len(infos):,}; the limit is {limits.max_entries:,}): "
                "refusing a possible zip bomb"
            )
        total = 0
        seen: set[str] = set()
        for info in infos:
            name = info.filename
            if _unsafe_name(name):
                raise self._error(f"unsafe entry name {name!r} (absolute path or '..')")
            if name in seen:
                raise self._error(f"the entry {name!r} appears twice")
            seen.add(name)
            if info.flag_bits & 0x1:
                raise self._error(f"the entry {name!r} is encrypted")
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
                raise self._error(
                    f"the entry {name!r} expands {ratio:,.0f} times "
                    f"({info.file_size // MiB:,} MiB): refusing a possible zip bomb"
                )
        if total > limits.max_total_size:
            raise self._error(
                f"uncompressed size is absurd ({total // MiB:,} MiB; the limit is "
                f"{limits.max_total_size // MiB:,} MiB): refusing a possible zip bomb"
            )
        return infos

    def _error(self, reason: str) -> ExchangeError:
        return ExchangeError(self.path, reason)

    @property
    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, name: str) -> bool:
        return name in self._infos

    def size(self, name: str) -> int:
        return self._infos[name].file_size

    def read(self, name: str) -> bytes:
        parts: list[bytes] = []
        self._stream(name, parts.append)
        return b"".join(parts)

    def read_text(self, name: str) -> str:
        data = self.read(name)
        if not data.strip():
            raise self._error(f"{name} is empty")
        return decode_utf8(data, self.path, name)

    def copy_to(self, name: str, target: BinaryIO) -> None:
        """Stream one entry into an open file (inside a temporary folder)."""
        self._stream(name, target.write)

    def expand(self, name: str, count: int) -> None:
        """Count `count` more bytes read out of the archive (for `name`); refuse past the
        budget, and stop if the user cancelled. Called for every chunk."""
        check_cancel(self.cancel)
        self._expanded += count
        if self._expanded > self.budget:
            raise self._error(
                f"{name} expands past {self.budget // MiB:,} MiB, more than "
                f"{EXPANSION_RATIO} times the file's size: refusing a possible zip bomb"
            )

    @contextmanager
    def reader(self, name: str) -> Iterator[EntryReader]:
        """One entry as a file read in chunks (for a decompressor reading from it): each
        chunk counted like `copy_to`'s, so the whole entry is never in memory at once."""
        info = self._infos.get(name)
        if info is None:
            raise self._error(f"{name} is missing from the archive")
        if info.file_size > self.limits.max_entry_size:
            raise self._error(f"{name} is too large ({info.file_size // MiB:,} MiB)")
        try:
            entry = self._zip.open(info)
        except (zipfile.BadZipFile, EOFError, zlib.error, OSError, NotImplementedError) as error:
            raise self._error(f"the archive is truncated or damaged ({name}: {error})") from None
        with entry:
            yield EntryReader(self, name, entry, info.file_size)

    def _stream(self, name: str, sink: Callable[[bytes], object]) -> None:
        with self.reader(name) as entry:
            while chunk := entry.read(_CHUNK):
                sink(chunk)

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class EntryReader:
    """A zip entry read at most `_CHUNK` at a time, never past the size its header gives."""

    def __init__(self, archive: SafeZip, name: str, entry: IO[bytes], size: int) -> None:
        self._archive = archive
        self._name = name
        self._entry = entry
        self._size = size
        self._done = 0

    def read(self, size: int = -1) -> bytes:
        wanted = _CHUNK if size < 0 else min(size, _CHUNK)
        try:
            chunk = self._entry.read(wanted)
        except (zipfile.BadZipFile, EOFError, zlib.error, OSError, NotImplementedError) as error:
            raise self._archive._error(
                f"the archive is truncated or damaged ({self._name}: {error})"
            ) from None
        self._done += len(chunk)
        if self._done > self._size:
            raise self._archive._error(f"{self._name} is larger than its zip header says")
        self._archive.expand(self._name, len(chunk))
        return chunk


def _unsafe_name(name: str) -> bool:
    if not name or "\x00" in name or name.startswith(("/", "\\")) or _DRIVE.match(name):
        return True
    return any(part == ".." for part in re.split(r"[/\\]", name))


@contextmanager
def temporary_folder() -> Iterator[Path]:
    """A private folder that is deleted, with everything in it, when the block ends."""
    folder = Path(tempfile.mkdtemp(prefix="keeper-exchange-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path beside the file to write that replaces it only if the block succeeds.

    Only a regular file is ever replaced: a device, FIFO, socket or folder is refused. A
    symbolic link is written through: the file it points to is replaced, the link stays. The
    new file keeps the old one's permissions, or the usual ones (the umask) when it is new.
    """
    target = _output_target(path)
    folder = target.parent
    if not folder.is_dir():
        raise ExchangeError(path, f"the folder {folder} does not exist")
    try:
        old_mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else None
        temporary = _new_file(folder, target.name)
        if old_mode is not None:
            temporary.chmod(old_mode)
    except OSError as error:
        raise ExchangeError(path, f"cannot write the file ({error.strerror or error})") from None
    try:
        yield temporary
        os.replace(temporary, target)
    except OSError as error:
        raise ExchangeError(path, f"cannot write the file ({error.strerror or error})") from None
    finally:
        temporary.unlink(missing_ok=True)


def _output_target(path: Path) -> Path:
    """The regular file (or new name) that writing to `path` replaces; refuses anything else."""
    try:
        target = path.resolve() if path.is_symlink() else path
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except (OSError, RuntimeError) as error:  # RuntimeError: a symbolic link loop
        raise ExchangeError(path, f"cannot write the file ({error})") from None
    if stat.S_ISDIR(mode):
        raise ExchangeError(path, "is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise ExchangeError(
            path, f"is not a regular file ({_kind(mode)}); Keeper only writes regular files"
        )
    return target


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    return "a socket" if stat.S_ISSOCK(mode) else "a special file"


def _new_file(folder: Path, name: str) -> Path:
    """A new empty file in `folder`, made with the umask's permissions (mkstemp's are 0600)."""
    while True:
        candidate = folder / f".{name}.{secrets.token_hex(4)}.part"
        try:
            os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return candidate
