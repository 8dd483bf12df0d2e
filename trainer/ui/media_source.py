"""Where card text's pictures and sounds come from: the collection's media store, as the
services read it (`MediaService.read`), set once by the main window. Nothing else: card text
never opens a path or a URL (ui/safe_text.py). No Qt here: it is set before the first paint.
"""

from __future__ import annotations

from collections.abc import Callable

MediaReader = Callable[[str], "bytes | None"]

_reader: MediaReader | None = None


def use(reader: MediaReader | None) -> None:
    """Read media through `reader` from now on (None: show no media at all)."""
    global _reader
    _reader = reader


def read(name: str) -> bytes | None:
    """The bytes of the store file `name`, or None."""
    return _reader(name) if _reader is not None else None


MediaKeeper = Callable[[bytes, str], str]
_keeper: MediaKeeper | None = None


def use_keeper(keeper: MediaKeeper | None) -> None:
    """Keep pasted, dropped and attached files through `keeper` (MediaService.add)."""
    global _keeper
    _keeper = keeper


def keep(data: bytes, filename: str) -> str:
    """Keep `data` in the store and return its name; raises core.media.MediaRefused."""
    if _keeper is None:
        from trainer.core.media import MediaRefused

        raise MediaRefused("no collection is open to keep it in")
    return _keeper(data, filename)
