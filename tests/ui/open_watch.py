"""Which files in a folder get opened, as the kernel sees it (Linux inotify, via ctypes).

Used to prove that showing hostile text opens nothing: the folder holds bait files that
the text names, and any open of one of them, by Qt or anything else, is recorded."""

from __future__ import annotations

import ctypes
import os
import struct
from pathlib import Path

IN_OPEN = 0x20
_EVENT = struct.Struct("iIII")  # watch, mask, cookie, length of the name that follows


class OpenWatch:
    def __init__(self, folder: Path) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        self._fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self._fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        if libc.inotify_add_watch(self._fd, os.fsencode(folder), IN_OPEN) < 0:
            raise OSError(ctypes.get_errno(), f"cannot watch {folder}")

    def opened(self) -> list[str]:
        """The names opened since the last call ("." for the folder itself)."""
        names: list[str] = []
        while True:
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                return names
            at = 0
            while at < len(data):
                *_, length = _EVENT.unpack_from(data, at)
                start = at + _EVENT.size
                name = data[start : start + length].rstrip(b"\0").decode()
                names.append(name or ".")
                at = start + length

    def close(self) -> None:
        os.close(self._fd)
