"""PySide's import hook, made cheap: it reads every later module's source as plain bytes.

Once PySide6 is loaded it asks, for each module imported afterwards, whether the module's
source mentions "PySide6" (to support `from __feature__ import snake_case`, which Keeper
does not use). PySide answers with `inspect.getsource`, which goes through linecache: about
0.1 ms per module, 5 ms before the first window paints, more when a room loads SQLAlchemy,
and every source file kept in memory for the life of the process. The same question,
answered by reading the file's bytes, costs a tenth and keeps nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from types import ModuleType

_FEATURE_MODULE = "shibokensupport.feature"
_SCAN = "_mod_uses_pyside"


def install() -> None:
    """Swap PySide's scan for the byte read. Does nothing if this PySide has no such scan."""
    feature = sys.modules.get(_FEATURE_MODULE)
    original = getattr(feature, _SCAN, None)
    if feature is None or original is None:
        return
    setattr(feature, _SCAN, bytes_scan(original))


def bytes_scan(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    @wraps(original)  # keeps the original as __wrapped__
    def mentions_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)  # built-in, extension, zipped: PySide's own way
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    return mentions_pyside
